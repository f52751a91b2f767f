// Tokenizes text with our TextMate grammar through the very tokenizer VS Code ships
// (vscode-textmate + vscode-oniguruma from the code-server install), so the grammar is tested
// with Oniguruma's regex semantics rather than JavaScript's.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { vscodeModulesDir } from './repoRoot';

export interface Token {
  text: string;
  scopes: string[];
}

export interface TokenizedLine {
  line: number;
  tokens: Token[];
}

interface TextmateModule {
  Registry: new (options: unknown) => { loadGrammar(scope: string): Promise<Grammar | null> };
  INITIAL: RuleStack;
}
interface RuleStack {
  readonly depth?: number;
}
interface Grammar {
  tokenizeLine(line: string, stack: RuleStack): {
    tokens: { startIndex: number; endIndex: number; scopes: string[] }[];
    ruleStack: RuleStack;
  };
}
interface OnigModule {
  loadWASM(data: ArrayBuffer): Promise<void>;
  createOnigScanner(patterns: string[]): unknown;
  createOnigString(text: string): unknown;
}

export interface Tokenizer {
  /** Tokens of every line, and whether the grammar is back at its top level after the last line. */
  tokenize(text: string): { lines: TokenizedLine[]; closed: boolean };
}

export async function loadTokenizer(repoRoot: string): Promise<Tokenizer> {
  const modules = vscodeModulesDir(repoRoot);
  if (!fs.existsSync(path.join(modules, 'vscode-textmate'))) {
    throw new Error(`vscode-textmate not found under ${modules}; run scripts/e2e-install-code-server.sh first`);
  }
  const requireFromVscode = createRequire(path.join(modules, 'index.js'));
  const textmate = requireFromVscode('vscode-textmate') as TextmateModule;
  const onig = requireFromVscode('vscode-oniguruma') as OnigModule;
  const wasm = fs.readFileSync(path.join(modules, 'vscode-oniguruma', 'release', 'onig.wasm'));
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));

  // The grammar the manifest contributes for `toml`, under the scope name it declares there.
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { contributes: { grammars: { language?: string; scopeName: string; path: string }[] } };
  const contribution = manifest.contributes.grammars.find((g) => g.language === 'toml');
  if (!contribution) throw new Error('package.json contributes no grammar for toml');
  const scopeName = contribution.scopeName;
  const grammarPath = path.join(repoRoot, contribution.path);
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => onig.createOnigScanner(patterns),
      createOnigString: (text: string) => onig.createOnigString(text),
    }),
    loadGrammar: async (scope: string) => (scope === scopeName ? JSON.parse(fs.readFileSync(grammarPath, 'utf8')) : null),
  });
  const grammar = await registry.loadGrammar(scopeName);
  if (grammar === null) throw new Error(`could not load ${grammarPath}`);

  return {
    tokenize(text) {
      let stack = textmate.INITIAL;
      const lines = text.split(/\r?\n/).map((lineText, line) => {
        const result = grammar.tokenizeLine(lineText, stack);
        stack = result.ruleStack;
        const tokens = result.tokens.map((t) => ({ text: lineText.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
        return { line, tokens };
      });
      return { lines, closed: stack === textmate.INITIAL || stack.depth === 1 };
    },
  };
}
