// The server's LSP connection over the transport it was started with. Over stdio it reads through the
// resynchronizing reader (a malformed frame is logged, not fatal) and exits when its input ends — 0 after
// a `shutdown` request, 1 otherwise, so the client knows to restart it. On every transport a request whose
// `$/cancelRequest` arrives before it started is answered RequestCancelled without running, and edits read
// but not yet dispatched are counted (`pendingChanges`) so the server skips checks that a newer edit supersedes;
// every message read and not yet dispatched, and a frame partly read, is the `clientBacklog` background work yields to.
// Every message's parameters are checked as it is dispatched (paramsCheck.ts). Over stdio each message leaves the
// process when it is sent, not on a later turn (immediateStreamWriter.ts).
import { format } from 'node:util';
import {
  createConnection,
  createServerPipeTransport,
  createServerSocketTransport,
  IPCMessageReader,
  IPCMessageWriter,
  LSPErrorCodes,
  ProposedFeatures,
  type Connection,
  type ConnectionOptions,
  type Message,
  type MessageReader,
  type MessageWriter,
  type ResponseMessage,
} from 'vscode-languageserver/node';
import { ClientBacklog } from './clientBacklog';
import { ImmediateStreamMessageWriter } from './immediateStreamWriter';
import { ParamsCheck } from './paramsCheck';
import { PendingChanges } from './pendingChanges';
import { ResyncingMessageReader } from './resyncingReader';
import type { Transport } from './serverTransport';

/** didChange notifications read but not yet dispatched, on whichever transport the server runs. */
export const pendingChanges = new PendingChanges();
/** What the client sent that waits for the server (messages not yet dispatched, a frame partly read). */
export const clientBacklog = new ClientBacklog();

/** The connection's options; `checked` drops (or answers) messages with malformed parameters once they leave the backlog. */
const options = (checked: ParamsCheck): ConnectionOptions => ({
  messageStrategy: {
    handleMessage: (message, next) => clientBacklog.strategy.handleMessage(message, (m) => pendingChanges.strategy.handleMessage(m, (n) => checked.strategy.handleMessage(n, next))),
  },
  connectionStrategy: {
    cancelUndispatched: (message: Message): ResponseMessage => {
      clientBacklog.cancelled(message);
      return {
        jsonrpc: '2.0',
        id: (message as { id?: number | string | null }).id ?? null,
        error: { code: LSPErrorCodes.RequestCancelled, message: 'Request cancelled' },
      };
    },
  },
});

function over(reader: MessageReader, writer: MessageWriter): Connection {
  const checked = new ParamsCheck((response) => writer.write(response));
  const connection = createConnection(ProposedFeatures.all, pendingChanges.reader(clientBacklog.reader(checked.reader(reader))), writer, options(checked));
  checked.log = (message) => connection.console.log(message);
  return connection;
}

export function createServerConnection(transport: Transport): Connection {
  switch (transport.kind) {
    case 'stdio': {
      let connection: Connection | undefined;
      const reader = new ResyncingMessageReader(
        process.stdin,
        (problem) => (connection ? connection.console.error(problem) : process.stderr.write(problem + '\n')),
        (completed, partial) => clientBacklog.chunkRead(completed, partial),
      );
      connection = over(reader, new ImmediateStreamMessageWriter(process.stdout));
      reader.onClose(() => process.exit(reader.shutdownRequested ? 0 : 1));
      // stdout carries the protocol: anything printed goes to the client's log instead.
      const conn = connection;
      console.log = console.info = (...args: unknown[]) => conn.console.log(format(...args));
      console.warn = (...args: unknown[]) => conn.console.warn(format(...args));
      console.error = (...args: unknown[]) => conn.console.error(format(...args));
      return connection;
    }
    case 'node-ipc':
      return over(new IPCMessageReader(process), new IPCMessageWriter(process));
    case 'socket': {
      const [reader, writer] = createServerSocketTransport(transport.port);
      return over(reader, writer);
    }
    case 'pipe': {
      const [reader, writer] = createServerPipeTransport(transport.name);
      return over(reader, writer);
    }
  }
}
