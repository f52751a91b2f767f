// "Check All Overlays" over stdio: with nothing open, every component with overlays is rendered against its
// spec; the failing overlay is published in its (closed) file with work-done progress on the way, a component
// without a spec at hand is counted as not judged, and a later run after the fix clears the finding.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { URI } from 'vscode-uri';
import type { CheckAllOverlaysResult } from '../../server/src/protocol';
import { tempProject } from '../support/paths';
import { LspClient } from './lspClient';

const SPEC = 'Name: hello\nVersion: 1\nRelease: 1%{?dist}\nSummary: s\nLicense: MIT\n\n%description\nd\n\n%prep\n\n%build\nmake\n\n%files\n\n%changelog\n';
const BROKEN = '[components.hello]\nspec = { type = "local", path = "hello.spec" }\n\n[[components.hello.overlays]]\ndescription = "a fix for a line that is not there"\ntype = "spec-search-replace"\nsection = "%build"\nregex = "no-such-text"\nreplacement = "x"\n';

describe('check all overlays over stdio', () => {
  const clients: LspClient[] = [];
  after(() => clients.forEach((c) => c.kill()));

  it('publishes the overlays that would fail in files no one opened, with progress, and clears them once fixed', async () => {
    const dir = tempProject({
      'azldev.toml': 'includes = ["comps/*.comp.toml"]\n',
      'comps/hello.comp.toml': BROKEN,
      'comps/hello.spec': SPEC,
      // An upstream component: no spec at hand offline, so not judged.
      'comps/up.comp.toml': '[components.up]\nspec = { type = "upstream" }\n[[components.up.overlays]]\ndescription = "d"\ntype = "spec-add-tag"\ntag = "Vendor"\nvalue = "x"\n',
    });
    const client = new LspClient();
    clients.push(client);
    const progress: unknown[] = [];
    client.connection.onRequest('window/workDoneProgress/create', () => null);
    client.connection.onNotification('$/progress', (p: { value: { kind: string } }) => {
      progress.push(p.value.kind);
    });
    await client.initialize(dir, { upstream: { cacheDir: path.join(dir, '.no-cache') } }, { configuration: true }, { workDoneProgress: true });
    const comp = URI.file(path.join(dir, 'comps', 'hello.comp.toml')).toString();
    const result = await client.connection.sendRequest<CheckAllOverlaysResult>('distroToml/checkAllOverlays', {});
    assert.deepEqual(result, { judged: 1, notJudged: 1, errors: 1, advice: 0, cancelled: false });
    const published = await client.waitFor(() => client.diagnostics.get(comp)?.diagnostics.find((d) => d.code === 'overlay-does-not-apply'), 20_000, 'the overlay finding');
    assert.equal(published.range.start.line, 3);
    assert.match(String(published.message), /pattern `no-such-text` not found/);
    assert.deepEqual([progress[0], progress[progress.length - 1]], ['begin', 'end']);

    fs.writeFileSync(path.join(dir, 'comps', 'hello.comp.toml'), BROKEN.replace('regex = "no-such-text"', 'regex = "make"'));
    // The editor tells of the save, and the command follows at once: the check waits for the change to be taken in.
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: comp, type: 2 }] });
    const again = await client.connection.sendRequest<CheckAllOverlaysResult>('distroToml/checkAllOverlays', {});
    assert.equal(again.errors, 0);
    await client.waitFor(() => (client.diagnostics.get(comp)?.diagnostics.some((d) => d.code === 'overlay-does-not-apply') === false ? true : undefined), 20_000, 'the finding cleared');
    await client.shutdown();
  });
});
