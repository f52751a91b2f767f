// Coalesces `workspace/didChangeWatchedFiles` notifications: a burst (a branch switch, a build writing
// thousands of files) becomes one pass over the distinct files once the burst goes quiet, so requests
// such as hover are answered between notifications instead of after thousands of re-checks. A pass that
// sees more changes coming stops at its next step and leaves the rest to the pass after the burst: the
// server reads one queued message per turn of the event loop, so work between messages delays them all.
import { FileChangeType, type FileEvent } from 'vscode-languageserver/node';

export interface FileChangeBatchOptions {
  /** Apply once no new change has come for this long. */
  quietMs: number;
  /** …but never hold a change longer than this (a stream that never pauses): then the pass runs through. */
  maxWaitMs: number;
}

/**
 * Applies changes; calls `shouldYield` between steps and, when it says so, stops and returns the changes
 * it did not get to (they are kept for the next pass).
 */
export type ApplyFileChanges = (changes: FileEvent[], shouldYield: () => boolean) => Promise<FileEvent[]>;

export class FileChangeBatch {
  private pending = new Map<string, FileChangeType>();
  private timer: NodeJS.Timeout | undefined;
  /** When the oldest change not yet applied came in. */
  private oldest = 0;
  private running = false;
  private settledWaiters: (() => void)[] = [];

  constructor(
    private readonly apply: ApplyFileChanges,
    private readonly options: FileChangeBatchOptions = { quietMs: 30, maxWaitMs: 2000 },
  ) {}

  /** Resolves once every change received so far has been applied (at once when none is waiting). */
  settled(): Promise<void> {
    if (!this.pending.size && !this.running) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  add(events: readonly FileEvent[]): void {
    if (!this.pending.size && !this.running) this.oldest = Date.now();
    for (const e of events) this.merge(e);
    this.arm();
  }

  private merge(e: FileEvent): void {
    const before = this.pending.get(e.uri);
    // A file created or deleted within the batch keeps that (structural) kind over later edits.
    this.pending.set(e.uri, e.type === FileChangeType.Changed && before !== undefined ? before : e.type);
  }

  private arm(): void {
    if (this.running || !this.pending.size) return;
    if (this.timer) clearTimeout(this.timer);
    const waited = Date.now() - this.oldest;
    this.timer = setTimeout(() => void this.flush(), Math.max(0, Math.min(this.options.quietMs, this.options.maxWaitMs - waited)));
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    const changes = [...this.pending].map(([uri, type]) => ({ uri, type }));
    this.pending.clear();
    this.running = true;
    const started = this.oldest;
    let left: FileEvent[] = [];
    try {
      left = await this.apply(changes, () => this.pending.size > 0 && Date.now() - started < this.options.maxWaitMs);
    } finally {
      this.running = false;
      if (left.length) {
        // Older than what came meanwhile: they go first, and keep their age.
        const newer = [...this.pending].map(([uri, type]) => ({ uri, type }));
        this.pending.clear();
        for (const e of [...left, ...newer]) this.merge(e);
        this.oldest = started;
      } else if (this.pending.size) this.oldest = Date.now();
      if (!this.pending.size) for (const resolve of this.settledWaiters.splice(0)) resolve();
      this.arm();
    }
  }
}
