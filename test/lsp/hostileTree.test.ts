// The language server starting on a hostile tree: link loops, a link to `/` and a FIFO named by an include
// used to keep its start-up scan walking (4 GB and growing) or blocked, answering nothing. It must finish the
// scan and publish the errors at the includes.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { tempProject, tempDir } from '../support/paths';
import { LspClient } from './lspClient';

describe('language server on a hostile tree', () => {
  const clients: LspClient[] = [];
  after(() => clients.forEach((c) => c.kill()));

  it('finishes its scan despite link loops, a link to / and a FIFO, and reports them at the includes', async () => {
    const dir = tempProject({
      'azldev.toml': 'includes = ["comps/**/*.comp.toml", "pipe.toml"]\n\n[project]\ndescription = "hostile"\n',
      'comps/a/a.comp.toml': '[components.a]\n',
    });
    fs.symlinkSync('.', path.join(dir, 'comps', 'l1'));
    fs.symlinkSync('.', path.join(dir, 'comps', 'l2'));
    fs.symlinkSync('/', path.join(dir, 'comps', 'root'));
    execFileSync('mkfifo', [path.join(dir, 'pipe.toml')]);
    const client = new LspClient();
    clients.push(client);
    await client.initialize(dir);
    const ready = await client.waitFor(() => client.statuses.find((s) => s.state === 'ready'), 20_000, 'ready status');
    assert.equal(ready.files, 2);
    const rootUri = 'file://' + path.join(dir, 'azldev.toml');
    const outside = await client.diagnosticsWithCode(rootUri, 'path-outside-project');
    assert.deepEqual(outside.map((d) => d.range.start), [{ line: 0, character: 12 }]);
    assert.match(String(outside[0]?.message), /comps\/root is not read: it leads through a symbolic link to \/, outside the project/);
    const fifo = await client.diagnosticsWithCode(rootUri, 'file-not-regular');
    assert.deepEqual(fifo.map((d) => d.range.start), [{ line: 0, character: 36 }]);
    assert.equal(await client.shutdown(), 0);
  });
  it('publishes house rules that link out of the project as refused, without the linked file\'s words', async () => {
    const secret = `SECRET${process.pid}`;
    const outside = tempDir('distro-toml-outside-');
    fs.writeFileSync(path.join(outside, 'passwd'), `${secret}:x:0:0:root:/root:/bin/sh\n`);
    const dir = tempProject({
      'azldev.toml': 'includes = ["comps/**/*.comp.toml"]\n\n[project]\ndescription = "hostile"\n',
      'comps/a/a.comp.toml': '[components.a]\n',
    });
    fs.symlinkSync(path.join(outside, 'passwd'), path.join(dir, '.distro-toml.toml'));
    const client = new LspClient();
    clients.push(client);
    await client.initialize(dir);
    await client.waitFor(() => client.statuses.find((s) => s.state === 'ready'), 20_000, 'ready status');
    const refused = await client.diagnosticsWithCode('file://' + path.join(dir, '.distro-toml.toml'), 'path-outside-project');
    assert.match(String(refused[0]?.message), /^\.distro-toml\.toml is not read: it leads through a symbolic link to .*passwd, outside the project/);
    assert.ok(!JSON.stringify([client.published, client.logs]).includes(secret), 'the linked file\'s words reached the client');
    assert.equal(await client.shutdown(), 0);
  });
});
