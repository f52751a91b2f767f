// A MessageReader that calls `onRead` with each message as it is read, before the connection queues it; a message
// for which `onRead` returns false is dropped there. The rest (errors, close, partial messages, dispose) is the
// inner reader's.
import type { Disposable, DataCallback, Message, MessageReader } from 'vscode-languageserver/node';

export function tapReader(inner: MessageReader, onRead: (message: Message) => boolean | void): MessageReader {
  return {
    onError: inner.onError,
    onClose: inner.onClose,
    onPartialMessage: inner.onPartialMessage,
    listen: (callback: DataCallback): Disposable =>
      inner.listen((message) => {
        if (onRead(message) !== false) callback(message);
      }),
    dispose: () => inner.dispose(),
  };
}
