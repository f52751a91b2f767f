// Computations written in steps (a generator that yields between them): run to their end at once (drain), for a
// caller that must answer now, or named step by step (stepsNamed) for a caller that takes turns of the event loop
// between them and traces each.

export function drain<T>(steps: Generator<unknown, T, void>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** The steps of `steps`, each named `what: part N` (the server traces its warm-up's steps by name). */
export function* stepsNamed(steps: Generator<unknown, unknown, void>, what: string): Generator<string> {
  for (let part = 1; !steps.next().done; part++) yield `${what}: part ${part}`;
}
