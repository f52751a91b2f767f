// Resource checks in the editor, over stdio with a real JSON-RPC client: a repo set whose template lives in
// another file is reported there when the template is renamed in an open buffer, and cleared when it is
// renamed back; a per-file resource mistake is published at its range on open.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { tempProject } from '../support/paths';
import { LspClient } from './lspClient';

const TEMPLATE = '[resources.rpm-repo-set-templates.standard]\nsubrepos = [{ name = "base", subpath = "base/$basearch" }]\n';
const PROJECT = {
  'azldev.toml': 'includes = ["repos.toml", "sets.toml"]\n',
  'repos.toml': TEMPLATE,
  'sets.toml': '[resources.rpm-repo-sets.azl4]\ntemplate = "standard"\nbase-uri = "https://x/azl4"\nname-prefix = "azl4-"\ngpg-key = "https://x/key"\n',
};

describe('resource checks in the language server', () => {
  const clients: LspClient[] = [];
  after(() => clients.forEach((c) => c.kill()));

  it('reports a set whose template an edit of another file removed, and clears it when restored', async () => {
    const dir = tempProject(PROJECT);
    const client = new LspClient();
    clients.push(client);
    await client.initialize(dir, { diagnostics: { debounceMs: 0 } });
    await client.waitFor(() => client.statuses.find((s) => s.state === 'ready'), 20_000, 'ready status');
    const setsUri = 'file://' + path.join(dir, 'sets.toml');
    const reposUri = client.open(path.join(dir, 'repos.toml'), TEMPLATE.replace('standard', 'standard2'), 1);
    assert.deepEqual(await client.diagnosticsFor(reposUri, 1), []);
    const inSets = await client.diagnosticsWithCode(setsUri, 'resource-set-undefined-template', 10_000);
    assert.deepEqual(inSets.map((d) => [d.range, d.message]), [[
      { start: { line: 1, character: 11 }, end: { line: 1, character: 21 } },
      'rpm-repo-set `azl4` references undefined `template` `standard`; define a matching key under `[resources.rpm-repo-set-templates]`',
    ]]);
    client.change(reposUri, 2, TEMPLATE);
    assert.deepEqual(await client.diagnosticsFor(reposUri, 2), []);
    await client.waitFor(() => (client.diagnostics.get(setsUri)?.diagnostics.length ? undefined : true), 10_000, 'sets.toml cleared');
    await client.shutdown();
  });

  it('publishes a per-file resource mistake at its range on open', async () => {
    const dir = tempProject(PROJECT);
    const client = new LspClient();
    clients.push(client);
    await client.initialize(dir, { diagnostics: { debounceMs: 10 } });
    const uri = client.open(path.join(dir, 'sets.toml'), PROJECT['sets.toml'].replace('https://x/key', 'file:k.gpg'), 1);
    const diags = await client.diagnosticsFor(uri, 1);
    assert.deepEqual(diags.map((d) => [d.code, d.range]), [['resource-invalid-gpg-key', { start: { line: 4, character: 10 }, end: { line: 4, character: 22 } }]]);
    await client.shutdown();
  });
});
