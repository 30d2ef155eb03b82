/**
 * The exported site in a real Chromium (Debian's, driven by playwright-core; never a
 * downloaded browser): search, navigation, no request leaving the folder, no console error,
 * axe-core, a phone's width, and hostile entries that must stay text. Skipped, saying so,
 * when there is no Chromium.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS, chromiumStatus } from './export-helpers.ts';
import { genz, ROOT } from './helpers.ts';

const status = chromiumStatus(CHROMIUM);
if ('skip' in status) console.warn(`export browser tests ${status.skip}`);

describe('finding Chromium', () => {
  it('says in one line why the browser tests are skipped', () => {
    expect(chromiumStatus('/nonexistent/chromium')).toEqual({ skip: 'skipped: no Chromium at /nonexistent/chromium (apt-get install chromium, or set GENZ_CHROMIUM)' });
    expect(chromiumStatus(process.execPath)).toEqual({ executablePath: process.execPath });
  });
});

const HOSTILE_TERM = readFileSync(join(ROOT, 'test', 'fixtures', 'export', 'evil.yaml'), 'utf8');
const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

describe.skipIf('skip' in status)(`the exported site in Chromium${'skip' in status ? ` (${status.skip})` : ''}`, () => {
  const work = mkdtempSync(join(tmpdir(), 'genz-browser-'));
  const site = join(work, 'site');
  const hostile = join(work, 'hostile');
  let context: BrowserContext;
  const requests: string[] = [];
  const problems: string[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    expect(genz(['export', '--format', 'html', '--out', site, '--title', 'Acme glossary']).status).toBe(0);
    const team = join(work, 'team');
    mkdirSync(team);
    writeFileSync(join(team, 'evil.yaml'), HOSTILE_TERM);
    expect(genz(['--data', team, 'export', '--format', 'html', '--out', hostile]).status).toBe(0);
    context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'genz-chromium-')), {
      executablePath: (status as { executablePath: string }).executablePath,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 1000, height: 800 },
      deviceScaleFactor: 1,
    });
    context.on('request', (request) => requests.push(request.url()));
    context.on('page', watch);
  }, 60_000);

  afterAll(async () => {
    await context?.close();
  });

  function watch(page: Page): void {
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  }

  const open = async (root: string, path = 'index.html') => {
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(root, path)).href);
    return page;
  };
  const visible = (page: Page) => page.$$eval('#search-results li[data-slug]', (items) => items.map((li) => li.getAttribute('data-slug')));

  it('filters the index as you type', async () => {
    const page = await open(site);
    await page.locator('#search').pressSequentially('coffee badg');
    await expect.poll(() => visible(page)).toContain('coffee-badging');
    expect((await visible(page))[0]).toBe('coffee-badging');
    expect(await page.isVisible('section[data-category]')).toBe(false);
    await page.fill('#search', 'rizz');
    await expect.poll(() => visible(page)).toEqual(['rizz', 'aura']);
    await expect.poll(() => page.textContent('#search-status')).toBe('2 terms match, best first.');
    await page.fill('#search', 'zzzzqqq');
    await expect.poll(() => page.textContent('#search-status')).toBe('No term matches.');
    await page.fill('#search', '');
    expect(await page.isVisible('section[data-category]')).toBe(true);
    await page.close();
  });

  it('opens an entry, follows a related link, and goes back', async () => {
    const page = await open(site);
    await page.click('a[href="terms/micro-influencer.html"]');
    expect(page.url()).toMatch(/terms\/micro-influencer\.html$/);
    // (No built-in entry has sources yet; the hostile entry's page shows that section.)
    for (const heading of ['Meaning', 'Origin', 'Other ways to say it', 'At work', 'Related', 'FAQ']) {
      expect(await page.isVisible(`h2:text-is("${heading}")`), heading).toBe(true);
    }
    const link = page.locator('#related a').first();
    const target = await link.getAttribute('href');
    await link.click();
    expect(page.url()).toMatch(new RegExp(`terms/${target}$`));
    await page.goBack();
    expect(page.url()).toMatch(/terms\/micro-influencer\.html$/);
    await page.close();
  });

  it.each([['index', 'index.html'], ['an entry', 'terms/micro-influencer.html']])('axe-core finds no serious or critical problem on %s', async (_name, path) => {
    const page = await open(site, path);
    // Evaluated through the DevTools protocol, which the page's CSP does not govern.
    await page.evaluate(AXE);
    // preload: false, or axe fetches the stylesheets itself, which the CSP (rightly) blocks.
    // (Expressions as strings: the tests are compiled without the DOM's types.)
    const results = (await page.evaluate('axe.run(document, { preload: false })')) as { violations: Array<{ id: string; impact: string; help: string }> };
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await page.close();
  });

  it.each([['index', site, 'index.html'], ['an entry', site, 'terms/micro-influencer.html'], ['a hostile entry', hostile, 'terms/evil.html']])(
    'has no horizontal scroll at 375 px: %s',
    async (_name, root, path) => {
      const page = await open(root, path);
      await page.setViewportSize({ width: 375, height: 800 });
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
      await page.close();
    },
  );

  it('follows the light or dark scheme, and prints without the search box', async () => {
    const page = await open(site);
    const background = () => page.evaluate('getComputedStyle(document.body).backgroundColor');
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await background()).toBe('rgb(255, 255, 255)');
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await background()).toBe('rgb(18, 19, 22)');
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    expect(await background()).toBe('rgb(255, 255, 255)');
    expect(await page.isVisible('#search')).toBe(false);
    await page.close();
  });

  it('runs nothing from a hostile term file', async () => {
    const page = await open(hostile, 'terms/evil.html');
    await page.hover('text=Ana');
    await page.click('p.setting');
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(await page.textContent('h1')).toBe('evil');
    expect(await page.getAttribute('#sources a', 'href')).toBe('https://ok.example/a%22onclick=%22window.__pwned=14%3Cx%3E');
    expect(await page.locator('main script, main img, main iframe, main svg, main b').count()).toBe(0);
    const index = await open(hostile);
    await index.fill('#search', 'evil');
    await expect.poll(() => visible(index)).toContain('evil');
    expect(await index.locator('main script, main img, main iframe, main svg, main b').count()).toBe(0);
    expect(await index.textContent('#search-results li[data-slug="evil"] p')).toContain('<script>window.__pwned=3</script>');
    expect(await index.evaluate('window.__pwned')).toBeUndefined();
    expect(dialogs).toEqual([]);
    await page.close();
    await index.close();
  });

  it('takes the README screenshots', async () => {
    const index = await open(site);
    await index.fill('#search', 'quiet');
    await index.screenshot({ path: join(ROOT, 'docs', 'img', 'export-index.png') });
    const entry = await open(site, 'terms/micro-influencer.html');
    await entry.setViewportSize({ width: 1000, height: 1500 });
    await entry.screenshot({ path: join(ROOT, 'docs', 'img', 'export-entry.png') });
    await index.close();
    await entry.close();
  });

  // Last: it reads what every test before it recorded.
  it('made no request outside the exported folders, and logged no error', () => {
    expect(requests.length).toBeGreaterThan(0);
    const inside = [site, hostile].map((dir) => `${pathToFileURL(dir).href}/`);
    expect(requests.filter((url) => !inside.some((prefix) => url.startsWith(prefix)))).toEqual([]);
    expect(problems).toEqual([]);
  });
});
