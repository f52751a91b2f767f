import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { markdownAsPlainText, markupFor, preferredKind } from '../../server/src/handlers/markupContent';

test("preferredKind: the client's first format we produce; Markdown when it lists none", () => {
  assert.equal(preferredKind(undefined), 'markdown');
  assert.equal(preferredKind([]), 'markdown');
  assert.equal(preferredKind(['plaintext']), 'plaintext');
  assert.equal(preferredKind(['plaintext', 'markdown']), 'plaintext');
  assert.equal(preferredKind(['markdown', 'plaintext']), 'markdown');
  assert.equal(preferredKind(['html']), 'plaintext');
});

test('markdownAsPlainText: marks gone, words, code and addresses kept', () => {
  const md = [
    '**Component `hello`** — *upstream* spec',
    '### Overlays',
    'See [the guide](https://example.org/guide) or [Show Effective Config](command:distroToml.showEffectiveConfig?%5B%5D).',
    '```toml',
    'tag = "Vendor"  # **not** emphasis',
    '```',
    'build_requires and `%{?dist}` stay, \\* is a star, __strong__ too.',
  ].join('\n');
  assert.equal(
    markdownAsPlainText(md),
    [
      'Component hello — upstream spec',
      'Overlays',
      'See the guide (https://example.org/guide) or Show Effective Config.',
      'tag = "Vendor"  # **not** emphasis',
      'build_requires and %{?dist} stay, * is a star, strong too.',
    ].join('\n'),
  );
  assert.deepEqual(markupFor('**x**', ['plaintext']), { kind: 'plaintext', value: 'x' });
  assert.deepEqual(markupFor('**x**', undefined), { kind: 'markdown', value: '**x**' });
});
