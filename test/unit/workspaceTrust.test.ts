// Settings that point git or the render at folders are not the workspace's to set: machine-scoped in the manifest,
// restricted in untrusted workspaces, and dropped by the server when the client says the workspace is untrusted.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { readSettings } from '../../server/src/settings';
import { readWorkspaceTrust, settingsForTrust } from '../../server/src/workspaceTrust';
import { REPO_ROOT } from '../support/paths';

type Manifest = {
  capabilities?: { untrustedWorkspaces?: { supported?: unknown; restrictedConfigurations?: string[] } };
  contributes: { configuration: { properties: Record<string, { scope?: string }> } };
};

describe('workspace trust and setting scopes', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;
  const props = manifest.contributes.configuration.properties;

  it('checkout and cache folders can only be set on the machine, never by a workspace', () => {
    for (const key of ['distroToml.upstream.localCheckouts', 'distroToml.upstream.cacheDir']) assert.equal(props[key]?.scope, 'machine', key);
  });

  it('untrusted workspaces are supported in a limited way, with every upstream setting restricted', () => {
    const u = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(u?.supported, 'limited');
    for (const key of Object.keys(props).filter((k) => k.startsWith('distroToml.upstream.') || k === 'distroToml.schema')) assert.ok(u?.restrictedConfigurations?.includes(key), key);
  });

  it('the server drops them when the client says the workspace is untrusted', () => {
    const raw = { upstream: { fetch: true, cacheDir: 'c', localCheckouts: ['x'], specsDir: 's' }, schema: 'workspace' };
    assert.equal(readWorkspaceTrust({ workspaceTrusted: false }), false);
    assert.equal(readWorkspaceTrust(undefined), true);
    assert.equal(readWorkspaceTrust(null), true);
    const untrusted = settingsForTrust(readSettings(raw), false);
    assert.deepEqual(untrusted.upstream, { fetch: false, cacheDir: '', localCheckouts: [], specsDir: '' });
    assert.equal(untrusted.schema, 'bundled', 'a workspace schema is compiled to code: not from an untrusted workspace');
    assert.equal(settingsForTrust(readSettings(raw), true).schema, 'workspace');
    assert.deepEqual(settingsForTrust(readSettings(raw), true).upstream, raw.upstream);
  });
});
