// Folding in TOML documents: tables less their trailing blank lines and the comments leading into the next
// table, arrays and inline tables over lines, multi-line strings, comment blocks; whole-line folds keep a
// closing bracket visible, character folds end on it. On a real tree file and on every file of the tree.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { tomlFolding, type TomlFold } from '../../../server/src/core/features/folding';
import { parseToml } from '../../../server/src/core/toml';
import { CORPUS_ROOT, filesBelow } from '../../support/paths';
import { c } from './featureHarness';

const lines = (folds: TomlFold[]) => folds.map((f) => `${f.kind} ${f.startLine}-${f.endLine}`);

describe('TOML folding', () => {
  const doc = [
    '# one', //              0
    '# two', //              1
    'a = [', //              2
    '    1,', //             3
    '    2,', //             4
    ']', //                  5
    '', //                   6
    '[t]', //                7
    's = """', //            8
    'x', //                  9
    '"""', //                10
    'i = { b = [', //        11
    '    3, 4] }', //        12
    '', //                   13
    '# about u', //          14
    '# more', //             15
    '[u]', //                16
    'c = 1', //              17
    '', //                   18
  ].join('\n');

  it('folds whole lines, leaving a closing bracket or quote that starts its line visible', () => {
    assert.deepEqual(lines(tomlFolding(parseToml(doc), { lineFoldingOnly: true })), [
      'comment 0-1',
      'array 2-4',
      'table 7-12',
      'string 8-9',
      'inline-table 11-12',
      'comment 14-15',
      'table 16-17',
    ]);
  });

  it('with character folds, ends on the closing bracket itself', () => {
    const folds = tomlFolding(parseToml(doc), { lineFoldingOnly: false });
    assert.deepEqual(folds.find((f) => f.kind === 'array'), { startLine: 2, endLine: 5, startCharacter: 5, endCharacter: 0, kind: 'array' });
    assert.deepEqual(folds.find((f) => f.kind === 'table'), { startLine: 7, endLine: 12, startCharacter: 3, endCharacter: 11, kind: 'table' });
  });

  it('keeps the outermost folds within the client\'s limit', () => {
    assert.deepEqual(lines(tomlFolding(parseToml(doc), { lineFoldingOnly: true, limit: 2 })), ['table 7-12', 'table 16-17']);
  });

  it('folds a real component file: its tables, overlays, comments and the build scripts in multi-line strings', () => {
    const text = readFileSync(c('base/comps/kernel-headers/kernel-headers.comp.toml'), 'utf8');
    const lineOf = (needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length - 1;
    const folds = lines(tomlFolding(parseToml(text), { lineFoldingOnly: true }));
    // The component's table stops at `release`: the comments after the blank line lead into [....build].
    assert.ok(folds.includes(`table 0-${lineOf('release = ')}`), folds.join(', '));
    assert.ok(folds.includes(`comment ${lineOf('# Version updates')}-${lineOf('# Uses 3-part')}`));
    assert.ok(folds.includes(`table ${lineOf('[components.kernel-headers.build]')}-${lineOf('defines = ')}`));
    // The %build script: a one-string array and its string start on one line, so one fold (the array's) covers both.
    assert.ok(folds.includes(`array ${lineOf('lines = ["""\nmake mrproper')}-${lineOf('done"""]')}`), folds.join(', '));
  });

  it('gives every file of the tree folds that an editor accepts', () => {
    for (const file of filesBelow(CORPUS_ROOT, '.toml')) {
      const text = readFileSync(file, 'utf8');
      const count = text.split('\n').length;
      const folds = tomlFolding(parseToml(text), { lineFoldingOnly: true });
      const starts = new Set<number>();
      for (const f of folds) {
        assert.ok(f.startLine < f.endLine && f.endLine < count, `${file}: ${JSON.stringify(f)}`);
        assert.ok(!starts.has(f.startLine), `${file}: two folds start on line ${f.startLine}`);
        starts.add(f.startLine);
      }
    }
  });
});
