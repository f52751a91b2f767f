// Runs a computation written in steps (a generator that yields between them) to its end at once: the same code
// serves a caller that must answer now and the start-up load, which takes a turn of the event loop per step.

export function drain<T>(steps: Generator<unknown, T, void>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
