// Who reports plain TOML errors when Even Better TOML is installed too (`distroToml.diagnostics.tomlSyntax`).
// Its language server (taplo) publishes syntax errors and its DOM errors — conflicting keys, a key that is
// both a table and a value, an array of tables redefined — for every TOML file (taplo-lsp's
// diagnostics.rs: collect_syntax_errors, collect_dom_errors), and offers no setting to turn them off. So
// with `auto` the client drops our diagnostics of exactly those kinds while it is active: each problem is
// then reported once. Schema, azldev rule and project findings are ours alone and always stand. (No vscode
// import, so unit tests read it.)
export type TomlSyntaxMode = 'auto' | 'always' | 'never';

export const EVEN_BETTER_TOML = 'tamasfe.even-better-toml';

/** Our codes for what taplo reports in any TOML file. */
export const PLAIN_TOML_CODES: ReadonlySet<string> = new Set(['toml-syntax', 'toml-duplicate-key', 'toml-redefined-table', 'toml-invalid-extension']);

export function tomlSyntaxMode(value: unknown): TomlSyntaxMode {
  return value === 'always' || value === 'never' ? value : 'auto';
}

/** Are plain TOML errors left out, given the setting and whether Even Better TOML is active? */
export function leavesPlainTomlErrors(mode: TomlSyntaxMode, evenBetterTomlActive: boolean): boolean {
  return mode === 'never' || (mode === 'auto' && evenBetterTomlActive);
}

/** The code of an LSP/VS Code diagnostic as a string (`code` may be a string, a number or `{ value, target }`). */
function codeOf(d: { code?: unknown }): string | undefined {
  const c = d.code;
  if (typeof c === 'string' || typeof c === 'number') return String(c);
  if (c && typeof c === 'object' && 'value' in c) return String((c as { value: unknown }).value);
  return undefined;
}

export function withoutPlainTomlErrors<T extends { code?: unknown }>(diagnostics: readonly T[]): T[] {
  return diagnostics.filter((d) => !PLAIN_TOML_CODES.has(codeOf(d) ?? ''));
}
