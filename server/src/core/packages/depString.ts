// Dependency strings as rpm reads a `Requires:` value: several names per value (`a, b >= 1.2`), rich/boolean
// dependencies (`(a or b)`, `(a if b else c)`, `with`, `without`, `unless`) with every name inside, and macros
// (`%{name}`, `%{?_isa}`) expanded when known, or the name marked loose (never reported as unknown).
import { flagsOfOperator } from './dependencyMatch';

export interface DependencyRef {
  /** The capability as rpm would look it up (macros expanded). */
  name: string;
  /** Offsets of the name in the value as written. */
  start: number;
  end: number;
  /** DEP_* comparison bits, 0 when unversioned. */
  flags: number;
  evr: string;
  /** Holds a macro that could not be expanded: match loosely, never call it unknown. */
  loose: boolean;
  /** The name and version as written, when either holds a macro (to expand again once more macros are known). */
  written?: { name: string; evr: string };
}

export interface DependencyParseError {
  message: string;
  start: number;
  end: number;
}

export interface ParsedDependencies {
  refs: DependencyRef[];
  errors: DependencyParseError[];
}

const RICH_OPERATORS = new Set(['and', 'or', 'if', 'else', 'with', 'without', 'unless']);

interface Token {
  text: string;
  start: number;
  end: number;
}

/** Expands `%{name}`, `%name`, `%{?name}` and `%{!?name:...}`-free forms from `macros`; undefined when one is unknown. */
export function expandMacros(text: string, macros: ReadonlyMap<string, string>): string | undefined {
  let unknown = false;
  const out = text.replace(/%%|%\{(\??)([A-Za-z_][A-Za-z0-9_]*)\}|%([A-Za-z_][A-Za-z0-9_]*)/g, (whole, optional: string | undefined, braced: string | undefined, bare: string | undefined) => {
    if (whole === '%%') return '%';
    const name = (braced ?? bare) as string;
    const v = macros.get(name);
    if (v !== undefined) return v;
    if (optional) return '';
    unknown = true;
    return whole;
  });
  return unknown || /%[({]/.test(out) ? undefined : out;
}

/** Splits at whitespace and commas; a name keeps balanced parentheses (`pkgconfig(glib-2.0)`), `%{...}` whole. */
function tokenize(text: string, from: number, to: number, inRich: boolean): Token[] {
  const out: Token[] = [];
  let i = from;
  while (i < to) {
    const c = text[i] as string;
    if (c === ' ' || c === '\t' || c === ',' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (inRich && (c === '(' || c === ')')) {
      out.push({ text: c, start: i, end: i + 1 });
      i++;
      continue;
    }
    const start = i;
    let depth = 0;
    while (i < to) {
      const d = text[i] as string;
      if (d === '%' && text[i + 1] === '{') {
        const close = text.indexOf('}', i);
        i = close < 0 || close >= to ? to : close + 1;
        continue;
      }
      if (d === '(') depth++;
      else if (d === ')') {
        if (depth === 0) break;
        depth--;
      } else if (depth === 0 && (d === ' ' || d === '\t' || d === ',' || d === '\n' || d === '\r')) break;
      i++;
    }
    // A ')' that closes nothing is a token of its own: the walk always moves on (it once looped here for ever).
    if (i === start) i++;
    out.push({ text: text.slice(start, i), start, end: i });
  }
  return out;
}

function ref(name: Token, op: Token | undefined, version: Token | undefined, macros: ReadonlyMap<string, string>): DependencyRef {
  const expanded = name.text.includes('%') ? expandMacros(name.text, macros) : name.text;
  const evrText = version ? (version.text.includes('%') ? expandMacros(version.text, macros) : version.text) : '';
  return {
    name: expanded ?? name.text,
    start: name.start,
    end: name.end,
    flags: op ? (flagsOfOperator(op.text) ?? 0) : 0,
    evr: evrText ?? '',
    loose: expanded === undefined || evrText === undefined,
    ...(name.text.includes('%') || version?.text.includes('%') ? { written: { name: name.text, evr: version?.text ?? '' } } : {}),
  };
}

/** Reads `name [op version]` items from a token list, stopping at a rich operator or parenthesis. */
function simpleItems(tokens: Token[], macros: ReadonlyMap<string, string>, out: ParsedDependencies): void {
  for (let k = 0; k < tokens.length; k++) {
    const name = tokens[k] as Token;
    const op = tokens[k + 1];
    if (op && flagsOfOperator(op.text) !== undefined) {
      const version = tokens[k + 2];
      if (!version) out.errors.push({ message: `'${op.text}' after '${name.text}' needs a version`, start: op.start, end: op.end });
      out.refs.push(ref(name, op, version, macros));
      k += 2;
    } else if (flagsOfOperator(name.text) !== undefined) {
      out.errors.push({ message: `'${name.text}' without a package name before it`, start: name.start, end: name.end });
    } else out.refs.push(ref(name, undefined, undefined, macros));
  }
}

function richExpression(text: string, start: number, end: number, macros: ReadonlyMap<string, string>, out: ParsedDependencies): void {
  const tokens = tokenize(text, start, end, true);
  let depth = 0;
  let group: Token[] = [];
  const flush = (): void => {
    if (group.length) simpleItems(group, macros, out);
    group = [];
  };
  for (const t of tokens) {
    if (t.text === '(') {
      flush();
      depth++;
    } else if (t.text === ')') {
      flush();
      depth--;
      if (depth < 0) {
        out.errors.push({ message: `')' closes nothing`, start: t.start, end: t.end });
        depth = 0;
      }
    } else if (RICH_OPERATORS.has(t.text) && depth > 0) flush();
    else group.push(t);
  }
  flush();
  if (depth > 0) out.errors.push({ message: `a rich dependency is missing ')'`, start, end });
}

/** Every capability named in a dependency value, at its offsets in `text`. */
export function parseDependencies(text: string, macros: ReadonlyMap<string, string> = new Map()): ParsedDependencies {
  const out: ParsedDependencies = { refs: [], errors: [] };
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === ' ' || c === '\t' || c === ',' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '(') {
      let depth = 0, j = i;
      for (; j < text.length; j++) {
        if (text[j] === '(') depth++;
        else if (text[j] === ')' && --depth === 0) break;
      }
      const end = Math.min(j + 1, text.length);
      richExpression(text, i, end, macros, out);
      i = end;
      continue;
    }
    // A run of simple items up to the next rich dependency.
    let j = i;
    const tokens: Token[] = [];
    for (const t of tokenize(text, i, text.length, false)) {
      if (t.text.startsWith('(')) break;
      j = t.end;
      if (t.text === ')') {
        out.errors.push({ message: `')' closes nothing`, start: t.start, end: t.end });
        continue;
      }
      tokens.push(t);
    }
    if (j === i) j = i + 1;
    simpleItems(tokens, macros, out);
    i = j;
  }
  return out;
}
