// The first requests after start-up, over stdio on the real tree: the start-up scan reads the project a file
// per turn. A completion that needs the project's names, hover, workspace symbols and navigation wait for the
// model and give the same answers as once the tree is indexed, while edits typed meanwhile are answered at once;
// a completion that needs no model is answered at once.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { CompletionList, Hover, LocationLink, SymbolInformation } from 'vscode-languageserver-protocol';
import { CORPUS_ROOT } from '../support/paths';
import { LspClient } from './lspClient';

const GROUPS = path.join(CORPUS_ROOT, 'base/comps/component-check-disablement.toml');
const COMPONENTS = path.join(CORPUS_ROOT, 'base/comps/components.toml');

/** The line/character just after the first `needle` in `text`. */
function after_(text: string, needle: string): { line: number; character: number } {
  const end = text.indexOf(needle) + needle.length;
  assert.ok(end >= needle.length, `${needle} in the text`);
  const before = text.slice(0, end);
  return { line: before.split('\n').length - 1, character: end - (before.lastIndexOf('\n') + 1) };
}

describe('first requests while the start-up scan runs (real tree, stdio)', () => {
  const clients: LspClient[] = [];
  after(() => clients.forEach((c) => c.kill()));

  it('answers completion, hover, symbols and definition with the whole model, and edits typed meanwhile first', async () => {
    const client = new LspClient();
    clients.push(client);
    await client.initialize(CORPUS_ROOT);
    // A half-typed member of a component group (a name the project model gives) and a new overlay block.
    const groups = fs.readFileSync(GROUPS, 'utf8').replace('    "SDL3_image",\n', '    "SDL3_image",\n    "zlib\n');
    const groupsUri = client.open(GROUPS, groups);
    const components = `${fs.readFileSync(COMPONENTS, 'utf8')}\n[[components.zlib-ng.overlays]]\n\n`;
    const componentsUri = client.open(COMPONENTS, components);
    const member = { textDocument: { uri: groupsUri }, position: after_(groups, '    "zlib') };
    const overlayKeys = { textDocument: { uri: componentsUri }, position: { line: after_(components, '[[components.zlib-ng.overlays]]\n').line, character: 0 } };
    const hoverAt = { textDocument: { uri: componentsUri }, position: after_(components, '[components.gi') };
    const memberDef = { textDocument: { uri: groupsUri }, position: after_(groups, '"bat') };
    const ask = () =>
      Promise.all([
        client.connection.sendRequest<CompletionList>('textDocument/completion', member),
        client.connection.sendRequest<CompletionList>('textDocument/completion', overlayKeys),
        client.connection.sendRequest<Hover | null>('textDocument/hover', hoverAt),
        client.connection.sendRequest<SymbolInformation[]>('workspace/symbol', { query: 'kernel' }),
        client.connection.sendRequest<LocationLink[] | null>('textDocument/definition', memberDef),
      ]);
    // Asked right after the opens, in the same burst: the scan needs a turn of the event loop per file of the
    // tree, so these are read long before it is done.
    const order: string[] = [];
    const firstMember = client.connection.sendRequest<CompletionList>('textDocument/completion', member).then((list) => (order.push('names'), list));
    const firstKeys = client.connection.sendRequest<CompletionList>('textDocument/completion', overlayKeys).then((list) => (order.push('keys'), list));
    // An edit typed while the names are awaited is checked and published before they arrive: the wait is the
    // scan's, a file a turn, and holds up nothing (message order, not time).
    client.change(componentsUri, 2, `${components}# typed while the names are awaited\n`);
    const edited = client.diagnosticsFor(componentsUri, 2, 120_000).then(() => order.push('edit'));
    const during = await ask();
    const first = await firstMember;
    await Promise.all([firstKeys, edited]);
    assert.equal(order[0], 'keys', `the overlay keys need no model and are answered at once: ${order.join(', ')}`);
    assert.ok(order.indexOf('edit') < order.indexOf('names'), `the edit's diagnostics before the names: ${order.join(', ')}`);

    await client.waitFor(() => client.statuses.find((s) => s.state === 'ready'), 120_000, 'ready status');
    const settled = await ask();
    // Once indexed: the group member's names come from the whole tree, and nothing is left out.
    const names = settled[0].items.map((i) => i.label);
    assert.ok(names.includes('zlib-ng'), `zlib-ng offered: ${names.join(', ')}`);
    assert.equal(settled[0].isIncomplete, false);
    // The answers that do not need the model, or that waited for it, are the same during the scan and after.
    assert.deepEqual(during[1], settled[1], 'overlay keys');
    assert.ok(during[1].items.some((i) => i.label === 'type'));
    assert.deepEqual(during[2], settled[2], 'hover on a component');
    assert.match((settled[2]?.contents as { value: string }).value, /^\*\*Component `gi/);
    assert.deepEqual(during[3], settled[3], 'workspace symbols');
    assert.ok(settled[3].some((s) => s.location.uri.endsWith('/kernel.comp.toml')), 'a component of another file');
    assert.deepEqual(during[4], settled[4], 'definition of a group member');
    const target = [settled[4]].flat()[0] as unknown as LocationLink | undefined;
    assert.ok(target, `the member leads to its component: ${JSON.stringify(settled[4])}`);
    const targetText = fs.readFileSync(decodeURIComponent(target.targetUri.replace(/^file:\/\//, '')), 'utf8').split('\n')[target.targetRange.start.line] ?? '';
    assert.match(targetText, /components\.bats\b/);
    // The member completion asked during the scan waited for the model: the same names as once indexed.
    assert.deepEqual(first, settled[0]);
    assert.deepEqual(during[0], settled[0]);
  });
});
