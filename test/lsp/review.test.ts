// Review Changes over the protocol: the client sends the files a change touched with their earlier text; the
// server answers with every component the change alters — through a group default and a shared overlay file too,
// an unsaved buffer included — and serves both sides of each for the diff editor. Malformed requests get
// InvalidParams, and files outside the project are never laid over it.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { ReviewChangesResult } from '../../server/src/protocol';
import { tempProject } from '../support/paths';
import { LspClient } from './lspClient';

const SPEC = (name: string, install = 'echo install') => `Name: ${name}\nVersion: 1.0\nRelease: 1%{?dist}\nSummary: ${name}\nLicense: MIT\n\n%description\n${name}.\n\n%prep\n\n%build\n\n%install\n${install}\n\n%files\n\n%changelog\n`;

const GROUPS_BEFORE = '[component-groups.g1]\ncomponents = ["alpha", "gamma"]\n';
const GROUPS_AFTER = GROUPS_BEFORE + '\n[component-groups.g1.default-component-config.build]\ndefines = { with_feature = "1" }\n';
const OVERLAY_BEFORE = '[metadata]\ncategory = "azl-branding"\n\n[[overlays]]\ntype = "spec-append-lines"\nsection = "%install"\nlines = ["echo shared"]\n';

const PROJECT = {
  'azldev.toml': 'includes = ["comps/**/*.comp.toml"]\n\n[project]\ndescription = "review"\ndefault-distro = { name = "fedora", version = "43" }\n\n[distros.fedora.versions.43]\n',
  'comps/a.comp.toml': [
    '[components.alpha]',
    'spec = { type = "local", path = "alpha/alpha.spec" }',
    'overlay-files = ["shared/*.overlay.toml"]',
    '',
    '[components.beta]',
    'spec = { type = "local", path = "beta/beta.spec" }',
    'overlay-files = ["shared/*.overlay.toml"]',
    '',
    '[components.gamma]',
    'spec = { type = "local", path = "gamma/gamma.spec" }',
    '',
  ].join('\n'),
  'comps/groups.comp.toml': GROUPS_AFTER,
  'comps/shared/common.overlay.toml': OVERLAY_BEFORE.replace('echo shared', 'echo shared, changed'),
  'comps/alpha/alpha.spec': SPEC('alpha'),
  'comps/beta/beta.spec': SPEC('beta'),
  'comps/gamma/gamma.spec': SPEC('gamma', 'echo gamma now'),
};

describe('review changes over stdio', () => {
  const clients: LspClient[] = [];
  after(() => clients.forEach((c) => c.kill()));

  it('lists what the change does, through inheritance and an unsaved buffer, and serves both sides', async () => {
    const dir = tempProject(PROJECT);
    const client = new LspClient();
    clients.push(client);
    await client.initialize(dir, { diagnostics: { debounceMs: 0 } });
    const uri = (rel: string) => pathToFileURL(path.join(dir, rel)).toString();
    const base = {
      label: 'HEAD',
      files: [
        { uri: uri('comps/groups.comp.toml'), text: GROUPS_BEFORE },
        { uri: uri('comps/shared/common.overlay.toml'), text: OVERLAY_BEFORE },
        { uri: uri('comps/gamma/gamma.spec'), text: SPEC('gamma') },
        // A file the change added, and one outside the project, which must be ignored.
        { uri: uri('comps/new.comp.toml'), text: null },
        { uri: pathToFileURL(path.join(path.dirname(dir), 'elsewhere.comp.toml')).toString(), text: '[components.intruder]\n' },
      ],
    };
    const r = await client.connection.sendRequest<ReviewChangesResult>('distroToml/reviewChanges', { uri: uri('azldev.toml'), base });
    assert.deepEqual(
      r.components.map((c) => [c.name, c.configChanged, c.spec.status]),
      [
        ['alpha', true, 'changed'],
        // The overlay file's overlays are part of the effective config azldev resolves.
        ['beta', true, 'changed'],
        ['gamma', true, 'changed'],
      ],
    );
    assert.equal(r.compared, 3);
    const doc = (component: string, side: string, what: string) => client.connection.sendRequest<string | null>('distroToml/reviewDocument', { id: r.id, component, side, what });
    assert.match((await doc('beta', 'base', 'spec')) ?? '', /^echo shared$/m);
    assert.match((await doc('beta', 'head', 'spec')) ?? '', /^echo shared, changed$/m);
    assert.match((await doc('gamma', 'base', 'spec')) ?? '', /^echo install$/m);
    assert.match((await doc('gamma', 'head', 'spec')) ?? '', /^echo gamma now$/m);
    assert.doesNotMatch((await doc('alpha', 'base', 'config')) ?? '', /with_feature/);
    assert.match((await doc('alpha', 'head', 'config')) ?? '', /with_feature = "1"/);

    // An unsaved edit is part of the head: a new build setting of beta shows in its config.
    const file = path.join(dir, 'comps', 'a.comp.toml');
    client.open(file, PROJECT['comps/a.comp.toml'].replace('[components.gamma]', '[components.beta.build]\nwithout = ["docs"]\n\n[components.gamma]'), 1);
    const r2 = await client.connection.sendRequest<ReviewChangesResult>('distroToml/reviewChanges', { uri: uri('azldev.toml'), base });
    assert.notEqual(r2.id, r.id);
    assert.match((await client.connection.sendRequest<string | null>('distroToml/reviewDocument', { id: r2.id, component: 'beta', side: 'head', what: 'config' })) ?? '', /without = \["docs"\]/);
  });

  it('answers a malformed request with InvalidParams, not null', async () => {
    const dir = tempProject(PROJECT);
    const client = new LspClient();
    clients.push(client);
    await client.initialize(dir, {});
    for (const [method, params] of [
      ['distroToml/reviewChanges', { uri: 42 }],
      ['distroToml/reviewChanges', { uri: pathToFileURL(path.join(dir, 'azldev.toml')).toString(), base: { label: 'x', files: [{ uri: 'file:///x', text: 3 }] } }],
      ['distroToml/reviewDocument', { id: 'one' }],
    ] as const) {
      await assert.rejects(client.connection.sendRequest(method, params), (e: { code?: number }) => e.code === -32602, `${method} ${JSON.stringify(params)}`);
    }
  });
});
