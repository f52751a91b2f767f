// A MessageWriter for a byte stream (stdio) that hands each message to the stream when the server sends it.
// vscode-jsonrpc's StreamMessageWriter queues every message behind a semaphore that runs on the next turn of the
// event loop (setImmediate), so whatever else was queued for that turn went first: during the start-up scan, one
// of the scan's steps (4–8 ms) stood between an edit's check and its diagnostics leaving the process, and after a
// check the overlay hand-off to the worker did too. The framing is the library's (`Content-Length` header, the
// message as UTF-8 JSON); the stream keeps the order of the writes, so no queue of our own is needed.
import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';

const CONTENT_LENGTH = 'Content-Length: ';
const CRLF = '\r\n';

export class ImmediateStreamMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;

  constructor(private readonly stream: NodeJS.WritableStream) {
    super();
    stream.on('error', (error: Error) => this.fireError(error));
    stream.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    let body: Buffer;
    try {
      body = Buffer.from(JSON.stringify(msg), 'utf8');
    } catch (error) {
      // A message JSON cannot carry (a cycle, a BigInt): reported as the library's encoder reports it.
      this.fireError(error);
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      const done = (error?: Error | null) => {
        if (error === undefined || error === null) return resolve();
        this.errorCount++;
        this.fireError(error, msg, this.errorCount);
        reject(error);
      };
      try {
        this.stream.write(`${CONTENT_LENGTH}${body.byteLength}${CRLF}${CRLF}`, 'ascii');
        this.stream.write(body, done);
      } catch (error) {
        done(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  end(): void {
    this.stream.end();
  }
}
