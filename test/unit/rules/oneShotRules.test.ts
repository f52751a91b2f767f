// The rules without a memo (a one-shot check: the CLI's language service, editTraces false) check every
// component site afresh and keep no findings for a later run; with a memo (the editor's) a statement's findings
// are kept with its table and reused while it is unchanged. Shown by changing a table in place behind the rules'
// back, which only a kept finding can miss.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryFileSystem } from '../../../server/src/core/fs';
import { createRuleMemo, runRules } from '../../../server/src/core/rules';
import { parseToml, type ModelTable } from '../../../server/src/core/toml';
import { CONFIG_FILE } from './ruleHarness';

const TEXT = '[components.curl]\nspec = { type = "local" }\n';

function curlTable(root: ModelTable): ModelTable {
  const components = root.entries.get('components')?.node;
  const curl = components?.type === 'table' ? components.entries.get('curl')?.node : undefined;
  assert.ok(curl?.type === 'table');
  return curl;
}

describe('rules without a memo', () => {
  const fs = memoryFileSystem({ [CONFIG_FILE]: TEXT });
  const codes = (doc: ReturnType<typeof parseToml>, memo?: ReturnType<typeof createRuleMemo>) =>
    runRules({ file: CONFIG_FILE, doc, kind: 'config', fs, ...(memo ? { memo } : {}) }).map((d) => d.code);

  it('keep no site findings for a later run', () => {
    const doc = parseToml(TEXT);
    assert.deepEqual(codes(doc), ['spec-path-required']);
    curlTable(doc.root).entries.delete('spec');
    assert.deepEqual(codes(doc, createRuleMemo()), [], 'a later run found the one-shot run’s finding kept');
    assert.deepEqual(codes(doc), []);
  });

  it('(with a memo, the same change is not seen: the findings were kept with the table)', () => {
    const doc = parseToml(TEXT);
    const memo = createRuleMemo();
    assert.deepEqual(codes(doc, memo), ['spec-path-required']);
    curlTable(doc.root).entries.delete('spec');
    assert.deepEqual(codes(doc, createRuleMemo()), ['spec-path-required']);
  });
});
