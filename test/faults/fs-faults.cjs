// Preloaded into the real binary (node -r) to stand in for file systems the test machine
// lacks. Set by environment variables:
//   GENZ_FAULT_COARSE=1        timestamps in whole seconds (ext3, some NFS, FAT: 2 s)
//   GENZ_FAULT_EACCES=<dir>    <dir> reads as a non-root user sees a chmod 000 directory
// (As root, chmod 000 stops no read, so a real unreadable directory cannot be made.)
const fs = require('node:fs');

if (process.env.GENZ_FAULT_COARSE === '1') {
  for (const name of ['statSync', 'lstatSync', 'fstatSync']) {
    const original = fs[name];
    fs[name] = function coarse(...args) {
      const stat = original.apply(this, args);
      if (stat && typeof stat.mtimeMs === 'number') {
        stat.mtimeMs = Math.floor(stat.mtimeMs / 1000) * 1000;
        stat.ctimeMs = Math.floor(stat.ctimeMs / 1000) * 1000;
      }
      return stat;
    };
  }
}

const locked = process.env.GENZ_FAULT_EACCES;
if (locked) {
  const deny = (path) => {
    const text = String(path);
    return text === locked || text.startsWith(`${locked}/`);
  };
  for (const name of ['accessSync', 'readdirSync', 'readFileSync', 'openSync', 'opendirSync']) {
    const original = fs[name];
    fs[name] = function denied(path, ...rest) {
      if (deny(path)) throw Object.assign(new Error(`EACCES: permission denied, ${name} '${path}'`), { code: 'EACCES', path: String(path) });
      return original.call(this, path, ...rest);
    };
  }
}
