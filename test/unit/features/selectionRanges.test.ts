// Expand Selection in TOML: from the word under the cursor out to the document, through strings, inline
// tables, arrays, key/values and tables; on a header and on a dotted key; on a real tree file.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { MAX_SELECTION_STEPS, selectionRanges } from '../../../server/src/core/features/selectionRanges';
import { parseToml } from '../../../server/src/core/toml';
import { c } from './featureHarness';

function chain(marked: string): string[] {
  const offset = marked.indexOf('‸');
  const text = marked.replace('‸', '');
  const [spans] = selectionRanges(parseToml(text), [offset]);
  return (spans ?? []).map((s) => (s.start === 0 && s.end === text.length ? '<document>' : text.slice(s.start, s.end)));
}

describe('TOML selection ranges', () => {
  it('grows from a word in a string through inline tables to the table and the document', () => {
    const doc = 'x = 1\n[components.a]\nspec = { type = "upstream", upstream-distro = { name = "fed‸ora-x y", version = "43" } }\nrelease = 1\n';
    assert.deepEqual(chain(doc), [
      'fedora-x',
      'fedora-x y',
      '"fedora-x y"',
      'name = "fedora-x y"',
      '{ name = "fedora-x y", version = "43" }',
      'upstream-distro = { name = "fedora-x y", version = "43" }',
      '{ type = "upstream", upstream-distro = { name = "fedora-x y", version = "43" } }',
      'spec = { type = "upstream", upstream-distro = { name = "fedora-x y", version = "43" } }',
      '[components.a]\nspec = { type = "upstream", upstream-distro = { name = "fedora-x y", version = "43" } }\nrelease = 1',
      '<document>',
    ]);
  });

  it('goes through array items, and from a key segment through the dotted key', () => {
    assert.deepEqual(chain('a = [\n    "x",\n    [1, 2‸],\n]\n'), ['2', '[1, 2]', '[\n    "x",\n    [1, 2],\n]', 'a = [\n    "x",\n    [1, 2],\n]', '<document>']);
    assert.deepEqual(chain('[t]\nbuild.with‸out = ["x"]\n'), ['without', 'build.without', 'build.without = ["x"]', '[t]\nbuild.without = ["x"]', '<document>']);
  });

  it('on a header: the segment, the key, the header, the table', () => {
    assert.deepEqual(chain('[components.cu‸rl]\nx = 1\n'), ['curl', 'components.curl', '[components.curl]', '[components.curl]\nx = 1', '<document>']);
  });

  it('on a comment line inside a table: the comment, the table, the document', () => {
    assert.deepEqual(chain('[t]\n# no‸te\nx = 1\n'), ['# note', '[t]\n# note\nx = 1', '<document>']);
  });

  it('works on a real tree file', () => {
    const text = readFileSync(c('base/comps/elfutils/elfutils.comp.toml'), 'utf8');
    const offset = text.indexOf('provide_yama_scope 0') + 3;
    const spans = selectionRanges(parseToml(text), [offset])[0] ?? [];
    assert.deepEqual(spans.slice(0, 3).map((s) => text.slice(s.start, s.end)), ['provide_yama_scope', '%global provide_yama_scope 0', '"%global provide_yama_scope 0"']);
    assert.equal(text.slice((spans[4] as { start: number }).start, (spans[4] as { end: number }).end).split('\n')[0], '[[components.elfutils.overlays]]');
  });

  it('keeps the innermost steps and the document around a value nested 900 deep, within what clients decode', () => {
    // Each step is one more level of JSON nesting in the LSP answer (`parent`); Neovim's decoder refuses more
    // than 1000 levels, so an uncapped chain reached it as an error and the request timed out.
    const text = `x = ${'['.repeat(900)}1${']'.repeat(900)}\n`;
    const offset = text.indexOf('1');
    const [spans = []] = selectionRanges(parseToml(text), [offset]);
    assert.ok(spans.length <= MAX_SELECTION_STEPS, String(spans.length));
    assert.deepEqual(spans[0], { start: offset, end: offset + 1 });
    assert.deepEqual(spans[1], { start: offset - 1, end: offset + 2 });
    assert.deepEqual(spans[spans.length - 1], { start: 0, end: text.length });
    assert.deepEqual(spans[spans.length - 2], { start: 0, end: text.length - 1 });
    for (let k = 1; k < spans.length; k++) assert.ok(spans[k]!.start <= spans[k - 1]!.start && spans[k]!.end >= spans[k - 1]!.end, `step ${k} holds the one before`);
  });
});
