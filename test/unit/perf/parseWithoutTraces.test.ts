// A one-shot check keeps nothing for edits (LanguageServiceOptions.editTraces false, what the CLI asks for).
// A parse without the incremental re-parse's traces (ParseOptions.traces false) gives the same syntax tree, model
// and errors as the traced parse, on every file of the real tree and on broken texts, and records no trace and no
// statement table for a next model build; a
// document parsed so is still re-parsed correctly after edits (whole, for want of a trace), giving what a fresh
// parse of the edited text gives. And the language service without edit traces (no traces, validation keeping
// no statement values or errors) finds what the editor's finds, on the real tree and on a tree seeded with errors.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { isStatementTable, parseToml, reparseToml, type ModelNode, type TomlDocument } from '../../../server/src/core/toml';
import { arrayTraces, statementTraces } from '../../../server/src/core/toml/parser';
import type { ArrayNode } from '../../../server/src/core/toml/ast';
import { createLanguageService } from '../../../server/src/core/languageService';
import { diskFileSystem } from '../../../server/src/core/fs';
import { CORPUS_ROOT, filesBelow, SCHEMAS_DIR } from '../../support/paths';
import { prng } from '../../support/prng';
import { seededTree } from '../../support/seededTree';

const corpusFiles = filesBelow(CORPUS_ROOT, '.toml');

/** Broken texts: unclosed arrays, strings and tables, a stray character, bad keys. */
const BROKEN = [
  'packages = [\n  "a", # srpm: a\n  "b" x,\n  "c",\n',
  '[components.a]\nname = "unterminated\n[components.b]\n',
  'a = { b = 1, c = [1, 2\n[x]\ny = 2\n',
  '[[overlays]\ntype = 1\n= 3\n"k" = \'v\'\nk.. = 1\n',
];

/** How many model tables of the document are kept as a `[header]` statement's for the next build. */
function statementTables(doc: TomlDocument): number {
  let n = 0;
  const visit = (node: ModelNode): void => {
    if (node.type === 'table') {
      if (isStatementTable(node)) n++;
      for (const e of node.entries.values()) visit(e.node);
    } else if (node.type === 'array') node.items.forEach(visit);
  };
  visit(doc.root);
  return n;
}

function topLevelArrays(doc: TomlDocument): ArrayNode[] {
  const entries = [...doc.syntax.rootEntries, ...doc.syntax.tables.flatMap((t) => t.entries)];
  return entries.map((kv) => kv.value).filter((v): v is ArrayNode => v?.kind === 'array');
}

describe('parse without edit traces', () => {
  it('gives the traced parse’s tree, model and errors on every corpus file and on broken texts, and records no trace nor statement table', () => {
    const texts = [...corpusFiles.map((f) => fs.readFileSync(f, 'utf8')), ...BROKEN];
    let arrays = 0;
    let statements = 0;
    for (const text of texts) {
      const traced = parseToml(text);
      const bare = parseToml(text, { traces: false });
      assert.deepEqual(bare, traced);
      assert.ok(statementTraces.has(traced.syntax));
      assert.equal(statementTraces.has(bare.syntax), false);
      for (const a of topLevelArrays(bare)) assert.equal(arrayTraces.has(a), false);
      arrays += topLevelArrays(traced).filter((a) => arrayTraces.has(a)).length;
      assert.equal(statementTables(bare), 0);
      statements += statementTables(traced);
    }
    assert.ok(arrays > 10, `the traced parses recorded array traces (${arrays})`);
    assert.ok(statements > 7000, `the traced parses kept statement tables (${statements})`);
  });

  it('is re-parsed after random edits as a fresh parse of the edited text', () => {
    const big = corpusFiles.filter((f) => /(sdk|base)\.packages\.toml$|components\.toml$|kernel\.comp\.toml$/.test(f));
    assert.equal(big.length, 4, big.map((f) => path.basename(f)).join(', '));
    const next = prng(15);
    for (const file of big) {
      let text = fs.readFileSync(file, 'utf8');
      let doc = parseToml(text, { traces: false });
      for (let i = 0; i < 6; i++) {
        const at = Math.floor(next() * text.length);
        const edit = ['x', '"', '\n', ']', ',', '# c\n'][Math.floor(next() * 6)] as string;
        text = text.slice(0, at) + edit + text.slice(at);
        doc = reparseToml(doc, text, { takeOver: true });
        assert.deepEqual(doc, parseToml(text), `${path.basename(file)} after inserting ${JSON.stringify(edit)} at ${at}`);
      }
    }
  });

  it('leaves the language service’s findings unchanged on the real tree and on a seeded tree', () => {
    const seeded = seededTree();
    try {
      for (const root of [CORPUS_ROOT, seeded]) {
        const check = (editTraces: boolean) => createLanguageService({ fs: diskFileSystem, schema: 'bundled', bundledSchemaDir: SCHEMAS_DIR, cwd: root, editTraces }).checkProject(root);
        const oneShot = check(false);
        const editor = check(true);
        assert.deepEqual(oneShot, editor);
        if (root === seeded) for (const code of ['schema-unknown-key', 'schema-type', 'regex-invalid']) assert.ok(oneShot.diagnostics.some((d) => d.code === code), `the seeded tree gives ${code}`);
      }
    } finally {
      fs.rmSync(seeded, { recursive: true, force: true });
    }
  });
});
