// The rule catalog is the one list of codes: the README's table is generated from it (and must match), every
// code it lists is one the sources emit (no stale rows), and every code the sources write in a diagnostic is
// in it (the type checker enforces that too: CoreDiagnostic.code is a RuleCode).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { RULE_CATALOG, RULE_CODES } from '../../../server/src/core/ruleCatalog';
import { rulesTable, withRulesTable } from '../../../scripts/rulesTable';
import { filesBelow, REPO_ROOT } from '../../support/paths';

const SOURCES = filesBelow(path.join(REPO_ROOT, 'server', 'src'), '.ts').filter((f) => !f.endsWith('ruleCatalog.ts'));
const sourceText = SOURCES.map((f) => fs.readFileSync(f, 'utf8')).join('\n');

test('the README rule table is the one the catalog generates (npm run docs:rules rewrites it)', () => {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  assert.equal(withRulesTable(readme), readme, 'README.md rule table differs from the catalog: run npm run docs:rules');
  for (const code of RULE_CODES) assert.ok(readme.includes(`| \`${code}\` | ${RULE_CATALOG[code].level} |`), code);
  assert.equal(rulesTable().split('\n').filter((l) => l.startsWith('| `')).length, RULE_CODES.length);
});

test('every catalogued code is written somewhere in the sources (no row for a finding nothing makes)', () => {
  const missing = RULE_CODES.filter((code) => !sourceText.includes(`'${code}'`));
  assert.deepEqual(missing, []);
});

test('every code the sources put in a diagnostic is catalogued', () => {
  // `code: '…'`, and the sink's report/error/warning(…, '…', …) calls, across line breaks.
  const written = new Set<string>();
  for (const m of sourceText.matchAll(/\bcode: '([a-z0-9-]+)'/g)) written.add(m[1] as string);
  for (const m of sourceText.matchAll(/\.(?:error|warning)\(\s*[^,()]+(?:\([^()]*\))?,\s*'([a-z0-9-]+)'/g)) written.add(m[1] as string);
  for (const m of sourceText.matchAll(/\.report\(\s*[^,()]+,\s*[^,()]+(?:\([^()]*\))?,\s*'([a-z0-9-]+)'/g)) written.add(m[1] as string);
  assert.ok(written.size > 60, `only ${written.size} codes found: the scan is broken`);
  // Codes of other kinds of result (spec edits, upstream fetches and upstream sync outcomes) are not diagnostics.
  const notDiagnostics = new Set(['bad-ref', 'bad-commit', 'conditional-spans-sections', 'network', 'cancelled']);
  const unknown = [...written].filter((c) => !(c in RULE_CATALOG) && !notDiagnostics.has(c));
  assert.deepEqual(unknown, []);
});

test('each entry says what is wrong in one line and what to do in a paragraph', () => {
  for (const code of RULE_CODES) {
    const r = RULE_CATALOG[code];
    assert.match(code, /^[a-z0-9]+(-[a-z0-9]+)+$/);
    assert.ok(r.summary.length > 8 && r.summary.length < 120 && !r.summary.includes('\n'), code);
    assert.ok(r.help.length > 10, code);
    assert.ok(['error', 'warning', 'information', 'hint'].includes(r.level), code);
  }
});
