// The policy the tree's package lists state in their header: every binary of a source package publishes to
// the same channel as its siblings, except what `exceptions.packages.toml` carves out. Binary -> source comes
// from the package index, or from the entry's `# srpm:` comment when the index does not know the binary.
// Checked incrementally while typing (ChannelPolicyState): an edit re-evaluates only the source packages whose
// entries, or whose binaries' listed state, it changed; the findings of the others are kept (their spans follow
// the entries). checkChannelPolicy computes the same findings from scratch.
import * as path from 'node:path';
import type { CoreDiagnostic } from '../diagnostics';
import type { PackageIndex } from '../packages/queries';
import { groupListChange, groupListGeneration, type GroupPackageRef, type PackageRef } from './packageReferences';
import { ownString } from '../text/ownString';
import { binaryNamesOf, binarySource } from './binaryAnswers';

export const EXCEPTIONS_FILE = 'exceptions.packages.toml';

/** The entry's source package: the index's, or its `# srpm:` comment's when the index does not know the binary. */
function sourceOf(index: PackageIndex, ref: GroupPackageRef): string | undefined {
  return binarySource(index, ref.name) ?? ref.srpmComment;
}

const list = (names: readonly string[], max = 5): string =>
  names.slice(0, max).map((n) => `\`${n}\``).join(', ') + (names.length > max ? ` and ${names.length - max} more` : '');

const exceptionFiles = new Map<string, boolean>();
function isException(file: string): boolean {
  let v = exceptionFiles.get(file);
  if (v === undefined) exceptionFiles.set(file, (v = path.basename(file) === EXCEPTIONS_FILE));
  return v;
}

/** One package-group entry as the policy holds it: the reference of the current parse, its source package, and
 * its file's place in the project's file order. Entries, findings and messages are ordered by file, then by where
 * the entry is in its file (its span: the place needs no update when an edit above moves it). */
interface Entry {
  ref: GroupPackageRef;
  source: string | undefined;
  fileOrder: number;
}

/** A finding kept between edits: its text, and the entry whose current span it is reported at. */
interface Finding {
  at: Entry;
  code: 'package-channel-split' | 'package-binaries-ungrouped';
  message: string;
  data: Record<string, unknown>;
}

const canonical = (a: Entry, b: Entry): number => a.fileOrder - b.fileOrder || a.ref.span.start - b.ref.span.start;

/** Entries (outside the carve-outs) in a channel where fewer of their siblings are; every entry on a tie. */
function splitFindings(source: string, entries: readonly Entry[], out: Finding[]): void {
  const ruled = entries.filter((e) => !isException(e.ref.file) && e.ref.channel !== undefined);
  const byChannel = new Map<string, Entry[]>();
  for (const e of ruled) {
    const same = byChannel.get(e.ref.channel as string);
    if (same) same.push(e);
    else byChannel.set(e.ref.channel as string, [e]);
  }
  if (byChannel.size < 2) return;
  const most = Math.max(...[...byChannel.values()].map((l) => l.length));
  const tie = [...byChannel.values()].filter((l) => l.length === most).length > 1;
  for (const [channel, inChannel] of byChannel) {
    if (!tie && inChannel.length === most) continue;
    const others = ruled.filter((e) => e.ref.channel !== channel);
    const where = [...new Set(others.map((e) => `\`${e.ref.group}\` (channel \`${e.ref.channel}\`)`))].join(', ');
    for (const e of inChannel) {
      out.push({
        at: e,
        code: 'package-channel-split',
        message: `\`${e.ref.name}\` (source package \`${source}\`) is in package group \`${e.ref.group}\` (channel \`${channel}\`), but its siblings ${list(others.map((o) => o.ref.name))} are in ${where}. Every binary of a source package publishes to one channel: move it, or carve it out in ${EXCEPTIONS_FILE}.`,
        data: { name: e.ref.name, source },
      });
    }
  }
}

/** The findings of one source package over its entries (in canonical order). */
function sourceFindings(index: PackageIndex, source: string, entries: readonly Entry[], isListed: (name: string) => boolean): Finding[] {
  const out: Finding[] = [];
  const first = entries[0];
  if (!first) return out;
  // The common case: every entry in one channel, none carved out; nothing to compare.
  if (entries.some((e) => e.ref.channel !== first.ref.channel || isException(e.ref.file))) splitFindings(source, entries, out);
  const missing = binaryNamesOf(index, source).filter((n) => !isListed(n));
  if (missing.length) {
    out.push({
      at: first,
      code: 'package-binaries-ungrouped',
      message: `source package \`${source}\` also builds ${list(missing)}, which ${missing.length === 1 ? 'is' : 'are'} in no package group; list ${missing.length === 1 ? 'it' : 'them'} beside \`${first.ref.name}\` so every binary publishes to the same channel.`,
      data: { name: first.ref.name, source, missing },
    });
  }
  return out;
}

/** Findings as diagnostics at their entries' current spans, in canonical order (file, place, code). */
function materialize(findings: Iterable<readonly Finding[]>): CoreDiagnostic[] {
  const all = [...findings].flat();
  all.sort((a, b) => canonical(a.at, b.at) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return all.map((f) => ({ file: f.at.ref.file, span: f.at.ref.span, severity: 'warning', code: f.code, message: f.message, data: f.data }));
}

/** The channel policy over every package-group entry, from scratch. */
export function checkChannelPolicy(index: PackageIndex, refs: readonly PackageRef[]): CoreDiagnostic[] {
  const bySource = new Map<string, Entry[]>();
  const listed = new Set<string>();
  const fileOrder = new Map<string, number>();
  for (const ref of refs) {
    if (ref.kind !== 'group-package') continue;
    listed.add(ref.name);
    let order = fileOrder.get(ref.file);
    if (order === undefined) fileOrder.set(ref.file, (order = fileOrder.size));
    const source = sourceOf(index, ref);
    const entry: Entry = { ref, source, fileOrder: order };
    if (source === undefined) continue;
    const entries = bySource.get(source);
    if (entries) entries.push(entry);
    else bySource.set(source, [entry]);
  }
  const out: Finding[][] = [];
  for (const [source, entries] of bySource) out.push(sourceFindings(index, source, entries, (n) => listed.has(n)));
  return materialize(out);
}

/** Whether two references are the same entry for the policy (the fields it reads). */
const sameEntry = (a: GroupPackageRef, b: GroupPackageRef): boolean =>
  a.name === b.name && a.group === b.group && a.channel === b.channel && a.srpmComment === b.srpmComment;

/**
 * How many names, sources and findings with none left the state holds before it deletes them. Until then each stays
 * in its map as a zero or an empty list: V8 leaves a deleted Map entry in its key's hash chain until the table is
 * rebuilt, so a key deleted and set again and again (a character typed and deleted in a package name) grows its own
 * chain by one each time. In the 33,000-name map of listed names, looking that key up walked thousands of dead
 * entries (~22 µs a keystroke of sdk.packages.toml in process, about half of the package rules' time in a CPU profile).
 */
const SWEEP_AFTER = 4096;

const NO_FINDINGS: Finding[] = [];

interface FileState {
  refs: readonly GroupPackageRef[];
  /** The generation `refs` was at when seen (a list changed in place counts on: groupListGeneration). */
  generation: number;
  entries: Entry[];
}

/**
 * The channel policy kept between edits, for one index. `update` takes every file's package-group entries (one
 * list per parse, in project file order) and re-evaluates only what changed: a re-parsed file is compared with
 * its last entries by content (common head and tail kept, with their new references); the sources of removed
 * and added entries, and the sources building a name that became listed or unlisted, are evaluated again.
 */
export class ChannelPolicyState {
  private files = new Map<string, FileState>();
  private fileOrder: string[] = [];
  /** Entries by source package (a few each: arrays, not sets, for 17,000 entries); a source with none left keeps an empty list until the sweep. */
  private bySource = new Map<string, Entry[]>();
  /** How many entries list each name; a name no longer listed keeps a zero until the sweep (SWEEP_AFTER). */
  private listed = new Map<string, number>();
  /** Binary name -> sources whose findings looked at whether it is listed. */
  private readonly dependents = new Map<string, string | string[]>();
  private readonly registered = new Set<string>();
  /** Each source's findings; a source whose findings are gone keeps an empty list until the sweep. */
  private findings = new Map<string, Finding[]>();
  /** The zeros and empty lists held (names, sources and findings with none left). */
  private dead = 0;
  private last: CoreDiagnostic[] = [];

  constructor(private readonly index: PackageIndex) {}

  update(lists: readonly (readonly GroupPackageRef[])[]): CoreDiagnostic[] {
    const order = this.follow(lists);
    const affected = new Set<string>();
    let changed = false;
    lists.forEach((refs, fileOrder) => {
      const file = order[fileOrder] as string;
      const state = this.files.get(file) as FileState;
      if (state.refs === refs && state.generation === groupListGeneration(refs)) return;
      changed = true;
      this.replace(state, refs, fileOrder, affected);
    });
    if (!changed) return this.last;
    for (const source of affected) this.judge(source);
    this.last = materialize(this.findings.values());
    this.sweepIfDue();
    return this.last;
  }

  /** How many names the state holds (those listed, and those no longer listed that wait for the sweep). */
  get heldNames(): number {
    return this.listed.size;
  }

  /**
   * What `update(lists)` does, a part per step: each file's entries `chunk` at a time, then the sources they name
   * `chunk` at a time. The first update for an index judges every source of the tree's lists (0.2-0.3 s at once);
   * `update(lists)` afterwards finds nothing to do. A file with no entries yet takes its list's entries a part at a
   * time (entriesInto; the last part as `update` would); one with entries follows growing prefixes of its list,
   * each compared with the last from its head (a copy and a comparison of the whole prefix a step: at 25 entries a
   * step, sdk.packages.toml's 17,748 took ~100 ms in all, against ~30 ms appended).
   */
  *updateSteps(lists: readonly (readonly GroupPackageRef[])[], chunk: number): Generator<string> {
    const order = this.follow(lists);
    const affected = new Set<string>();
    for (let fileOrder = 0; fileOrder < lists.length; fileOrder++) {
      const refs = lists[fileOrder] as readonly GroupPackageRef[];
      const file = order[fileOrder] as string;
      const state = this.files.get(file) as FileState;
      if (state.refs === refs && state.generation === groupListGeneration(refs)) continue;
      // Appended while the state is where the last part left it (an update between two steps moves it on).
      const before = state.refs;
      const append = state.entries.length === 0;
      for (let end = chunk; end < refs.length; end += chunk) {
        if (append && state.refs === before && state.entries.length === end - chunk) this.entriesInto(state.entries, refs, end - chunk, end, fileOrder, affected);
        else this.replace(state, refs.slice(0, end), fileOrder, affected);
        yield `channel policy: ${file}: ${end} of ${refs.length}`;
      }
      this.replace(state, refs, fileOrder, affected);
    }
    let judged = 0;
    for (const source of affected) {
      this.judge(source);
      if (++judged % chunk === 0) yield `channel policy: ${judged} of ${affected.size} source packages`;
    }
    this.last = materialize(this.findings.values());
    this.sweepIfDue();
  }

  /** Deletes the zeros and empty lists once there are more than SWEEP_AFTER of them (each key once). */
  private sweepIfDue(): void {
    if (this.dead <= SWEEP_AFTER) return;
    this.dead = 0;
    for (const [name, n] of this.listed) if (n === 0) this.listed.delete(name);
    for (const [source, l] of this.bySource) if (l.length === 0) this.bySource.delete(source);
    for (const [source, l] of this.findings) if (l.length === 0) this.findings.delete(source);
  }

  /** Judges `source` again: its findings from its entries now, and the binaries whose listing its findings read. */
  private judge(source: string): void {
    const entries = this.bySource.get(source);
    const found = entries?.length ? sourceFindings(this.index, source, entries.slice().sort(canonical), (n) => (this.listed.get(n) ?? 0) > 0) : NO_FINDINGS;
    const had = this.findings.get(source);
    if (found.length) {
      if (had?.length === 0) this.dead--;
      this.findings.set(had ? source : ownString(source), found);
    } else if (had?.length) {
      this.findings.set(source, NO_FINDINGS);
      this.dead++;
    }
    if (!entries?.length) return;
    if (!this.registered.has(source)) {
      const own = ownString(source);
      this.registered.add(own);
      // (Most binaries have one source: the name itself, an array only for more.)
      for (const n of binaryNamesOf(this.index, source)) {
        const were = this.dependents.get(n);
        if (were === undefined) this.dependents.set(n, own);
        else if (typeof were === 'string') this.dependents.set(n, [were, own]);
        else were.push(own);
      }
    }
  }

  /** The files of `lists`, in order; a new set or order of files starts over (reset). */
  private follow(lists: readonly (readonly GroupPackageRef[])[]): string[] {
    const order = lists.map((l) => (l[0] as GroupPackageRef).file);
    if (order.length !== this.fileOrder.length || order.some((f, i) => f !== this.fileOrder[i])) this.reset(order);
    return order;
  }

  /** Starts over for a new set or order of files (a file gained or lost its package groups). */
  private reset(order: string[]): void {
    this.files = new Map(order.map((f) => [f, { refs: [], generation: 0, entries: [] }]));
    this.fileOrder = order;
    this.bySource = new Map();
    this.listed = new Map();
    this.findings = new Map();
    this.dead = 0;
  }

  /** Makes and adds the entries of `refs[from..to)`, appended to `out`. (Appended to a file's own entries, those of
   * `refs[..from)`, by updateSteps: `replace` with the whole list then finds them the same, each holding its
   * reference, and sets the list.) */
  private entriesInto(out: Entry[], refs: readonly GroupPackageRef[], from: number, to: number, fileOrder: number, affected: Set<string>): void {
    for (let i = from; i < to; i++) {
      const ref = refs[i] as GroupPackageRef;
      const e: Entry = { ref, source: sourceOf(this.index, ref), fileOrder };
      out.push(e);
      this.add(e, affected);
    }
  }

  private replace(state: FileState, refs: readonly GroupPackageRef[], fileOrder: number, affected: Set<string>): void {
    const old = state.entries;
    let head = 0;
    let tail = 0;
    const change = groupListChange(refs);
    if (change && refs === state.refs && change.generation === state.generation + 1) {
      // The list says what changed since the last one; the other entries are the same references (a parse that
      // kept them): nothing to compare, nothing to write.
      head = change.at;
      tail = old.length - change.at - change.removed;
    } else {
      // Entries the same from the head and from the tail keep their state and take the new references (each entry
      // holds its last reference: a list changed in place since is compared with what it held).
      for (; head < old.length && head < refs.length; head++) {
        const e = old[head] as Entry;
        const ref = refs[head] as GroupPackageRef;
        if (e.ref === ref) continue;
        if (!sameEntry(e.ref, ref)) break;
        e.ref = ref;
      }
      for (; tail < old.length - head && tail < refs.length - head; tail++) {
        const e = old[old.length - 1 - tail] as Entry;
        const ref = refs[refs.length - 1 - tail] as GroupPackageRef;
        if (e.ref !== ref) {
          if (!sameEntry(e.ref, ref)) break;
          e.ref = ref;
        }
      }
    }
    for (let i = head; i < old.length - tail; i++) this.remove(old[i] as Entry, affected);
    const made: Entry[] = [];
    this.entriesInto(made, refs, head, refs.length - tail, fileOrder, affected);
    // In place, natively (no loop over the entries an edit kept).
    if (made.length <= 1024 && old.length - tail - head <= 1024) old.splice(head, old.length - tail - head, ...made);
    else state.entries = old.slice(0, head).concat(made, old.slice(old.length - tail));
    state.refs = refs;
    state.generation = groupListGeneration(refs);
  }

  /** Adds the sources whose findings looked at whether `name` is listed. */
  private dependentsOf(name: string, affected: Set<string>): void {
    const d = this.dependents.get(name);
    if (typeof d === 'string') affected.add(d);
    else d?.forEach((s) => affected.add(s));
  }

  private add(e: Entry, affected: Set<string>): void {
    const n = this.listed.get(e.ref.name);
    // New keys are copies: a name read from a parse is a view into that parse's whole text (text/ownString.ts).
    // (Setting a key the map holds keeps the key it holds.)
    this.listed.set(n === undefined ? ownString(e.ref.name) : e.ref.name, (n ?? 0) + 1);
    if (n === 0) this.dead--;
    if (!n) this.dependentsOf(e.ref.name, affected);
    if (e.source === undefined) return;
    const list = this.bySource.get(e.source);
    if (list?.length === 0) this.dead--;
    if (list) list.push(e);
    else this.bySource.set(ownString(e.source), [e]);
    affected.add(e.source);
  }

  private remove(e: Entry, affected: Set<string>): void {
    const n = (this.listed.get(e.ref.name) ?? 1) - 1;
    this.listed.set(e.ref.name, n);
    if (n === 0) {
      this.dead++;
      this.dependentsOf(e.ref.name, affected);
    }
    if (e.source === undefined) return;
    const list = this.bySource.get(e.source);
    const at = list ? list.indexOf(e) : -1;
    if (list && at >= 0) {
      list.splice(at, 1);
      if (list.length === 0) this.dead++;
    }
    affected.add(e.source);
  }
}
