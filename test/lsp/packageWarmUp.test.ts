// A package index that arrives (loaded from its cache at start) has its findings made in steps, a file per turn of the
// event loop (`package index: made …` traces), between the client's messages: an edit read meanwhile is checked and
// published before the next step, and the package findings follow once every step is done. Ordering, not timing: the
// edit goes out right behind a request the server answers as it dispatches it (an unknown method), the second half of
// its frame a while later, and the server's background turn waits for a message partly read (serverTurn.ts).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { syncRepository } from '../../server/src/core/packages/fetchRepo';
import { writeHandmadeRepo } from '../support/handmadeRepo';
import { tempProject, tempDir } from '../support/paths';
import { RawClient, type RawMessage } from './rawClient';

const PRIMARY = `<?xml version="1.0" encoding="UTF-8"?>
<metadata xmlns="http://linux.duke.edu/metadata/common" xmlns:rpm="http://linux.duke.edu/metadata/rpm" packages="2">
<package type="rpm"><name>curl</name><arch>src</arch><version epoch="0" ver="8.11.1" rel="2.fc43"/><summary>curl</summary><url>https://curl.se</url><format><rpm:sourcerpm></rpm:sourcerpm><rpm:provides><rpm:entry name="curl"/></rpm:provides></format></package>
<package type="rpm"><name>libcurl</name><arch>x86_64</arch><version epoch="0" ver="8.11.1" rel="2.fc43"/><summary>libcurl</summary><url>https://curl.se</url><format><rpm:sourcerpm>curl-8.11.1-2.fc43.src.rpm</rpm:sourcerpm><rpm:provides><rpm:entry name="libcurl"/></rpm:provides></format></package>
</metadata>
`;

/** Enough component files that the steps outlast the client's answer to the first one. */
const FILES = 600;

const component = (i: number, needs: string) => `[components.c${i}]\n\n[[components.c${i}.overlays]]\ntype = "spec-add-tag"\ntag = "BuildRequires"\nvalue = "${needs}"\n`;

const isMade = (m: RawMessage) => m.method === '$/logTrace' && /^package index: made /.test((m.params as { message: string }).message);

describe('a package index arriving is checked in steps (stdio)', () => {
  const clients: RawClient[] = [];
  after(() => clients.forEach((c) => c.kill()));

  it('checks an edit read during the steps before the next one, and publishes the package findings after the last', async () => {
    const files: Record<string, string> = { 'azldev.toml': 'includes = ["comps/*.toml"]\n' };
    for (let i = 0; i < FILES; i++) files[`comps/c${i}.comp.toml`] = component(i, i === 0 ? 'libcurll' : 'libcurl');
    const dir = tempProject(files);
    const repo = tempDir('distro-toml-warmup-repo-');
    writeHandmadeRepo(repo, PRIMARY);
    const cache = path.join(dir, '.cache');
    await syncRepository(repo, { cacheDir: cache });
    const client = await RawClient.initialized(dir, { diagnostics: { debounceMs: 0 }, packageIndex: { repositories: [repo], replaceRepositories: true, cacheDir: cache, offline: true } });
    clients.push(client);
    const file = path.join(dir, 'comps', 'c0.comp.toml');
    const uri = pathToFileURL(file).toString();
    const text = files['comps/c0.comp.toml'] as string;
    client.frame({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'toml', version: 1, text } } });
    const publishedFor = (version: number) => (m: RawMessage) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string; version?: number }).uri === uri && (m.params as { version?: number }).version === version;
    // (The project's findings are published without a version: they are not the check of one.)
    const withPackageFinding = (m: RawMessage) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === uri && (m.params as { diagnostics: { code?: string }[] }).diagnostics.some((d) => d.code === 'package-capability-unknown');
    // The steps are under way: the first is traced.
    await client.waitFor(isMade, 60_000, 'the first step of the package findings');
    const change = Buffer.from(RawClient.frameOf({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri, version: 2 }, contentChanges: [{ text: `# edited\n${text}` }] } }));
    client.child.stdin.write(Buffer.concat([Buffer.from(RawClient.marker(100)), change.subarray(0, change.length >> 1)]));
    await client.response(100, 60_000);
    await new Promise((r) => setTimeout(r, 200));
    client.child.stdin.write(change.subarray(change.length >> 1));
    await client.waitFor(publishedFor(2), 60_000, 'the diagnostics of the edit');
    const answered = client.received.findIndex((m) => m.id === 100 && m.method === undefined);
    const edited = client.received.findIndex(publishedFor(2));
    assert.equal(client.received.slice(answered, edited).filter(isMade).length, 0, 'steps between the edit and its diagnostics');
    assert.ok(!client.received.slice(0, edited + 1).some(withPackageFinding), 'the edit was published before the package findings were made');
    // The steps went on after the edit, and the package findings came once they were done, at the edited text (a line
    // lower than in the opened one).
    const found = await client.waitFor(withPackageFinding, 60_000, 'the package finding of the edited file');
    const last = client.received.findIndex((m) => isMade(m) && /made channel policy$/.test((m.params as { message: string }).message));
    assert.ok(client.received.slice(edited).some(isMade), 'steps after the edit was published');
    assert.ok(last > edited && client.received.indexOf(found) > last, 'the package findings after the last step');
    const diag = (found.params as { diagnostics: { code?: string; range: { start: { line: number; character: number } } }[] }).diagnostics.find((d) => d.code === 'package-capability-unknown');
    assert.deepEqual(diag?.range.start, { line: 6, character: 9 });
  });
});
