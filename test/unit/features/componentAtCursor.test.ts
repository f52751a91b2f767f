// Which component a command (Render Preview, Diff with Upstream, Show Effective Config) is about when it
// is run from the palette: anywhere on a component's header line counts, as does anywhere in its body.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { componentAround, cursorAt } from '../../../server/src/core/features/symbolsAtCursor';
import { markedProject } from './featureHarness';

const project = (comp: string) =>
  markedProject({
    'azldev.toml': 'includes = ["*.comp.toml"]\n',
    'a.comp.toml': comp,
  });

function componentAt(comp: string): string | undefined {
  const p = project(comp);
  const cursor = cursorAt(p.service, p.file, p.offset);
  return cursor ? componentAround(cursor) : undefined;
}

test('the cursor anywhere on a component header line names that component', () => {
  const cases: [string, string | undefined][] = [
    ['‸[components.curl]\nspec = { type = "upstream" }\n', 'curl'],
    ['[‸components.curl]\n', 'curl'],
    ['[components‸.curl]\n', 'curl'],
    ['[components.cu‸rl]\n', 'curl'],
    ['[components.curl]‸\n', 'curl'],
    ['[components.curl]  ‸  # a comment\n', 'curl'],
    ['[components.curl.build]‸\n', 'curl'],
    ['[[components.curl.overlays]]‸\ntype = "spec-add-tag"\n', 'curl'],
    ['[components."curl"]‸\n', 'curl'],
    ['[components.curl]\nspec = { type = "upstream" }‸\n', 'curl'],
    ['[components.curl]\n\n‸\n[components.wget]\n', 'curl'],
    ['[components.curl]\n[components.wget]‸\n', 'wget'],
    ['[components]‸\ncurl = {}\n', undefined],
    ['[components]\nwget = { spec = { type = "upstream" }‸ }\n', 'wget'],
    ['[components]\nwget = {}\ncurl = { spec = { type = "upstream" } ‸}\n', 'curl'],
    ['‸# nothing here\n[components.curl]\n', undefined],
  ];
  for (const [text, expected] of cases) assert.equal(componentAt(text), expected, JSON.stringify(text));
});
