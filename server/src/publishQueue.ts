// The files whose diagnostics are to go out again because their cross-file findings changed: a few (most keystrokes
// change a few files' findings) in the turn that found them, with the keystroke's own answer; of many, those that
// turn has a couple of milliseconds for (turnBudget.ts), and the rest a few at a time in the turns after. A keystroke
// in an `includes` pattern can change hundreds of files' findings (files reached or not), each a closed file read
// again for its line table: published at once, they held the thread for tens of milliseconds after the keystroke's
// own answer, and the next keystroke waited for them. A file is published with what is current when its turn comes
// (`publish` reads the diagnostics then), so a file queued twice goes out once, and a later change is never lost.
import { eachInTurns, TURN_BUDGET_MS } from './turnBudget';

/** How many files a refresh publishes at once whatever they cost. */
const FEW = 64;

export class PublishQueue {
  private readonly files = new Set<string>();
  private draining: Promise<void> | undefined;

  constructor(
    private readonly publish: (file: string) => void,
    /** One turn of the event loop, in which the client's messages go first (the server's background turn). */
    private readonly turn: () => Promise<void>,
    /** A publish that failed (the others still go out). */
    private readonly failed: (file: string, err: unknown) => void,
  ) {}

  /** Publishes `file` in a later turn (once, however often it is added before then). */
  add(file: string): void {
    this.files.add(file);
    this.draining ??= this.drain();
  }

  /**
   * Publishes queued files now: all of them when they are few (at most `few`: what most keystrokes change), else
   * until `budgetMs` is spent (at least one), the rest in the turns after. Two files a keystroke changed, published a
   * turn after its answer, kept a cleared finding in VS Code's Problems panel for hundreds of milliseconds longer
   * (the end-to-end typing test: 600-1,000 ms from the fixing key instead of 200-350).
   */
  publishSome(few = FEW, budgetMs = TURN_BUDGET_MS): void {
    const all = this.files.size <= few;
    const since = performance.now();
    for (const file of this.taken()) {
      this.publishOne(file);
      if (!all && performance.now() - since >= budgetMs) return;
    }
  }

  /** Takes `file` out of the queue: the caller publishes it itself. */
  delete(file: string): void {
    this.files.delete(file);
  }

  /** Resolves once the files added so far, and those added while they go out, have been published. */
  idle(): Promise<void> {
    return this.draining ?? Promise.resolve();
  }

  private async drain(): Promise<void> {
    try {
      // The turn that queued them ends first: the edit's own answer has gone out, and what the client sent meanwhile goes next.
      await this.turn();
      await eachInTurns(this.taken(), (file) => this.publishOne(file), { turn: this.turn, stop: () => false });
    } finally {
      this.draining = undefined;
      // Added after the last was taken but before this ran (another microtask): not stranded.
      if (this.files.size) this.draining = this.drain();
    }
  }

  private publishOne(file: string): void {
    try {
      this.publish(file);
    } catch (err) {
      this.failed(file, err);
    }
  }

  /** The queued files, each removed as it is taken (a file queued again after that is taken again). */
  private *taken(): Generator<string> {
    for (const file of this.files) {
      this.files.delete(file);
      yield file;
    }
  }
}
