// Which documents have edits waiting: `textDocument/didChange` notifications the connection has read but
// not yet dispatched (vscode-jsonrpc reads a burst at once and dispatches one message per turn of the event
// loop). The server checks this before it validates a document, so a check never runs for a version that a
// newer edit, already received, is about to replace: typing never queues up work.
import type { Message, MessageReader, MessageStrategy, NotificationMessage } from 'vscode-languageserver/node';
import { ParamsCheck } from './paramsCheck';
import { tapReader } from './readerTap';

const DID_CHANGE = 'textDocument/didChange';

/**
 * The document a didChange will change, or undefined. One that changes nothing schedules no check of its own — no
 * content changes (Neovim 0.7 sends one after a burst of undos), or malformed and dropped (paramsCheck.ts) — so it
 * is not a waiting edit: counted, it made the check of the edit before it stand down for good.
 */
function changedUri(message: Message): string | undefined {
  const m = message as { method?: unknown; params?: { textDocument?: { uri?: unknown }; contentChanges?: unknown } };
  if (m.method !== DID_CHANGE) return undefined;
  const uri = m.params?.textDocument?.uri;
  if (typeof uri !== 'string' || !Array.isArray(m.params?.contentChanges) || m.params.contentChanges.length === 0) return undefined;
  return ParamsCheck.problem(message as NotificationMessage) === undefined ? uri : undefined;
}

export class PendingChanges {
  private readonly counts = new Map<string, number>();

  /** Whether a newer edit of `uri` has been read and is waiting to be applied. */
  has(uri: string): boolean {
    return (this.counts.get(uri) ?? 0) > 0;
  }

  /** The reader the connection reads through: every didChange is counted as it is read. */
  reader(inner: MessageReader): MessageReader {
    return tapReader(inner, (message) => {
      const uri = changedUri(message);
      if (uri !== undefined) this.counts.set(uri, (this.counts.get(uri) ?? 0) + 1);
    });
  }

  /** The connection's message strategy: a didChange is uncounted as it is dispatched. */
  readonly strategy: MessageStrategy = {
    handleMessage: (message, next) => {
      const uri = changedUri(message);
      if (uri !== undefined) {
        const left = (this.counts.get(uri) ?? 1) - 1;
        if (left > 0) this.counts.set(uri, left);
        else this.counts.delete(uri);
      }
      return next(message);
    },
  };
}
