// A one-shot check keeps nothing for edits (LanguageServiceOptions.editTraces false, what the CLI asks for).
// A parse without the incremental re-parse's traces (ParseOptions.traces false) gives the same syntax tree, model
// and errors as the traced parse, on every file of the real tree and on broken texts, and records no trace and no
// statement table for a next model build; a
// document parsed so is still re-parsed correctly after edits (whole, for want of a trace), giving what a fresh
// parse of the edited text gives. A parse keeping only the comments that name distro-toml (ParseOptions.comments
// `marked`) is the full parse with the other comments left out. And the language service without edit traces (no
// traces, only those comments, validation keeping no statement values or errors) finds what the editor's finds, the
// house rules' ignore comments applied, on the real tree and on a tree seeded with errors and ignore comments.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { isStatementTable, parseToml, parseTomlStepwise, reparseToml, type ModelNode, type TomlDocument } from '../../../server/src/core/toml';
import type { CoreDiagnostic } from '../../../server/src/core/diagnostics';
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

/** Ignore comments among ordinary ones, and a comment that names distro-toml without being one. */
const WITH_IGNORES = '# a file\n[components.a] # the first\n# distro-toml: ignore[regex-invalid]\n# why\nregex = "(" # trailing\n#not an ignore comment, but it names distro-toml\nx = [\n  1, # one\n]\n';

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

  it('keeps only the comments that name distro-toml when asked, and is otherwise the full parse, whole and in steps', () => {
    const texts = [...corpusFiles.map((f) => fs.readFileSync(f, 'utf8')), ...BROKEN, WITH_IGNORES];
    let dropped = 0;
    for (const text of texts) {
      const full = parseToml(text, { traces: false });
      const marked = parseToml(text, { traces: false, comments: 'marked' });
      const kept = full.syntax.comments.filter((c) => c.text.includes('distro-toml'));
      assert.deepEqual(marked.syntax.comments, kept);
      dropped += full.syntax.comments.length - kept.length;
      assert.deepEqual({ ...marked, syntax: { ...marked.syntax, comments: [] } }, { ...full, syntax: { ...full.syntax, comments: [] } });
      const steps = parseTomlStepwise(text, 4096, { traces: false, comments: 'marked' });
      let step = steps.next();
      while (!step.done) step = steps.next();
      assert.deepEqual(step.value, marked);
    }
    assert.ok(dropped > 10_000, `the corpus's ordinary comments were left out (${dropped})`);
    const ignores = parseToml(WITH_IGNORES, { comments: 'marked' }).syntax.comments.map((c) => c.text.trim());
    assert.deepEqual(ignores, ['distro-toml: ignore[regex-invalid]', 'not an ignore comment, but it names distro-toml']);
  });

  it('leaves the language service’s findings unchanged on the real tree and on a seeded tree, ignore comments applied', () => {
    const seeded = seededTree();
    try {
      // Ignore comments among ordinary ones: one silencing the regex finding two lines down (past a comment line), one silencing nothing.
      const kernel = path.join(seeded, 'base/comps/kernel/kernel.comp.toml');
      const before = fs.readFileSync(kernel, 'utf8');
      const after = before.replace('regex = "(unclosed"', '# distro-toml: ignore[regex-invalid]\n# the regex is broken on purpose\nregex = "(unclosed"').replace(/\[components\.kernel\]\n/, '[components.kernel]\n# distro-toml: ignore[schema-type] (nothing to silence)\n');
      assert.equal(after.split('distro-toml: ignore').length, before.split('distro-toml: ignore').length + 2, 'the ignore comments were seeded');
      fs.writeFileSync(kernel, after);
      for (const root of [CORPUS_ROOT, seeded]) {
        const serviceOf = (editTraces: boolean) => createLanguageService({ fs: diskFileSystem, schema: 'bundled', bundledSchemaDir: SCHEMAS_DIR, cwd: root, editTraces });
        const oneShotService = serviceOf(false);
        const editorService = serviceOf(true);
        const oneShot = oneShotService.checkProject(root);
        const editor = editorService.checkProject(root);
        assert.deepEqual(oneShot, editor);
        // The house rules as the CLI applies them, file by file.
        const byFile = new Map<string, CoreDiagnostic[]>(oneShot.files.map((f) => [f, []]));
        for (const d of oneShot.diagnostics) byFile.get(d.file)?.push(d);
        const shown = (service: typeof oneShotService) => [...byFile].flatMap(([f, list]) => service.applyHouseRules(f, list));
        const oneShotShown = shown(oneShotService);
        assert.deepEqual(oneShotShown, shown(editorService));
        if (root === seeded) {
          for (const code of ['schema-unknown-key', 'schema-type', 'regex-invalid']) assert.ok(oneShot.diagnostics.some((d) => d.code === code), `the seeded tree gives ${code}`);
          const inKernel = oneShotShown.filter((d) => d.file === kernel).map((d) => d.code);
          assert.ok(!inKernel.includes('regex-invalid'), `the ignore comment silences the regex finding (${inKernel.join(', ')})`);
          assert.ok(inKernel.includes('unused-ignore'), `the ignore comment that silences nothing is reported (${inKernel.join(', ')})`);
        }
      }
    } finally {
      fs.rmSync(seeded, { recursive: true, force: true });
    }
  });
});
