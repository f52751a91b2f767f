// `$/cancelRequest` for long requests: a handler gives way to the event loop at its natural steps (so the
// cancellation, read from the input meanwhile, reaches its token) and answers RequestCancelled once asked.
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';

/** Lets pending input be read; true when the request has been cancelled meanwhile. */
export async function giveWay(token: CancellationToken): Promise<boolean> {
  if (token.isCancellationRequested) return true;
  await new Promise((resolve) => setImmediate(resolve));
  return token.isCancellationRequested;
}

export function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}
