// settingsSection: our settings found in whatever a client sent — nested under `distroToml` (VS Code, Neovim's
// settings table), flat (Helix's config), or not at all (null, `{}`, other servers' sections), which must read
// as "nothing said" and never as "all defaults".
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readSettings, settingsSection } from '../../server/src/settings';

describe('settingsSection', () => {
  it('finds the nested section and the flat shape', () => {
    assert.deepEqual(settingsSection({ distroToml: { schema: 'workspace' }, yaml: { x: 1 } }), { schema: 'workspace' });
    assert.deepEqual(settingsSection({ schema: 'workspace' }), { schema: 'workspace' });
    assert.deepEqual(settingsSection({ lint: { authoringGuide: false }, other: 1 }), { lint: { authoringGuide: false }, other: 1 });
    assert.deepEqual(settingsSection({ workspaceTrusted: false }), { workspaceTrusted: false });
    assert.equal(readSettings(settingsSection({ distroToml: { schema: 'workspace' } })).schema, 'workspace');
  });

  it('says nothing for null, arrays, primitives, empty objects and other sections', () => {
    for (const raw of [null, undefined, 0, 'distroToml', [], [{ schema: 'x' }], {}, { yaml: { schema: 'x' } }, { distroToml: null }, { distroToml: 'x' }, { distroToml: [] }]) {
      assert.equal(settingsSection(raw), undefined, JSON.stringify(raw));
    }
  });
});
