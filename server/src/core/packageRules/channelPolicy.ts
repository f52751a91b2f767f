// The policy the tree's package lists state in their header: every binary of a source package publishes to
// the same channel as its siblings, except what `exceptions.packages.toml` carves out. Binary -> source comes
// from the package index, or from the entry's `# srpm:` comment when the index does not know the binary.
import * as path from 'node:path';
import type { CoreDiagnostic } from '../diagnostics';
import type { PackageIndex } from '../packages/queries';
import type { GroupPackageRef, PackageRef } from './packageReferences';

export const EXCEPTIONS_FILE = 'exceptions.packages.toml';

interface IndexAnswers {
  sourceOf: Map<string, string | undefined>;
  binariesOf: Map<string, string[]>;
}

const answersMemo = new WeakMap<PackageIndex, IndexAnswers>();

function answers(index: PackageIndex): IndexAnswers {
  let a = answersMemo.get(index);
  if (!a) answersMemo.set(index, (a = { sourceOf: new Map(), binariesOf: new Map() }));
  return a;
}

function sourceOf(index: PackageIndex, ref: GroupPackageRef): string | undefined {
  const a = answers(index);
  let s = a.sourceOf.get(ref.name);
  if (!a.sourceOf.has(ref.name)) {
    s = index.sourceOf(ref.name)[0];
    a.sourceOf.set(ref.name, s);
  }
  return s ?? ref.srpmComment;
}

function binaryNamesOf(index: PackageIndex, source: string): string[] {
  const a = answers(index);
  let names = a.binariesOf.get(source);
  if (!names) a.binariesOf.set(source, (names = [...new Set(index.binariesOf(source).map((p) => p.name))].sort()));
  return names;
}

const list = (names: readonly string[], max = 5): string =>
  names.slice(0, max).map((n) => `\`${n}\``).join(', ') + (names.length > max ? ` and ${names.length - max} more` : '');

const exceptionFiles = new Map<string, boolean>();
function isException(file: string): boolean {
  let v = exceptionFiles.get(file);
  if (v === undefined) exceptionFiles.set(file, (v = path.basename(file) === EXCEPTIONS_FILE));
  return v;
}

/** Entries (outside the carve-outs) in a channel where fewer of their siblings are; every entry on a tie. */
function splitFindings(source: string, entries: readonly GroupPackageRef[], out: CoreDiagnostic[]): void {
  const ruled = entries.filter((e) => !isException(e.file) && e.channel !== undefined);
  const byChannel = new Map<string, GroupPackageRef[]>();
  for (const e of ruled) {
    const same = byChannel.get(e.channel as string);
    if (same) same.push(e);
    else byChannel.set(e.channel as string, [e]);
  }
  if (byChannel.size < 2) return;
  const most = Math.max(...[...byChannel.values()].map((l) => l.length));
  const tie = [...byChannel.values()].filter((l) => l.length === most).length > 1;
  for (const [channel, inChannel] of byChannel) {
    if (!tie && inChannel.length === most) continue;
    const others = ruled.filter((e) => e.channel !== channel);
    const where = [...new Set(others.map((e) => `\`${e.group}\` (channel \`${e.channel}\`)`))].join(', ');
    for (const e of inChannel) {
      out.push({
        file: e.file,
        span: e.span,
        severity: 'warning',
        code: 'package-channel-split',
        message: `\`${e.name}\` (source package \`${source}\`) is in package group \`${e.group}\` (channel \`${channel}\`), but its siblings ${list(others.map((o) => o.name))} are in ${where}. Every binary of a source package publishes to one channel: move it, or carve it out in ${EXCEPTIONS_FILE}.`,
        data: { name: e.name, source },
      });
    }
  }
}

export function checkChannelPolicy(index: PackageIndex, refs: readonly PackageRef[]): CoreDiagnostic[] {
  const bySource = new Map<string, GroupPackageRef[]>();
  const listed = new Set<string>();
  for (const ref of refs) {
    if (ref.kind !== 'group-package') continue;
    listed.add(ref.name);
    const source = sourceOf(index, ref);
    if (source === undefined) continue;
    const entries = bySource.get(source);
    if (entries) entries.push(ref);
    else bySource.set(source, [ref]);
  }
  const out: CoreDiagnostic[] = [];
  for (const [source, entries] of bySource) {
    const first = entries[0];
    // The common case: every entry in one channel, none carved out; nothing to compare.
    if (entries.some((e) => e.channel !== first?.channel || isException(e.file))) splitFindings(source, entries, out);
    const missing = binaryNamesOf(index, source).filter((n) => !listed.has(n));
    if (missing.length && first) {
      out.push({
        file: first.file,
        span: first.span,
        severity: 'warning',
        code: 'package-binaries-ungrouped',
        message: `source package \`${source}\` also builds ${list(missing)}, which ${missing.length === 1 ? 'is' : 'are'} in no package group; list ${missing.length === 1 ? 'it' : 'them'} beside \`${first.name}\` so every binary publishes to the same channel.`,
        data: { name: first.name, source, missing },
      });
    }
  }
  return out;
}
