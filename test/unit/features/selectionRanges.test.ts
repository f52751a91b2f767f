// Expand Selection in TOML: from the word under the cursor out to the document, through strings, inline
// tables, arrays, key/values and tables; on a header and on a dotted key; on a real tree file.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { selectionRanges } from '../../../server/src/core/features/selectionRanges';
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
});
