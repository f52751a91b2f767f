// The language server's background scan on a project whose include globs are hostile: a malformed class
// (`[z-a]*.toml` used to abort the scan with "Invalid regular expression") and directory symlink loops under
// the included directory. The scan must finish, publish the project's diagnostics and keep answering.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { tempProject } from '../support/paths';
import { LspClient } from './lspClient';

describe('language server scan with hostile include globs', () => {
  const clients: LspClient[] = [];
  const dirs: string[] = [];
  after(() => {
    clients.forEach((c) => c.kill());
    dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
  });

  it('finishes the scan and publishes the included files’ diagnostics', async () => {
    const dir = tempProject({
      'azldev.toml': 'includes = ["[z-a]*.toml", "comps/**/*.comp.toml"]\n\n[project]\ndescription = "hostile globs"\n',
      'comps/a.comp.toml': '[components.a]\n',
      'comps/sub/b.comp.toml': '[components.b]\nspec = { type = "upstrem" }\n',
    });
    dirs.push(dir);
    fs.symlinkSync('.', path.join(dir, 'comps', 'l1'));
    fs.symlinkSync('.', path.join(dir, 'comps', 'l2'));
    const client = new LspClient();
    clients.push(client);
    await client.initialize(dir);
    const ready = await client.waitFor(() => client.statuses.find((s) => s.state === 'ready'), 20_000, 'ready status');
    assert.equal(ready.files, 3);
    const bUri = 'file://' + path.join(dir, 'comps', 'sub', 'b.comp.toml');
    assert.deepEqual((await client.diagnosticsFor(bUri)).map((d) => d.code), ['schema-enum']);
    assert.equal(await client.shutdown(), 0);
  });
});
