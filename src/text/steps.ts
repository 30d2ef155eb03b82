/**
 * Long work as steps, so one piece of code runs both ways: to the end at once, or with a
 * pause between slices of it. A pause lets the event loop run, which is when Ctrl-C is
 * handled: JavaScript runs no signal handler in the middle of synchronous code, so compiling
 * 20,000 term files in one go would keep genz deaf to Ctrl-C for half a minute.
 */

/** Lets the event loop run (handed in by the command line; the core never sees a process). */
export type Pause = () => Promise<void>;

/** Work that yields after each small step (one file parsed, one file checked) and returns T. */
export type Steps<T> = Generator<void, T, void>;

/** A slice of work between pauses: short enough that Ctrl-C is answered at once. */
const SLICE_MS = 20;

/** Runs the steps to the end, without pausing. */
export function finish<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Runs the steps, pausing whenever a slice of SLICE_MS has passed on `clock`. */
export async function drive<T>(steps: Steps<T>, pause: Pause, clock: () => number): Promise<T> {
  let sliceStart = clock();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (clock() - sliceStart >= SLICE_MS) {
      await pause();
      sliceStart = clock();
    }
  }
}
