// The component sites (rules/componentConfigs.ts) and the rule findings kept per site (rules/index.ts, runSites)
// across edits of components.toml, each document taken over by the next as the document cache does: at every
// step they equal what a fresh parse gives. The `components` map is patched in place and shared by every version
// since, and the sites list is changed in place with it (through the map's journal) or written into the list of two
// runs before, so the results are collected first and compared after: a fresh computation in between would be
// another map.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CoreDiagnostic } from '../../../server/src/core/diagnostics';
import type { FileSystem } from '../../../server/src/core/fs';
import { createRuleMemo, runRules } from '../../../server/src/core/rules';
import { componentConfigSites, type ComponentConfigSite } from '../../../server/src/core/rules/componentConfigs';
import { parseToml, reparseToml, type ModelTable, type TomlDocument } from '../../../server/src/core/toml';
import { componentHeaderEdit, corpusRoot, prng } from './editCorpus';

const COMPONENTS = path.join(corpusRoot, 'base/comps/components.toml');
const NO_FILES: FileSystem = { readFile: () => undefined, exists: () => false, isDirectory: () => false, readDirectory: () => [] };

/** What a site says, with its table's place and whether the table is the model's under its name. */
function siteView(root: ModelTable, sites: readonly ComponentConfigSite[]): unknown[] {
  const components = root.entries.get('components')?.node;
  return sites.map((s) => ({
    kind: s.kind,
    name: s.name,
    label: s.label,
    keySpan: s.keySpan && { ...s.keySpan },
    table: { ...s.table.span },
    own: s.kind !== 'component' || (components?.type === 'table' && components.entries.get(s.name as string)?.node === s.table),
  }));
}

/** components.toml with broken components in it (a local spec without a path), so the rules find something to keep. */
function withFindings(text: string): string {
  let out = text;
  for (const at of [0.75, 0.5, 0.25]) {
    const header = /^\[components\./gm;
    header.lastIndex = Math.floor(out.length * at);
    const m = header.exec(out);
    assert.ok(m);
    out = out.slice(0, m.index) + `[components.zz-broken-${at * 100}]\nspec = { type = "local" }\n\n` + out.slice(m.index);
  }
  return out;
}

/** The benchmark's typo (a character after `[components` in the middle), or back. */
function typo(base: string, on: boolean): string {
  const header = /^\[components\.[A-Za-z0-9_-]+\]$/gm;
  header.lastIndex = base.length >> 1;
  const m = header.exec(base);
  assert.ok(m);
  const at = m.index + '[components'.length;
  return on ? base.slice(0, at) + 'x' + base.slice(at) : base;
}

test('component sites and kept rule findings over header edits of components.toml equal a fresh parse\'s, another file\'s sites left as they were', () => {
  const base = withFindings(readFileSync(COMPONENTS, 'utf8'));
  const rand = prng(20261203);
  const memo = createRuleMemo();
  const other = parseToml('[components.a]\nspec = { type = "local" }\n\n[components.b]\n');
  const otherView = siteView(other.root, componentConfigSites(other.root));
  const steps: { text: string; sites: unknown[]; found: CoreDiagnostic[] }[] = [];
  const lists: ComponentConfigSite[][] = [];
  const records: unknown[] = [];
  let doc: TomlDocument = parseToml(base);
  let text = base;
  const run = (): void => {
    // As the language service's rules ask for them first: for a document that is edited next.
    const sites = componentConfigSites(doc.root, true);
    lists.push(sites);
    steps.push({ text, sites: siteView(doc.root, sites), found: runRules({ file: COMPONENTS, doc, kind: 'config', fs: NO_FILES, memo }) });
    records.push(memo.sites.get(COMPONENTS)?.records);
  };
  run();
  // The typo and back, as the benchmark types: the `components` map is patched in place and its journal names the two
  // headers, so the sites are the last list changed in place and the rule records are not walked again.
  for (let i = 0; i < 6; i++) {
    text = typo(base, i % 2 === 0);
    doc = reparseToml(doc, text, { takeOver: true });
    run();
    assert.equal(lists[lists.length - 1], lists[lists.length - 2], `typo ${i}: the sites, the last list changed in place`);
    assert.equal(records[records.length - 1], records[records.length - 2], `typo ${i}: the rule records of the last walk`);
  }
  // Other header edits, with another file's sites computed now and then (a map of its own: a new list, and its list kept).
  for (let i = 0; i < 12; i++) {
    text = i % 3 === 2 ? typo(text, true) : componentHeaderEdit(text, rand);
    doc = reparseToml(doc, text, { takeOver: true });
    run();
    if (i % 4 === 1) componentConfigSites(parseToml('[components.c]\n').root);
  }
  assert.deepStrictEqual(siteView(other.root, componentConfigSites(other.root)), otherView, 'the other file\'s sites');
  assert.ok(steps.some((s) => s.found.length >= 3), 'the broken components are found');
  steps.forEach((step, i) => {
    const fresh = parseToml(step.text);
    assert.deepStrictEqual(step.sites, siteView(fresh.root, componentConfigSites(fresh.root)), `step ${i}: the sites`);
    assert.deepStrictEqual(step.found, runRules({ file: COMPONENTS, doc: fresh, kind: 'config', fs: NO_FILES }), `step ${i}: the rule findings`);
  });
});
