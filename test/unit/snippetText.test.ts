// Snippets for clients that cannot expand them: placeholders and first choices written out, bare tab
// stops dropped, escapes undone.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { snippetAsPlainText } from '../../server/src/handlers/snippetText';

test('a snippet becomes the text it would insert with every placeholder accepted', () => {
  const cases: [string, string][] = [
    ['tag = "$1"', 'tag = ""'],
    ['description = "${1:What this overlay does}"\ntype = "spec-add-tag"\n$0', 'description = "What this overlay does"\ntype = "spec-add-tag"\n'],
    ['skip = ${1|true,false|}', 'skip = true'],
    ['lines = ["${2:%global azl_marker 1}"]', 'lines = ["%global azl_marker 1"]'],
    ['regex = "${1:\\$HOME\\}}"', 'regex = "$HOME}"'],
    ['a = "${1:outer ${2:inner}}"', 'a = "outer inner"'],
    ['cost = \\$5', 'cost = $5'],
    ['plain $ sign', 'plain $ sign'],
  ];
  for (const [snippet, plain] of cases) assert.equal(snippetAsPlainText(snippet), plain, snippet);
});
