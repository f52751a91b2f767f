// The %if/%elif/%else/%endif structure of a spec, recognised the way azldev's conditionalDepthChange and
// isConditionalBranchDirective do: the first token of the trimmed line, lower-cased; `#` lines never count.

import { firstGoField, skipGoSpace } from './goText';

export type ConditionalKind = 'open' | 'branch' | 'close';

const DIRECTIVES: ReadonlyMap<string, ConditionalKind> = new Map<string, ConditionalKind>([
  ['%if', 'open'], ['%ifarch', 'open'], ['%ifnarch', 'open'], ['%ifos', 'open'], ['%ifnos', 'open'],
  ['%else', 'branch'], ['%elif', 'branch'], ['%elifarch', 'branch'], ['%elifnarch', 'branch'],
  ['%elifos', 'branch'], ['%elifnos', 'branch'],
  ['%endif', 'close'],
]);

export interface ConditionalDirective {
  line: number;
  /** Lower-cased keyword, e.g. `%ifarch`. */
  keyword: string;
  kind: ConditionalKind;
  /** The rest of the line after the keyword (the condition), trimmed. */
  expression: string;
  /** Undefined only for a stray %else/%elif/%endif with no open block. */
  block: ConditionalBlock | undefined;
}

export interface ConditionalBlock {
  /** The opening directive, then each %elif/%else, then the %endif when there is one. */
  directives: ConditionalDirective[];
  /** The branch enclosing the whole block (undefined at top level). */
  parent: ConditionalBranch | undefined;
  closed: boolean;
}

export interface ConditionalBranch {
  block: ConditionalBlock;
  /** The %if/%elif/%else directive that starts this branch. */
  directive: ConditionalDirective;
  parent: ConditionalBranch | undefined;
  /** 1 for a top-level block's branches. */
  depth: number;
}

/** Classifies text[start, end) as a conditional directive, ignoring comments; undefined otherwise. */
export function conditionalKeyword(text: string, start: number, end: number): { keyword: string; kind: ConditionalKind; rest: number } | undefined {
  const at = skipGoSpace(text, start, end);
  const c = text.charCodeAt(at);
  if (at >= end || c !== 0x25) return undefined;
  const first = firstGoField(text, at, end);
  if (first === undefined) return undefined;
  const keyword = first.text.toLowerCase();
  const kind = DIRECTIVES.get(keyword);
  return kind === undefined ? undefined : { keyword, kind, rest: first.end };
}

/** Tracks open blocks while lines are scanned in order. */
export class ConditionalTracker {
  readonly blocks: ConditionalBlock[] = [];
  private current: ConditionalBranch | undefined;

  /** The branch that ordinary lines at this point belong to. */
  get branch(): ConditionalBranch | undefined {
    return this.current;
  }

  /** Feeds a directive; returns it with its block, and the branch the directive line itself sits in. */
  directive(line: number, keyword: string, kind: ConditionalKind, expression: string): { directive: ConditionalDirective; enclosing: ConditionalBranch | undefined; stray: boolean } {
    const directive: ConditionalDirective = { line, keyword, kind, expression, block: undefined };
    if (kind === 'open') {
      const block: ConditionalBlock = { directives: [directive], parent: this.current, closed: false };
      directive.block = block;
      this.blocks.push(block);
      const enclosing = this.current;
      this.current = { block, directive, parent: enclosing, depth: (enclosing?.depth ?? 0) + 1 };
      return { directive, enclosing, stray: false };
    }
    const open = this.current;
    if (open === undefined) return { directive, enclosing: undefined, stray: true };
    const block = open.block;
    directive.block = block;
    block.directives.push(directive);
    if (kind === 'branch') {
      this.current = { block, directive, parent: open.parent, depth: open.depth };
    } else {
      block.closed = true;
      this.current = open.parent;
    }
    return { directive, enclosing: open.parent, stray: false };
  }

  /** Blocks still open at end of file, innermost last. */
  unclosed(): ConditionalBlock[] {
    const out: ConditionalBlock[] = [];
    for (let b = this.current; b !== undefined; b = b.parent) out.unshift(b.block);
    return out;
  }
}

/**
 * azldev's own view of a raw line (conditionalDepthChange): +1 for an opener, -1 for %endif, 0 otherwise.
 * Unlike the parsed model it does not skip macro bodies, so `%if …\` inside a %define counts; the edit layer
 * uses this to reproduce azldev's results (and its refusals) exactly.
 */
export function azldevConditionalDelta(line: string): -1 | 0 | 1 {
  const k = conditionalKeyword(line, 0, line.length);
  if (k === undefined) return 0;
  return k.kind === 'open' ? 1 : k.kind === 'close' ? -1 : 0;
}

/** azldev's isConditionalBranchDirective: %else or an %elif… form. */
export function isAzldevBranchDirective(line: string): boolean {
  return conditionalKeyword(line, 0, line.length)?.kind === 'branch';
}
