// The quick fix that rewrites an inline overlay array as [[...overlays]] blocks: exact text on a small
// document, and on every legacy component of the real tree the rewritten file means the same (same
// values, no TOML error) and the lint is gone.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { inlineOverlaysToBlocks } from '../../../server/src/core/features/codeActionsInlineOverlays';
import { runAuthoringGuide } from '../../../server/src/core/lint/authoringGuide';
import { parseToml, toJS } from '../../../server/src/core/toml';
import { CORPUS_ROOT, filesBelow } from '../../support/paths';

function apply(text: string, edit: { start: number; end: number; newText: string }): string {
  return text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
}

describe('rewrite inline overlays as blocks', () => {
  it('keeps each entry and the comments before it', () => {
    const text = [
      '[components.curl]',
      'spec = { type = "upstream" }',
      'overlays = [',
      '  # Rebrand.',
      '  { type = "spec-set-tag", tag = "Vendor", value = "X" },',
      '  { description = "drop docs", type = "spec-append-lines", section = "%install", lines = ["rm -rf x"] },',
      ']',
      'build = { without = ["a"] }',
      '',
      '[components.wget]',
      '',
    ].join('\n');
    const edit = inlineOverlaysToBlocks(parseToml(text), 'curl');
    assert.ok(edit);
    assert.equal(
      apply(text, edit),
      [
        '[components.curl]',
        'spec = { type = "upstream" }',
        'build = { without = ["a"] }',
        '',
        '# Rebrand.',
        '[[components.curl.overlays]]',
        'type = "spec-set-tag"',
        'tag = "Vendor"',
        'value = "X"',
        '',
        '[[components.curl.overlays]]',
        'description = "drop docs"',
        'type = "spec-append-lines"',
        'section = "%install"',
        'lines = ["rm -rf x"]',
        '',
        '[components.wget]',
        '',
      ].join('\n'),
    );
  });

  it('does nothing for overlays already written as blocks', () => {
    assert.equal(inlineOverlaysToBlocks(parseToml('[components.a]\n[[components.a.overlays]]\ntype = "spec-remove-tag"\ntag = "A"\n'), 'a'), undefined);
  });

  it('on every legacy component of the real tree: same meaning, no TOML error, lint gone', () => {
    let rewritten = 0;
    for (const file of filesBelow(CORPUS_ROOT, '.toml')) {
      const text = fs.readFileSync(file, 'utf8');
      const doc = parseToml(text);
      for (const d of runAuthoringGuide({ file, doc, kind: 'config' }).filter((x) => x.code === 'guide-inline-overlays')) {
        const component = d.data?.component;
        assert.equal(typeof component, 'string', `${file}: the lint names its component`);
        const edit = inlineOverlaysToBlocks(doc, component as string);
        assert.ok(edit, `${file}: a fix for ${String(component)}`);
        const after = parseToml(apply(text, edit));
        assert.deepEqual(after.errors, [], file);
        assert.deepEqual(JSON.stringify(toJS(after.root)), JSON.stringify(toJS(doc.root)), `${file}: same values`);
        const again = runAuthoringGuide({ file, doc: after, kind: 'config' }).filter((x) => x.code === 'guide-inline-overlays' && x.data?.component === component);
        assert.deepEqual(again, []);
        rewritten++;
      }
    }
    assert.equal(rewritten, 5);
  });
});
