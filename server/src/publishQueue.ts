// The files whose diagnostics are to go out again because their cross-file findings changed, published a few at a
// time in turns of the event loop bounded by time (turnBudget.ts), not all in the turn that found them. A keystroke
// in an `includes` pattern can change hundreds of files' findings (files reached or not), each a closed file read
// again for its line table: published at once, they held the thread for tens of milliseconds after the keystroke's
// own answer, and the next keystroke waited for them. A file is published with what is current when its turn comes
// (`publish` reads the diagnostics then), so a file queued twice goes out once, and a later change is never lost.
import { eachInTurns } from './turnBudget';

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

  /** How many files wait to be published. */
  get size(): number {
    return this.files.size;
  }

  /** Resolves once every file added so far (and any added meanwhile) has been published. */
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
