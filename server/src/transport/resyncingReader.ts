// A message reader for stdio that logs malformed frames and resynchronizes (see frameParser.ts) instead of
// stalling the connection as vscode-jsonrpc's stream reader does. It also remembers whether the client
// asked the server to shut down, so the end of the input can exit with the code the protocol expects, and
// tells `onChunk` after each chunk how many messages it completed and whether one is left partly read.
import { AbstractMessageReader, Disposable, type DataCallback, type Message } from 'vscode-languageserver/node';
import { FrameParser } from './frameParser';

export class ResyncingMessageReader extends AbstractMessageReader {
  /** True once a `shutdown` request came in: the end of input is then an orderly exit. */
  shutdownRequested = false;

  constructor(
    private readonly input: NodeJS.ReadableStream,
    private readonly report: (problem: string) => void,
    private readonly onChunk: (completed: number, partial: boolean) => void = () => undefined,
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    const parser = new FrameParser();
    const onData = (chunk: Buffer | string) => {
      const { messages, problems } = parser.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
      for (const p of problems) this.report(p);
      for (const m of messages) {
        if ((m as { method?: unknown }).method === 'shutdown') this.shutdownRequested = true;
        callback(m as Message);
      }
      this.onChunk(messages.length, parser.holdsPartialFrame);
    };
    const onError = (err: Error) => this.fireError(err);
    const onEnd = () => this.fireClose();
    this.input.on('data', onData);
    this.input.on('error', onError);
    this.input.on('end', onEnd);
    this.input.on('close', onEnd);
    return Disposable.create(() => {
      this.input.off('data', onData);
      this.input.off('error', onError);
      this.input.off('end', onEnd);
      this.input.off('close', onEnd);
    });
  }
}
