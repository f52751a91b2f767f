// Coalesces `workspace/didChangeWatchedFiles` notifications: a burst (a branch switch, a build writing
// thousands of files) becomes one pass over the distinct files once the burst goes quiet, so requests
// such as hover are answered between notifications instead of after thousands of re-checks.
import { FileChangeType, type FileEvent } from 'vscode-languageserver/node';

export interface FileChangeBatchOptions {
  /** Apply once no new change has come for this long. */
  quietMs: number;
  /** …but never hold the first pending change longer than this (a stream that never pauses). */
  maxWaitMs: number;
}

export class FileChangeBatch {
  private pending = new Map<string, FileChangeType>();
  private timer: NodeJS.Timeout | undefined;
  private firstPendingAt = 0;
  private running = false;

  constructor(
    private readonly apply: (changes: FileEvent[]) => Promise<void>,
    private readonly options: FileChangeBatchOptions = { quietMs: 30, maxWaitMs: 300 },
  ) {}

  add(events: readonly FileEvent[]): void {
    if (!this.pending.size) this.firstPendingAt = Date.now();
    for (const e of events) {
      const before = this.pending.get(e.uri);
      // A file created or deleted within the batch keeps that (structural) kind over later edits.
      this.pending.set(e.uri, e.type === FileChangeType.Changed && before !== undefined ? before : e.type);
    }
    this.arm();
  }

  private arm(): void {
    if (this.running || !this.pending.size) return;
    if (this.timer) clearTimeout(this.timer);
    const waited = Date.now() - this.firstPendingAt;
    this.timer = setTimeout(() => void this.flush(), Math.max(0, Math.min(this.options.quietMs, this.options.maxWaitMs - waited)));
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    const changes = [...this.pending].map(([uri, type]) => ({ uri, type }));
    this.pending.clear();
    this.running = true;
    try {
      await this.apply(changes);
    } finally {
      this.running = false;
      // Changes that came during the pass start the next one.
      this.arm();
    }
  }
}
