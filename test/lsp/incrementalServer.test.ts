// The whole server, incremental at every level, against a fresh one: a real server over stdio is given seeded
// chains of the edits users make in the real tree — a `[components.x]` table typed a character at a time, a table
// deleted, a block cut and pasted elsewhere (one didChange with two changes), a component renamed, a name defined
// twice, a package listed in the SDK list, a distro renamed, CRLF line ends, random hostile edits, then undo chains
// (the inverse edits) — in components.toml, sdk.packages.toml, a component file with overlays and a distro file,
// alternately. At each checkpoint a new server is started on the same texts, and the diagnostics published for every
// open file must settle to exactly the new server's. A failure names the seed (DISTRO_TOML_STRESS_SEED replays it)
// and the steps since the last checkpoint; FUZZ_SCALE multiplies the chains.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { Diagnostic, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { LineIndex } from '../../server/src/core/text/lineIndex';
import { randomEdit } from '../unit/incremental/editCorpus';
import { CORPUS_ROOT, tempDir } from '../support/paths';
import { prng } from '../support/prng';
import { LspClient } from './lspClient';

const SCALE = Math.max(1, Number(process.env.FUZZ_SCALE ?? '1') || 1);
const SEED = Number(process.env.DISTRO_TOML_STRESS_SEED ?? '11') >>> 0;
/** Chains at scale 1, each ending in a checkpoint against a fresh server (a cold start each: the test's cost). */
const CHAINS = 3;
const STEPS_PER_CHAIN = 6;
/** How long the two servers' diagnostics may take to agree before the difference is a failure. */
const SETTLE_MS = 60_000;

const COMPONENTS = path.join(CORPUS_ROOT, 'base/comps/components.toml');
const SDK = path.join(CORPUS_ROOT, 'base/packages/sdk.packages.toml');
const IVY = path.join(CORPUS_ROOT, 'base/comps/apache-ivy/apache-ivy.comp.toml');
const DISTRO = path.join(CORPUS_ROOT, 'distro/azurelinux.distro.toml');
const FILES = [COMPONENTS, SDK, IVY, DISTRO];
const IVY_SPEC = path.join(CORPUS_ROOT, '..', 'rendered-specs', 'a', 'apache-ivy', 'apache-ivy.spec');

/** One change as an editor sends it: `[start, end)` of the text at that point replaced by `insert`; no range = the whole text. */
interface Change {
  start?: number;
  end?: number;
  insert: string;
}
/** One didChange notification: changes applied in order, each to the text the previous one left. */
type Notification = Change[];
interface Step {
  file: string;
  label: string;
  notifications: Notification[];
}

function applyChange(text: string, c: Change): string {
  return c.start === undefined ? c.insert : text.slice(0, c.start) + c.insert + text.slice(c.end);
}

/**
 * `c` with an end that falls between the CR and the LF of a line break moved before the CR: an editor has no
 * position there (LSP positions name lines, and a CRLF ends one), so a client never sends one.
 */
function outsideLineBreaks(text: string, c: Change): Change {
  if (c.start === undefined) return c;
  const before = (at: number) => (text.charCodeAt(at - 1) === 13 && text.charCodeAt(at) === 10 ? at - 1 : at);
  return { start: before(c.start), end: before(c.end as number), insert: c.insert };
}

/** The notification that undoes `n` applied to `text`. */
function inverseOf(text: string, n: Notification): Notification {
  const inverse: Change[] = [];
  let t = text;
  for (const c of n) {
    inverse.unshift(c.start === undefined ? { insert: t } : { start: c.start, end: c.start + c.insert.length, insert: t.slice(c.start, c.end) });
    t = applyChange(t, c);
  }
  return inverse;
}

const eol = (text: string) => (text.includes('\r\n') ? '\r\n' : '\n');
const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;

/** The offsets where `pattern` (global, multiline) matches in `text`, with the match. */
function matches(text: string, pattern: RegExp): RegExpExecArray[] {
  return [...text.matchAll(pattern)];
}

/** The table of `[components.x]` at `at`: up to the next header at a line start. */
function tableAt(text: string, at: number): [number, number] {
  const next = /^\[/gm;
  next.lastIndex = at + 1;
  const m = next.exec(text);
  return [at, m ? m.index : text.length];
}

let counter = 0;
type Generator = (texts: Map<string, string>, rand: () => number) => Step | undefined;

const GENERATORS: Record<string, Generator> = {
  typeTable: (texts, rand) => {
    const file = rand() < 0.7 ? COMPONENTS : IVY;
    const text = texts.get(file) as string;
    const headers = matches(text, /^\[components\.[^\]\r\n]+\]/gm);
    if (!headers.length) return undefined;
    const at = pick(rand, headers).index;
    const nl = eol(text);
    const typed = `[components.zz-typed-${++counter}]${nl}spec = { type = "upstream" }${nl}`;
    return { file, label: `type ${JSON.stringify(typed)} at ${at}`, notifications: [...typed].map((ch, i) => [{ start: at + i, end: at + i, insert: ch }]) };
  },
  deleteTable: (texts, rand) => {
    const file = rand() < 0.8 ? COMPONENTS : IVY;
    const text = texts.get(file) as string;
    const headers = matches(text, /^\[components\.[^\]\r\n]+\]/gm);
    if (!headers.length) return undefined;
    const [start, end] = tableAt(text, pick(rand, headers).index);
    return { file, label: `delete table at ${start}..${end}`, notifications: [[{ start, end, insert: '' }]] };
  },
  cutPaste: (texts, rand) => {
    const file = rand() < 0.5 ? COMPONENTS : SDK;
    const text = texts.get(file) as string;
    const headers = matches(text, /^\[/gm);
    if (headers.length < 2) return undefined;
    const [start, end] = tableAt(text, pick(rand, headers).index);
    const block = text.slice(start, end);
    const rest = text.slice(0, start) + text.slice(end);
    const lines = matches(rest, /^/gm);
    const to = pick(rand, lines).index;
    return { file, label: `cut ${start}..${end}, paste at ${to}`, notifications: [[{ start, end, insert: '' }, { start: to, end: to, insert: block }]] };
  },
  renameComponent: (texts, rand) => {
    const file = rand() < 0.7 ? COMPONENTS : IVY;
    const text = texts.get(file) as string;
    const headers = matches(text, /^\[components\.([^\]\r\n.]+)/gm);
    if (!headers.length) return undefined;
    const h = pick(rand, headers);
    const start = h.index + '[components.'.length;
    return { file, label: `rename ${h[1]}`, notifications: [[{ start, end: start + (h[1] as string).length, insert: `${h[1]}-renamed` }]] };
  },
  typo: (texts, rand) => {
    // A character of a name typed over (the text keeps its length): a component, a package or a distro version.
    const file = pick(rand, [COMPONENTS, SDK, IVY, DISTRO]);
    const text = texts.get(file) as string;
    const names = matches(text, /^\[components\.([^\]\r\n]+)|^\s+"([^"\r\n]+)",|'(4\.0-stage\d)'/gm);
    if (!names.length) return undefined;
    const m = pick(rand, names);
    const name = (m[1] ?? m[2] ?? m[3]) as string;
    const at = m.index + m[0].indexOf(name) + Math.floor(rand() * name.length);
    const over = text[at] === 'q' ? 'w' : 'q';
    return { file, label: `type ${over} over ${JSON.stringify(text[at])} in ${name}`, notifications: [[{ start: at, end: at + 1, insert: over }]] };
  },
  duplicateName: (texts, rand) => {
    const names = matches(texts.get(COMPONENTS) as string, /^\[components\.([^\]\r\n]+)\]/gm).map((m) => m[1] as string);
    const file = rand() < 0.5 ? COMPONENTS : IVY;
    const text = texts.get(file) as string;
    const nl = eol(text);
    const name = rand() < 0.5 ? 'apache-ivy' : pick(rand, names);
    return { file, label: `define ${name} again at the end`, notifications: [[{ start: text.length, end: text.length, insert: `${nl}[components.${name}]${nl}` }]] };
  },
  sdkPackage: (texts, rand) => {
    const text = texts.get(SDK) as string;
    const items = matches(text, /^\s+"[^"\r\n]+",[^\r\n]*\r?\n/gm);
    if (!items.length) return undefined;
    const item = pick(rand, items);
    const at = item.index;
    switch (Math.floor(rand() * 3)) {
      case 0:
        return { file: SDK, label: `list package again at ${at}`, notifications: [[{ start: at, end: at, insert: item[0] }]] };
      case 1:
        return { file: SDK, label: `drop package line at ${at}`, notifications: [[{ start: at, end: at + item[0].length, insert: '' }]] };
      default: {
        const q = at + item[0].indexOf('"') + 1;
        return { file: SDK, label: `package renamed at ${q}`, notifications: [[{ start: q, end: q, insert: 'zz-' }]] };
      }
    }
  },
  distro: (texts, rand) => {
    const text = texts.get(DISTRO) as string;
    const targets = [...matches(text, /'4\.0-stage[12]'/g), ...matches(text, /name = "fedora"/g), ...matches(text, /default-version = "[^"]*"/g), ...matches(text, /^\[distros\.azurelinux/gm)];
    if (!targets.length) return undefined;
    const t = pick(rand, targets);
    const at = t.index + t[0].length - 1;
    return { file: DISTRO, label: `distro: x into ${JSON.stringify(t[0])}`, notifications: [[{ start: at, end: at, insert: 'x' }]] };
  },
  lineEnds: (texts, rand) => {
    const file = pick(rand, FILES);
    const text = texts.get(file) as string;
    const crlf = text.includes('\r\n');
    const next = crlf ? text.replace(/\r\n/g, '\n') : text.replace(/\n/g, '\r\n');
    return { file, label: crlf ? 'CRLF to LF' : 'LF to CRLF', notifications: [[{ insert: next }]] };
  },
  hostile: (texts, rand) => {
    const file = pick(rand, FILES);
    const text = texts.get(file) as string;
    const e = randomEdit(text, rand);
    return { file, label: `random: ${e.label}`, notifications: [[{ start: e.start, end: e.end, insert: e.insert }]] };
  },
};

/** The diagnostics of each open file as a server published them last, in a form that compares as data. */
function shown(client: LspClient, uris: string[]): Record<string, Diagnostic[]> {
  return Object.fromEntries(uris.map((u) => [u, client.diagnostics.get(u)?.diagnostics ?? []]));
}

/** A readable difference: per file, the diagnostics only one side shows. */
function difference(a: Record<string, Diagnostic[]>, b: Record<string, Diagnostic[]>): string {
  const out: string[] = [];
  for (const uri of Object.keys(a)) {
    const key = (d: Diagnostic) => JSON.stringify(d);
    const left = new Set((a[uri] ?? []).map(key));
    const right = new Set((b[uri] ?? []).map(key));
    const onlyA = [...left].filter((k) => !right.has(k));
    const onlyB = [...right].filter((k) => !left.has(k));
    if (onlyA.length || onlyB.length || (a[uri] ?? []).length !== (b[uri] ?? []).length) {
      out.push(`${path.relative(CORPUS_ROOT, uri.replace('file://', ''))}: incremental ${a[uri]?.length}, fresh ${b[uri]?.length}`);
      for (const k of onlyA.slice(0, 5)) out.push(`  only incremental: ${k}`);
      for (const k of onlyB.slice(0, 5)) out.push(`  only fresh:       ${k}`);
    }
  }
  return out.join('\n');
}

let work = '';
let settings: Record<string, unknown> = {};
const clients: LspClient[] = [];

before(() => {
  work = tempDir('distro-toml-stress-');
  // The spec at hand for the overlay checks (a folder of <name>/<name>.spec, as upstream.specsDir reads).
  fs.mkdirSync(path.join(work, 'specs', 'apache-ivy'), { recursive: true });
  fs.copyFileSync(IVY_SPEC, path.join(work, 'specs', 'apache-ivy', 'apache-ivy.spec'));
  settings = {
    upstream: { specsDir: path.join(work, 'specs'), cacheDir: path.join(work, 'upstream-cache'), fetch: false },
    packageIndex: { offline: true, cacheDir: path.join(work, 'index-cache') },
  };
});

after(async () => {
  await Promise.all(clients.map((c) => c.kill()));
  fs.rmSync(work, { recursive: true, force: true });
});

async function startServer(texts: Map<string, string>, versions: Map<string, number>): Promise<LspClient> {
  const client = new LspClient(settings);
  clients.push(client);
  await client.initialize(CORPUS_ROOT, settings);
  for (const f of FILES) client.open(f, texts.get(f) as string, versions.get(f));
  return client;
}

/** Resolves once `client` has published diagnostics for `file` at `version`. */
function publishedAt(client: LspClient, file: string, version: number): Promise<true> {
  const uri = 'file://' + file;
  return client.waitFor(() => client.published.some((p) => p.uri === uri && p.version === version) || undefined, 120_000, `diagnostics of ${uri} v${version}`);
}

/** Resolves once the two servers show the same diagnostics for every open file; fails with the difference after SETTLE_MS. */
async function settleEqual(incremental: LspClient, fresh: LspClient, uris: string[], context: () => string): Promise<void> {
  const same = () => JSON.stringify(shown(incremental, uris)) === JSON.stringify(shown(fresh, uris));
  // Both must have published for every file (the fresh one at least once, after its project is loaded).
  const ready = () => uris.every((u) => fresh.diagnostics.has(u) && incremental.diagnostics.has(u)) && fresh.statuses.some((s) => s.state === 'ready');
  const deadline = Date.now() + SETTLE_MS;
  for (;;) {
    if (ready() && same()) return;
    if (Date.now() > deadline) assert.fail(`the incremental server's diagnostics differ from a fresh server's\n${context()}\n${difference(shown(incremental, uris), shown(fresh, uris))}`);
    // Re-checked on each notification of either server (and every half second, for the other's).
    await Promise.race([incremental.waitFor(() => undefined, 500).catch(() => undefined), fresh.waitFor(() => undefined, 500).catch(() => undefined)]);
  }
}

test(`the incremental server publishes what a fresh server does, through seeded edit chains (seed ${SEED}, scale ${SCALE})`, { timeout: 30 * 60_000 }, async () => {
  const rand = prng(SEED);
  const texts = new Map(FILES.map((f) => [f, fs.readFileSync(f, 'utf8')]));
  const versions = new Map(FILES.map((f) => [f, 1]));
  const uris = FILES.map((f) => 'file://' + f);
  const undo = new Map<string, Notification[]>(FILES.map((f) => [f, []]));
  const incremental = await startServer(texts, versions);
  await incremental.waitFor(() => incremental.statuses.some((s) => s.state === 'ready') || undefined, 120_000, 'the server ready');
  const kinds = Object.keys(GENERATORS);
  /** Every didChange sent, saved beside the failure (with the files' first texts) to replay it. */
  const sent: { file: string; version: number; changes: TextDocumentContentChangeEvent[] }[] = [];
  const first = new Map(texts);
  let checkpoints = 0;
  for (let chain = 0; chain < CHAINS * SCALE; chain++) {
    const log: string[] = [];
    const send = (file: string, label: string, notifications: Notification[], recordUndo: boolean) => {
      const uri = 'file://' + file;
      for (const planned of notifications) {
        const before = texts.get(file) as string;
        let text = before;
        const n: Notification = [];
        const changes: TextDocumentContentChangeEvent[] = planned.map((p) => {
          const c = outsideLineBreaks(text, p);
          n.push(c);
          const event: TextDocumentContentChangeEvent = c.start === undefined ? { text: c.insert } : { range: new LineIndex(text).rangeAt(c.start, c.end as number), text: c.insert };
          text = applyChange(text, c);
          return event;
        });
        if (recordUndo) undo.get(file)?.push(inverseOf(before, n));
        texts.set(file, text);
        const version = (versions.get(file) as number) + 1;
        versions.set(file, version);
        sent.push({ file, version, changes });
        void incremental.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
      }
      log.push(`  ${path.relative(CORPUS_ROOT, file)}: ${label} (to v${versions.get(file)})`);
    };
    for (let s = 0; s < STEPS_PER_CHAIN; s++) {
      // One step in three (after the first chain) undoes the last edits of a file, newest first.
      const withUndo = FILES.filter((f) => (undo.get(f) as Notification[]).length > 0);
      if (withUndo.length && rand() < 0.3) {
        const file = pick(rand, withUndo);
        const stack = undo.get(file) as Notification[];
        const n = 1 + Math.floor(rand() * stack.length);
        send(file, `undo ${n} notifications`, stack.splice(stack.length - n).reverse(), false);
      } else {
        const kind = pick(rand, kinds);
        const step = GENERATORS[kind]?.(texts, rand);
        if (step) send(step.file, `${kind}: ${step.label}`, step.notifications, true);
      }
      // Now and then the step settles before the next (the server's caches then see each text, not only the last).
      if (rand() < 0.5) for (const f of FILES) await publishedAt(incremental, f, versions.get(f) as number);
    }
    // The checkpoint: the incremental server has published for every file's newest version; a fresh one agrees.
    for (const f of FILES) await publishedAt(incremental, f, versions.get(f) as number);
    const fresh = await startServer(texts, versions);
    const context = () => {
      // Kept after the run (not a tempDir): the failure message points to it.
      const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'distro-toml-stress-failure-')), 'changes.json');
      fs.writeFileSync(saved, JSON.stringify({ first: Object.fromEntries(first), sent, last: Object.fromEntries(texts) }));
      return `seed ${SEED} (DISTRO_TOML_STRESS_SEED), chain ${chain + 1}, every change sent saved to ${saved}; the chain's steps:\n${log.join('\n')}`;
    };
    await settleEqual(incremental, fresh, uris, context);
    await fresh.shutdown();
    checkpoints++;
  }
  await incremental.shutdown();
  assert.equal(checkpoints, CHAINS * SCALE);
});

test('an open file\'s overlay findings follow an edit of another file: its component defined again in components.toml, then not', { timeout: 10 * 60_000 }, async () => {
  const texts = new Map(FILES.map((f) => [f, fs.readFileSync(f, 'utf8')]));
  const versions = new Map(FILES.map((f) => [f, 1]));
  const uris = FILES.map((f) => 'file://' + f);
  const ivy = 'file://' + IVY;
  const incremental = await startServer(texts, versions);
  // The overlay worker's findings for apache-ivy (the authoring guide's advice on its search-replace overlays).
  await incremental.diagnosticsWithCode(ivy, 'guide-unscoped-search-replace', 120_000);
  const original = texts.get(COMPONENTS) as string;
  for (const [label, text] of [
    ['apache-ivy defined again in components.toml', `${original}\n[components.apache-ivy]\n`],
    ['the second definition removed', original],
  ] as const) {
    const version = (versions.get(COMPONENTS) as number) + 1;
    versions.set(COMPONENTS, version);
    texts.set(COMPONENTS, text);
    incremental.change('file://' + COMPONENTS, version, text);
    await publishedAt(incremental, COMPONENTS, version);
    const fresh = await startServer(texts, versions);
    await settleEqual(incremental, fresh, uris, () => label);
    await fresh.shutdown();
  }
  await incremental.shutdown();
});
