// A MessageReader that calls `onRead` with each message as it is read, before the connection queues it; the
// rest (errors, close, partial messages, dispose) is the inner reader's.
import type { Disposable, DataCallback, Message, MessageReader } from 'vscode-languageserver/node';

export function tapReader(inner: MessageReader, onRead: (message: Message) => void): MessageReader {
  return {
    onError: inner.onError,
    onClose: inner.onClose,
    onPartialMessage: inner.onPartialMessage,
    listen: (callback: DataCallback): Disposable =>
      inner.listen((message) => {
        onRead(message);
        callback(message);
      }),
    dispose: () => inner.dispose(),
  };
}
