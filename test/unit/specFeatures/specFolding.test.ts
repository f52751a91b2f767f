// Folding in a spec: each section to its last non-blank line, each %if/%else branch (the last one with its
// %endif), multi-line definitions; on an inline spec and on every rendered spec of the corpus.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSpec } from '../../../server/src/core/spec';
import { specFolding } from '../../../server/src/core/specFeatures';
import { listCorpusSpecs, readCorpusSpec } from '../spec/corpus';
import { readFileSync } from 'node:fs';
import { marked } from '../toml/markers';
import { HELLO_SPEC } from './specFixture';

describe('spec folding', () => {
  it('folds sections, conditional branches and continued definitions, by 0-based line', () => {
    const doc = parseSpec(marked(HELLO_SPEC).text);
    const folds = specFolding(doc).map((f) => [f.kind, f.startLine, f.endLine, doc.lines[f.startLine]?.text, doc.lines[f.endLine]?.text]);
    assert.deepEqual(folds, [
      ['section', 0, 8, 'Name:           hello', '  cut -d. -f1)'],
      ['macro', 7, 8, '%define shortver %(echo %{version} | \\', '  cut -d. -f1)'],
      ['section', 10, 11, '%description', 'Hello.'],
      ['section', 13, 15, '%package devel', 'Requires:       %{name} = %{version}-%{release}'],
      ['section', 17, 18, '%description devel', 'Headers.'],
      ['section', 20, 21, '%package -n python3-%{srcname}', 'Summary:        Bindings'],
      ['section', 23, 30, '%prep', '%endif'],
      ['conditional', 26, 27, '%if 0%{?fedora}', '%global with_tests 1'],
      ['conditional', 28, 30, '%else', '%endif'],
      ['section', 32, 33, '%build', '%make_build'],
      ['section', 35, 37, '%install', 'install -m 644 %{SOURCE1} %{buildroot}%{_sysconfdir}/hello.conf'],
      ['section', 39, 40, '%files', '%{_bindir}/hello'],
      ['section', 42, 43, '%files devel', '%{_includedir}/hello.h'],
      ['section', 45, 46, '%post -n python3-%{srcname}', '/sbin/ldconfig'],
      ['section', 48, 53, '%changelog', '- Beta.'],
    ]);
  });

  it('folds a block without %else from %if to %endif, nested blocks inside it, and leaves an unclosed one alone', () => {
    const doc = parseSpec('%build\n%if 1\n%ifarch x86_64\nmake\n%endif\n%endif\n%if 0\nnever closed\n');
    assert.deepEqual(specFolding(doc).map((f) => [f.kind, f.startLine, f.endLine]), [
      ['section', 0, 7], ['conditional', 1, 5], ['conditional', 2, 4],
    ]);
  });

  it('on every rendered spec: folds lie inside the document, each closed %if block folds, and kernel is fast', () => {
    let blocks = 0;
    for (const file of listCorpusSpecs()) {
      const doc = parseSpec(readFileSync(file, 'utf8'));
      const folds = specFolding(doc);
      for (const f of folds) assert.ok(f.startLine < f.endLine && f.endLine < doc.lines.length, `${file}: ${JSON.stringify(f)}`);
      const openers = new Set(folds.filter((f) => f.kind === 'conditional').map((f) => f.startLine));
      for (const b of doc.conditionals) {
        const first = b.directives[0];
        const next = b.directives[1];
        // A branch only folds when it holds a line; `%if …` directly followed by `%else` does not.
        if (b.closed && first && next && (next.kind === 'close' || next.line > first.line + 1)) {
          assert.ok(openers.has(first.line), `${file}: %if at line ${first.line + 1} folds`);
          blocks++;
        }
      }
    }
    assert.ok(blocks > 1000, `${blocks} %if blocks folded`);
    const kernel = parseSpec(readCorpusSpec('kernel'));
    const started = process.hrtime.bigint();
    specFolding(kernel);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    process.stdout.write(`# folding kernel.spec: ${ms.toFixed(1)} ms (figure only)\n`);
  });
});
