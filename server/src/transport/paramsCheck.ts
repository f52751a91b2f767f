// The parameters of every LSP request and notification the server handles are checked against their shape
// (paramShapes.ts) as the message is dispatched, before any handler sees them. A malformed request is answered
// InvalidParams with the parameter named ("textDocument/hover: position.line must be a non-negative integer
// (got -1)"), never with the text of a JavaScript error; a malformed notification is dropped (a didChange
// applied halfway would leave the document neither the client's nor the last one) and said in the log, once
// per method. Methods without a shape (the server's own `distroToml/…` requests) pass through.
import { ErrorCodes, Message, type MessageReader, type MessageStrategy, type NotificationMessage, type RequestMessage, type ResponseMessage } from 'vscode-languageserver/node';
import { NOTIFICATION_SHAPES, REQUEST_SHAPES } from './paramShapes';
import { tapReader } from './readerTap';

const CANCEL = '$/cancelRequest';

export class ParamsCheck {
  /** Methods whose malformed notifications have been logged (each once). */
  private readonly logged = new Set<string>();

  /**
   * `answer` writes a response to the client; `log` goes to the server's log. The log is read when first needed,
   * so it may be set after the connection it writes to is made.
   */
  constructor(
    private readonly answer: (response: ResponseMessage) => Promise<void>,
    public log: (message: string) => void = () => undefined,
  ) {}

  /** What is wrong with a request's or notification's parameters, or undefined when they are as its method takes them. */
  static problem(message: RequestMessage | NotificationMessage): string | undefined {
    const shape = (Message.isRequest(message) ? REQUEST_SHAPES : NOTIFICATION_SHAPES).get(message.method);
    const problem = shape?.(message.params, '');
    return problem === undefined ? undefined : `${message.method}: ${problem}`;
  }

  /**
   * The reader the connection reads through. vscode-jsonrpc applies a `$/cancelRequest` as it reads it, before
   * any strategy (and reads `params.id` of whatever came): a malformed one is dropped here.
   */
  reader(inner: MessageReader): MessageReader {
    return tapReader(inner, (message) => !(Message.isNotification(message) && message.method === CANCEL && this.dropped(message)));
  }

  /** Whether a notification is malformed (then it is said in the log, once per method). */
  private dropped(message: NotificationMessage): boolean {
    const problem = ParamsCheck.problem(message);
    if (problem === undefined) return false;
    if (!this.logged.has(message.method)) {
      this.logged.add(message.method);
      this.log(`Dropped a malformed ${message.method} notification (${problem}); later malformed ${message.method} notifications are dropped without a note`);
    }
    return true;
  }

  /** The connection's message strategy: a message with malformed parameters goes no further. */
  readonly strategy: MessageStrategy = {
    handleMessage: (message, next) => {
      if (Message.isRequest(message)) {
        const problem = ParamsCheck.problem(message);
        if (problem !== undefined) return this.answer({ jsonrpc: '2.0', id: message.id, error: { code: ErrorCodes.InvalidParams, message: problem } });
      } else if (Message.isNotification(message) && this.dropped(message)) return undefined;
      return next(message);
    },
  };
}
