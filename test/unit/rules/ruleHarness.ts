// Shared test harness for the rule engine: parse an inline document, run the rules over an in-memory file
// system, and read back what each diagnostic spans.
import * as assert from 'node:assert/strict';
import type { CoreDiagnostic } from '../../../server/src/core/diagnostics';
import { memoryFileSystem, type FileSystem } from '../../../server/src/core/fs';
import { parseToml } from '../../../server/src/core/toml';
import { runRules } from '../../../server/src/core/rules';

export const CONFIG_FILE = '/proj/comps/curl/curl.comp.toml';
export const OVERLAY_FILE = '/proj/comps/curl/overlays/0001-fix.overlay.toml';

export interface RunOptions {
  kind?: 'config' | 'overlay-file';
  file?: string;
  files?: Record<string, string>;
  fs?: FileSystem;
}

export function run(text: string, opts: RunOptions = {}): CoreDiagnostic[] {
  const doc = parseToml(text);
  assert.deepEqual(doc.errors, [], 'test document must be valid TOML');
  const kind = opts.kind ?? 'config';
  const file = opts.file ?? (kind === 'config' ? CONFIG_FILE : OVERLAY_FILE);
  const fs = opts.fs ?? memoryFileSystem({ [file]: text, ...(opts.files ?? {}) });
  return runRules({ file, doc, kind, fs });
}

export function spanned(text: string, d: CoreDiagnostic): string {
  return text.slice(d.span.start, d.span.end);
}

/** Exactly one diagnostic, with this code and this spanned text; returns it for further checks. */
export function expectOne(text: string, code: string, spannedText: string, opts: RunOptions = {}): CoreDiagnostic {
  const ds = run(text, opts);
  assert.equal(ds.length, 1, `expected exactly one diagnostic, got ${JSON.stringify(ds.map((d) => [d.code, d.message]), null, 1)}`);
  const d = ds[0]!;
  assert.equal(d.code, code, d.message);
  assert.equal(spanned(text, d), spannedText);
  return d;
}

export function expectNone(text: string, opts: RunOptions = {}): void {
  const ds = run(text, opts);
  assert.deepEqual(ds.map((d) => `${d.code}: ${d.message}`), []);
}
