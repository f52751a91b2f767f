// The shape of the parameters of every LSP request and notification the server handles, as the server reads
// them: each field a handler (or vscode-languageserver itself) reads, and what it must be. Checked before a
// message is dispatched (paramsCheck.ts), so a handler never meets `position: "x"` or `textDocument: null`.
// Fields the server does not read are not checked. The server's own requests (`distroToml/…`) check their
// parameters themselves (handlers/requestParams.ts).
import { URI } from 'vscode-uri';

/** What is wrong with a value at `at` (a path such as `position.line`), or undefined when it is as expected. */
export type Shape = (value: unknown, at: string) => string | undefined;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** How a wrong value is named in a message: its kind, or a number itself (never a string's contents). */
function got(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v}`;
}

const expect = (what: string, test: (v: unknown) => boolean): Shape => (v, at) => (test(v) ? undefined : `${at} must be ${what} (got ${got(v)})`);
const join = (at: string, key: string): string => (at ? `${at}.${key}` : key);

const anything: Shape = () => undefined;
const string = expect('a string', (v) => typeof v === 'string');
const boolean = expect('a boolean', (v) => typeof v === 'boolean');
const integer = expect('an integer', (v) => Number.isInteger(v));
const uinteger = expect('a non-negative integer', (v) => Number.isInteger(v) && (v as number) >= 0);
const integerOrString = expect('an integer or a string', (v) => typeof v === 'string' || Number.isInteger(v));

/** A URI as vscode-uri reads one (a string it cannot parse, such as `a b:c`, is no URI). */
const uri: Shape = (v, at) => {
  if (typeof v !== 'string') return `${at} must be a URI string (got ${got(v)})`;
  try {
    URI.parse(v);
    return undefined;
  } catch {
    return `${at} is not a URI`;
  }
};

function oneOf(...values: string[]): Shape {
  return expect(`one of ${values.map((x) => `'${x}'`).join(', ')}`, (v) => typeof v === 'string' && values.includes(v));
}

/** Absent or null (clients send either for a field they leave out), else `shape`. */
function optional(shape: Shape): Shape {
  return (v, at) => (v === undefined || v === null ? undefined : shape(v, at));
}

function arrayOf(item: Shape): Shape {
  return (v, at) => {
    if (!Array.isArray(v)) return `${at} must be an array (got ${got(v)})`;
    for (let i = 0; i < v.length; i++) {
      const problem = item(v[i], `${at}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  };
}

/** An object with these fields (others are let through); `describe` says what it looks like in a message. */
function object(fields: Record<string, Shape>, describe = 'an object'): Shape {
  return (v, at) => {
    if (!isObject(v)) return `${at || 'params'} must be ${describe} (got ${got(v)})`;
    for (const [key, shape] of Object.entries(fields)) {
      const problem = shape(v[key], join(at, key));
      if (problem) return problem;
    }
    return undefined;
  };
}

const position = object({ line: uinteger, character: uinteger }, '{ line, character }');
/** A range; one whose end comes before its start is put the right way round (as an edit's range is by TextDocument). */
const range: Shape = (v, at) => {
  const problem = object({ start: position, end: position }, '{ start, end }')(v, at);
  if (problem) return problem;
  const r = v as { start: { line: number; character: number }; end: { line: number; character: number } };
  if (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character)) [r.start, r.end] = [r.end, r.start];
  return undefined;
};
const textDocument = object({ uri }, '{ uri }');
const documentParams = object({ textDocument });
const positionParams = object({ textDocument, position });
const workspaceFolder = object({ uri, name: string }, '{ uri, name }');
const command = object({ title: string, command: string, arguments: optional(arrayOf(anything)) }, '{ title, command }');
const diagnostic = object(
  {
    range,
    message: (v, at) => (typeof v === 'string' || (isObject(v) && typeof v['value'] === 'string') ? undefined : `${at} must be a string (got ${got(v)})`),
    severity: optional(uinteger),
    code: optional(integerOrString),
    source: optional(string),
  },
  '{ range, message }',
);
const noParams: Shape = anything;
/** The client capabilities the server reads beyond a truth test (handlers/markupContent.ts, folding.ts). */
const clientCapabilities = object({
  textDocument: optional(
    object({
      hover: optional(object({ contentFormat: optional(arrayOf(anything)) })),
      completion: optional(object({ completionItem: optional(object({ documentationFormat: optional(arrayOf(anything)) })) })),
      foldingRange: optional(object({ rangeLimit: optional(uinteger), foldingRangeKind: optional(object({ valueSet: optional(arrayOf(anything)) })) })),
    }),
  ),
});

/** Requests: the parameters each one's handler reads. */
export const REQUEST_SHAPES: ReadonlyMap<string, Shape> = new Map([
  // vscode-languageserver watches the process named (a process.kill(id, 0) every 3 s): a non-integer made it exit.
  ['initialize', object({ processId: optional(integer), capabilities: clientCapabilities, rootUri: optional(uri), workspaceFolders: optional(arrayOf(workspaceFolder)) })],
  ['shutdown', noParams],
  ['textDocument/completion', object({ textDocument, position, context: optional(object({ triggerKind: uinteger, triggerCharacter: optional(string) }, '{ triggerKind }')) })],
  ['textDocument/hover', positionParams],
  ['textDocument/definition', positionParams],
  ['textDocument/references', object({ textDocument, position, context: object({ includeDeclaration: boolean }, '{ includeDeclaration }') })],
  ['textDocument/prepareRename', positionParams],
  ['textDocument/rename', object({ textDocument, position, newName: string })],
  ['textDocument/documentSymbol', documentParams],
  ['workspace/symbol', object({ query: string })],
  ['textDocument/codeAction', object({ textDocument, range, context: object({ diagnostics: arrayOf(diagnostic), only: optional(arrayOf(string)) }, '{ diagnostics }') })],
  ['textDocument/codeLens', documentParams],
  ['codeLens/resolve', object({ range, command: optional(command) }, 'a code lens { range }')],
  ['workspace/executeCommand', object({ command: string, arguments: optional(arrayOf(anything)) })],
  ['textDocument/foldingRange', documentParams],
  ['textDocument/selectionRange', object({ textDocument, positions: arrayOf(position) })],
  ['textDocument/documentLink', documentParams],
  ['textDocument/formatting', documentParams],
  ['textDocument/rangeFormatting', object({ textDocument, range })],
]);

/** Notifications: a malformed one is dropped (paramsCheck.ts), never half-applied. */
export const NOTIFICATION_SHAPES: ReadonlyMap<string, Shape> = new Map([
  ['initialized', noParams],
  ['exit', noParams],
  ['textDocument/didOpen', object({ textDocument: object({ uri, languageId: string, version: integer, text: string }, '{ uri, languageId, version, text }') })],
  ['textDocument/didChange', object({ textDocument: object({ uri, version: integer }, '{ uri, version }'), contentChanges: arrayOf(object({ range: optional(range), text: string }, '{ text } or { range, text }')) })],
  ['textDocument/didClose', documentParams],
  ['textDocument/didSave', documentParams],
  ['workspace/didChangeConfiguration', object({})],
  ['workspace/didChangeWatchedFiles', object({ changes: arrayOf(object({ uri, type: expect('1, 2 or 3', (v) => v === 1 || v === 2 || v === 3) }, '{ uri, type }')) })],
  ['workspace/didChangeWorkspaceFolders', object({ event: object({ added: arrayOf(workspaceFolder), removed: arrayOf(workspaceFolder) }, '{ added, removed }') })],
  ['$/setTrace', object({ value: oneOf('off', 'messages', 'verbose') })],
  ['$/cancelRequest', object({ id: integerOrString })],
  ['window/workDoneProgress/cancel', object({ token: integerOrString })],
]);
