// Overlay diagnostics while typing, rendered on the server's worker thread: editing the real tree's
// kernel.comp.toml (17 overlays on the 7,900-line kernel.spec, the corpus's rendered spec standing in as the spec
// at hand) shows an overlay's failure once it is broken and clears it once fixed; an edit that changes nothing the
// render reads (a comment) is not rendered again (the server's trace says so) and its findings move with the
// text at once; a worker that dies is replaced, and a configuration that kills it twice is not sent again.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { CORPUS_ROOT, tempDir } from '../support/paths';
import { LspClient } from './lspClient';
import { WORKER_NICE } from '../../server/src/workerThreadPriority';

const KERNEL = path.join(CORPUS_ROOT, 'base', 'comps', 'kernel', 'kernel.comp.toml');
const KERNEL_SPEC = path.join(CORPUS_ROOT, '..', 'rendered-specs', 'k', 'kernel', 'kernel.spec');
const FAILS = 'overlay-does-not-apply';
/** An overlay that applies to the spec (so breaking its regex makes it fail). */
const APPLIES = 'regex = "cp -a %{SOURCE1} ."';
const BROKEN = 'regex = "cp -a %{NO_SUCH_SOURCE} ."';
const CRASH_MARKER = 'this description makes the test worker exit';

const shifted = (lines: number[], by: number) => lines.map((l) => l + by);
const sorted = (lines: number[]) => [...lines].sort((a, b) => a - b);

function overlayLines(diags: readonly Diagnostic[] | undefined, code = FAILS): number[] {
  return (diags ?? []).filter((d) => d.code === code).map((d) => d.range.start.line).sort((a, b) => a - b);
}

/** The line of the `[[components.kernel.overlays]]` header above the line holding `text`. */
function headerAbove(lines: string[], text: string): number {
  let at = lines.findIndex((l) => l.includes(text));
  assert.ok(at >= 0, `kernel.comp.toml has a line with ${text}`);
  while (at >= 0 && lines[at] !== '[[components.kernel.overlays]]') at--;
  return at;
}

/** Each thread's nice value of a process (Linux: /proc/PID/task/TID/stat, field 19), by thread id. */
function threadNices(pid: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      out.set(Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
    } catch {
      // The thread ended meanwhile.
    }
  }
  return out;
}

/** On Linux, the worker's thread runs at a lower priority than the thread that answers keystrokes (overlayCheckWorker.ts). */
function assertWorkerNiced(client: LspClient): void {
  if (process.platform !== 'linux' || client.pid === undefined) return;
  const nices = threadNices(client.pid);
  const base = os.getPriority();
  assert.equal(nices.get(client.pid), base, 'the main thread keeps the priority it started with');
  if (base < WORKER_NICE) assert.ok([...nices.values()].includes(WORKER_NICE), `a thread (the overlay worker) at nice ${WORKER_NICE}: ${JSON.stringify([...nices])}`);
}

describe('overlay diagnostics on the worker thread, editing kernel.comp.toml', () => {
  let specsDir = '';
  const clients: LspClient[] = [];
  before(() => {
    specsDir = tempDir('distro-toml-specs-');
    fs.mkdirSync(path.join(specsDir, 'kernel'));
    fs.copyFileSync(KERNEL_SPEC, path.join(specsDir, 'kernel', 'kernel.spec'));
  });
  after(() => {
    clients.forEach((c) => c.kill());
    fs.rmSync(specsDir, { recursive: true, force: true });
  });

  const settings = () => ({ upstream: { specsDir, cacheDir: path.join(specsDir, 'no-cache'), fetch: false } });
  const renders = (client: LspClient, verb: 'rendered' | 'unchanged') => client.traces.filter((t) => t.startsWith('overlay check of `kernel`') && t.includes(verb === 'rendered' ? ': rendered in' : ': unchanged, not rendered'));
  const published = (client: LspClient, uri: string, version: number) => client.published.find((p) => p.uri === uri && p.version === version);
  /** The overlays failing in the file as it is on disk: those the rendered spec already holds (the tarball path among them). */
  const firstFindings = (client: LspClient, uri: string, tarball: number) =>
    client.waitFor(() => {
      const p = client.diagnostics.get(uri);
      const lines = p?.version === 1 ? overlayLines(p.diagnostics) : [];
      return lines.includes(tarball) ? lines : undefined;
    }, 120_000, 'the overlays failing against the rendered spec');
  const waitOverlays = (client: LspClient, uri: string, version: number, lines: number[], what: string) =>
    client
      .waitFor(() => {
        const p = client.diagnostics.get(uri);
        return p?.version === version && JSON.stringify(overlayLines(p.diagnostics)) === JSON.stringify(lines) ? p : undefined;
      }, Number(process.env['OVERLAY_TEST_WAIT_MS'] ?? 120_000), what)
      .catch((err: unknown) => {
        const p = client.diagnostics.get(uri);
        throw new Error(`${String(err)}\nlast published: version ${p?.version}, ${JSON.stringify(p?.diagnostics.map((d) => [d.code, d.range.start.line]))}\nlog:\n${client.logs.join('\n')}\ntrace:\n${client.traces.join('\n')}`);
      });

  it('shows a broken overlay, clears it once fixed, and renders again only what changed', async () => {
    const client = new LspClient();
    clients.push(client);
    await client.initialize(CORPUS_ROOT, settings());
    await client.connection.sendNotification('$/setTrace', { value: 'verbose' });
    const text = fs.readFileSync(KERNEL, 'utf8');
    const lines = text.split('\n');
    const tarball = headerAbove(lines, 'regex = "linux-%{tarfile_release}"');
    const uri = client.open(KERNEL, text, 1);

    // The rendered spec already holds the AzureLinux tarball path (and the %defines): those overlays fail against it.
    const initial = await firstFindings(client, uri, tarball);
    const applies = headerAbove(lines, APPLIES);
    assert.ok(!initial.includes(applies));
    assert.equal(renders(client, 'rendered').length, 1, client.traces.join('\n'));
    assertWorkerNiced(client);

    // A comment above moves every overlay one line down: nothing the render reads changed, so nothing is rendered,
    // and the very first diagnostics of the new version show the finding at its new line.
    const commented = '# a note\n' + text;
    client.change(uri, 2, commented);
    await client.waitFor(() => renders(client, 'unchanged').find((t) => t.includes('(version 2)')), 120_000, 'the unchanged check of version 2');
    const first2 = published(client, uri, 2) as PublishDiagnosticsParams;
    assert.deepEqual(overlayLines(first2.diagnostics), shifted(initial, 1));
    assert.equal(renders(client, 'rendered').length, 1, 'an edit of a comment renders nothing');

    // Break an overlay that applies: its regex no longer matches the spec.
    client.change(uri, 3, commented.replace(APPLIES, BROKEN));
    const after3 = await waitOverlays(client, uri, 3, sorted([...shifted(initial, 1), applies + 1]), 'the broken overlay reported');
    const brokenDiag = after3.diagnostics.find((d) => d.code === FAILS && d.range.start.line === applies + 1);
    assert.match(String(brokenDiag?.message), /^spec-search-replace overlay fails against .*kernel: .*pattern `cp -a %\{NO_SUCH_SOURCE\} \.` not found/s);
    assert.equal(renders(client, 'rendered').length, 2);

    // Fixed again: the finding goes, the other stays.
    client.change(uri, 4, commented);
    await waitOverlays(client, uri, 4, shifted(initial, 1), 'the fixed overlay cleared');
    assert.equal(renders(client, 'rendered').length, 3);
    await client.shutdown();
  });

  it('survives the worker dying: the next check runs on a new worker, and a configuration that kills it twice is not sent again', async () => {
    const client = new LspClient({}, { env: { DISTRO_TOML_TEST_OVERLAY_WORKER_CRASH_ON: CRASH_MARKER } });
    clients.push(client);
    await client.initialize(CORPUS_ROOT, settings());
    await client.connection.sendNotification('$/setTrace', { value: 'verbose' });
    const text = fs.readFileSync(KERNEL, 'utf8');
    const lines = text.split('\n');
    const tarball = headerAbove(lines, 'regex = "linux-%{tarfile_release}"');
    const uri = client.open(KERNEL, text, 1);
    const initial = await firstFindings(client, uri, tarball);

    const deadly = text.replace('description = "Set specrpmversion to 6.18.5"', `description = "${CRASH_MARKER}"`);
    const stopped = () => client.logs.filter((l) => l.startsWith('the overlay check worker stopped (exit code 70)'));
    client.change(uri, 2, deadly);
    await client.waitFor(() => stopped().length === 1 || undefined, 120_000, 'the worker to die once');
    // The same configuration again (a comment differs): a new worker takes it and dies too.
    client.change(uri, 3, '# again\n' + deadly);
    await client.waitFor(() => stopped().length === 2 || undefined, 120_000, 'the worker to die twice');
    // A third time it is not sent: the server says so and no worker dies.
    client.change(uri, 4, '# and again\n' + deadly);
    await client.waitFor(() => client.logs.find((l) => l.includes('stopped 2 times while rendering this configuration of `kernel`')), 120_000, 'the configuration given up on').catch((err: unknown) => {
      throw new Error(`${String(err)}\nlog:\n${client.logs.join('\n')}\ntrace:\n${client.traces.join('\n')}`);
    });
    // While the worker was dying, the file's own diagnostics kept coming, with the last findings kept in place.
    assert.deepEqual(overlayLines(published(client, uri, 4)?.diagnostics), shifted(initial, 1));

    // Any other configuration is rendered by a fresh worker.
    client.change(uri, 5, text.replace(APPLIES, BROKEN));
    await waitOverlays(client, uri, 5, sorted([...initial, headerAbove(lines, APPLIES)]), 'findings from a new worker');
    assert.equal(stopped().length, 2, client.logs.join('\n'));
    await client.shutdown();
  });
});
