// The custom requests' parameters, checked before use. The document is named as `uri` or, as in LSP's
// TextDocumentPositionParams, as `textDocument: { uri }`; the component by a `position` or a `component`
// name. Anything else is answered with InvalidParams (a thrown ResponseError), never with null.
import { ErrorCodes, ResponseError, type Position } from 'vscode-languageserver/node';

export type ComponentTarget = { uri: string; position: Position } | { uri: string; component: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function invalid(method: string, what: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, `${method}: ${what}`);
}

/** The document URI of `params`, from `uri` or `textDocument.uri`; undefined when neither is given. */
function documentUri(method: string, params: Record<string, unknown>): string | undefined {
  const doc = params['textDocument'];
  if (doc !== undefined && !(isObject(doc) && typeof doc['uri'] === 'string')) throw invalid(method, 'textDocument must be { uri: string }');
  const uri = isObject(doc) ? doc['uri'] : params['uri'];
  if (uri !== undefined && typeof uri !== 'string') throw invalid(method, 'uri must be a string');
  return uri;
}

/** `{ uri | textDocument: { uri }, position | component }`, or InvalidParams. */
export function componentTarget(method: string, params: unknown): ComponentTarget {
  if (!isObject(params)) throw invalid(method, 'expected an object with a document and a position or a component name');
  const uri = documentUri(method, params);
  if (!uri) throw invalid(method, 'a document is needed: uri or textDocument.uri');
  const { position, component } = params;
  if (component !== undefined) {
    if (typeof component !== 'string' || !component) throw invalid(method, 'component must be a non-empty string');
    return { uri, component };
  }
  if (!isObject(position) || !isIndex(position['line']) || !isIndex(position['character'])) {
    throw invalid(method, 'position must be { line, character } with non-negative integers (or give a component name)');
  }
  return { uri, position: { line: position['line'], character: position['character'] } };
}

/** An optional document (`uri` or `textDocument.uri`; none: every project), or InvalidParams. */
export function optionalDocument(method: string, params: unknown): string | undefined {
  if (params === undefined || params === null) return undefined;
  if (!isObject(params)) throw invalid(method, 'expected an object (or no parameters)');
  return documentUri(method, params);
}

/** An optional boolean flag of `params` (absent: false), or InvalidParams. */
export function optionalFlag(method: string, params: unknown, name: string): boolean {
  if (params === undefined || params === null) return false;
  if (!isObject(params)) throw invalid(method, 'expected an object (or no parameters)');
  const v = params[name];
  if (v !== undefined && typeof v !== 'boolean') throw invalid(method, `${name} must be a boolean`);
  return v === true;
}
