// What the client has sent that the server has not acted on yet: messages read but not yet dispatched
// (vscode-jsonrpc dispatches one per turn of the event loop) and, on stdio, a message whose frame is only
// partly read (a big didOpen arrives in 64 KiB pipe-sized pieces, one per turn). Background work (the start-up
// scan) asks `waiting()` before each step and lets the client's messages go first (serverTurn.ts).
import type { Message, MessageReader, MessageStrategy } from 'vscode-languageserver/node';
import { tapReader } from './readerTap';

const CANCEL = '$/cancelRequest';

export class ClientBacklog {
  /** Messages read and queued by the connection, not yet dispatched. */
  private readonly undispatched = new Set<Message>();
  private partial = false;
  /** Frames completed so far (a partial frame is known by the count it will complete). */
  private frames = 0;
  private readonly inputWaiters = new Set<() => void>();
  /** Messages dispatched so far: a backlog that does not move is no backlog (see `forgetStale`). */
  dispatched = 0;

  /** Whether a message the client sent is read and waits for its turn. */
  waiting(): boolean {
    return this.undispatched.size > 0;
  }

  /**
   * Forgets messages noted as waiting that the connection will never dispatch: the caller saw the backlog
   * stand still over turns in which the connection dispatches one message each (a request replaced by a later
   * one with the same id, say). Background work then goes on instead of waiting for them.
   */
  forgetStale(): void {
    this.undispatched.clear();
  }

  /** Whether a message is partly read (stdio only); its number, to tell one partial frame from the next. */
  partialFrame(): number | undefined {
    return this.partial ? this.frames : undefined;
  }

  /** Resolves when more of the client's input arrives, or after `ms`. */
  nextInput(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.inputWaiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.inputWaiters.add(done);
    });
  }

  /** Called by the stdio reader after each chunk: how many frames it completed, and whether one is left partly read. */
  chunkRead(completed: number, partial: boolean): void {
    this.frames += completed;
    this.partial = partial;
    for (const w of [...this.inputWaiters]) w();
  }

  /** The reader the connection reads through: every message it will queue is noted as it is read. */
  reader(inner: MessageReader): MessageReader {
    return tapReader(inner, (message) => {
      // A cancellation is applied as it is read (or queued only to be dropped): it is no work for the server.
      if ((message as { method?: unknown }).method !== CANCEL) this.undispatched.add(message);
    });
  }

  /** The connection's message strategy: a message leaves the backlog as it is dispatched. */
  readonly strategy: MessageStrategy = {
    handleMessage: (message, next) => {
      // Messages are dispatched in the order read: any noted before this one left the queue some other way.
      for (const m of this.undispatched) {
        this.undispatched.delete(m);
        if (m === message) break;
      }
      this.dispatched++;
      return next(message);
    },
  };

  /** A request cancelled before its dispatch leaves the queue without being dispatched. */
  cancelled(message: Message): void {
    this.undispatched.delete(message);
  }
}
