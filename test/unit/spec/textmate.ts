// A small TextMate tokenizer for testing the RPM spec grammar without Oniguruma: match, begin/end,
// captures (with nested patterns), contentName and includes. The grammar's regexes stay within the subset
// JavaScript and Oniguruma agree on, which the grammar test also checks by compiling every one of them.

export interface GrammarRule {
  name?: string;
  contentName?: string;
  match?: string;
  begin?: string;
  end?: string;
  captures?: Record<string, GrammarRule>;
  beginCaptures?: Record<string, GrammarRule>;
  endCaptures?: Record<string, GrammarRule>;
  patterns?: GrammarRule[];
  include?: string;
}

export interface Grammar extends GrammarRule {
  scopeName: string;
  repository: Record<string, GrammarRule>;
}

export interface Token {
  start: number;
  end: number;
  scopes: string[];
}

interface Frame {
  rule: GrammarRule;
  end: RegExp;
  scopes: string[];
}

export class TextMateTokenizer {
  private readonly regexes = new Map<string, RegExp>();

  constructor(private readonly grammar: Grammar) {}

  compile(source: string): RegExp {
    let re = this.regexes.get(source);
    if (re === undefined) {
      re = new RegExp(source, 'dg');
      this.regexes.set(source, re);
    }
    return re;
  }

  /** The match/begin rules reachable from `patterns`, includes resolved. */
  private flatten(patterns: readonly GrammarRule[], seen: Set<GrammarRule> = new Set()): GrammarRule[] {
    const out: GrammarRule[] = [];
    for (const p of patterns) {
      if (p.include !== undefined) {
        const target = p.include === '$self' ? this.grammar : this.grammar.repository[p.include.slice(1)];
        if (target === undefined) throw new Error(`unresolved include ${p.include}`);
        if (seen.has(target)) continue;
        seen.add(target);
        out.push(...this.flatten(target.match !== undefined || target.begin !== undefined ? [target] : (target.patterns ?? []), seen));
        seen.delete(target);
      } else if (p.match !== undefined || p.begin !== undefined) out.push(p);
      else if (p.patterns !== undefined) out.push(...this.flatten(p.patterns, seen));
    }
    return out;
  }

  /** Tokenizes a whole document, one line at a time, carrying begin/end state across lines. */
  tokenize(text: string): Token[][] {
    const stack: Frame[] = [];
    return text.split('\n').map((line) => this.tokenizeLine(line, stack, [this.grammar.scopeName]));
  }

  private tokenizeLine(line: string, stack: Frame[], base: string[]): Token[] {
    const tokens: Token[] = [];
    let pos = 0;
    const emit = (start: number, end: number, scopes: string[]): void => {
      if (end > start) tokens.push({ start, end, scopes });
    };
    while (pos <= line.length) {
      const top = stack[stack.length - 1];
      const scopes = top?.scopes ?? base;
      const candidates = this.flatten(top === undefined ? (this.grammar.patterns ?? []) : (top.rule.patterns ?? []));
      let best: { rule: GrammarRule | undefined; m: RegExpExecArray } | undefined;
      if (top !== undefined) {
        top.end.lastIndex = pos;
        const m = top.end.exec(line);
        if (m !== null) best = { rule: undefined, m };
      }
      for (const rule of candidates) {
        const re = this.compile((rule.match ?? rule.begin) as string);
        re.lastIndex = pos;
        const m = re.exec(line);
        if (m !== null && (best === undefined || m.index < best.m.index)) best = { rule, m };
      }
      if (best === undefined) {
        emit(pos, line.length, scopes);
        break;
      }
      const { rule, m } = best;
      emit(pos, m.index, scopes);
      const mEnd = m.index + m[0].length;
      if (rule === undefined) {
        const frame = stack.pop() as Frame;
        const outer = frame.rule.contentName !== undefined ? frame.scopes.slice(0, -1) : frame.scopes;
        this.emitCaptures(line, m, frame.rule.endCaptures ?? frame.rule.captures, outer, tokens);
        pos = mEnd;
        if (m[0].length === 0 && stack.length === 0 && pos >= line.length) break;
        continue;
      }
      const named = rule.name !== undefined ? [...scopes, rule.name] : scopes;
      if (rule.match !== undefined) {
        this.emitCaptures(line, m, rule.captures, named, tokens);
      } else {
        this.emitCaptures(line, m, rule.beginCaptures ?? rule.captures, named, tokens);
        const inner = rule.contentName !== undefined ? [...named, rule.contentName] : named;
        stack.push({ rule, end: this.compile(rule.end as string), scopes: inner });
      }
      pos = m[0].length === 0 ? pos + 1 : mEnd;
      if (pos > line.length) break;
    }
    return tokens.sort((a, b) => a.start - b.start);
  }

  private emitCaptures(line: string, m: RegExpExecArray, captures: Record<string, GrammarRule> | undefined, scopes: string[], tokens: Token[]): void {
    const start = m.index;
    const end = start + m[0].length;
    if (end === start) return;
    const indices = m.indices ?? [];
    const covered: Token[] = [];
    for (const [key, cap] of Object.entries(captures ?? {})) {
      const span = indices[Number(key)];
      if (span === undefined || span[1] === span[0]) continue;
      const capScopes = cap.name !== undefined ? [...scopes, cap.name] : scopes;
      if (cap.patterns !== undefined) {
        const frame: Frame = { rule: { patterns: cap.patterns }, end: /(?!)/dg, scopes: capScopes };
        const inner = this.tokenizeLine(line.slice(span[0], span[1]), [frame], capScopes);
        covered.push(...inner.map((t) => ({ start: t.start + span[0], end: t.end + span[0], scopes: t.scopes })));
      } else covered.push({ start: span[0], end: span[1], scopes: capScopes });
    }
    // Characters of the match no capture claimed keep the rule's own scopes.
    const claimed = new Array<boolean>(end - start).fill(false);
    for (const t of covered) for (let i = Math.max(t.start, start); i < Math.min(t.end, end); i++) claimed[i - start] = true;
    let run = -1;
    for (let i = start; i <= end; i++) {
      const free = i < end && !claimed[i - start];
      if (free && run < 0) run = i;
      if (!free && run >= 0) {
        tokens.push({ start: run, end: i, scopes });
        run = -1;
      }
    }
    tokens.push(...covered);
  }
}
