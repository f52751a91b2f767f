// The rendered-specs drift check's comparison: what a render of one component produces against what its
// directory in the project's rendered-specs-dir holds, file by file, with the history-derived parts of the spec
// masked (driftMask.ts). Pure: the caller reads the directory and renders; this decides and describes.
// Vocabulary: a file is `stale` (content differs), `missing` (rendered, not committed) or `extra` (committed,
// not rendered); a component whose directory is absent is `missing`; a directory no component produces is an
// orphan. A component whose render fails must hold exactly azldev's RENDER_FAILED marker, as azldev writes it.
import { carryHistoryOver, maskSpecText } from './driftMask';
import { unifiedDiff } from '../text/unifiedDiff';

export const RENDER_FAILED_FILE = 'RENDER_FAILED';
/** render.go renderErrorMarkerContent: static, so the marker is the same on every run. */
export const RENDER_FAILED_CONTENT = 'Rendering failed. See azldev logs for details.\n';

/** What the render says the directory must hold. */
export type ExpectedOutput =
  | {
      kind: 'files';
      specFileName: string;
      /** Relative, `/`-separated names (the spec included) and their bytes. */
      files: Map<string, Uint8Array>;
      historyDerivedRelease: boolean;
      /** `undetermined`: every sidecar file was kept because a Source/Patch name could not be expanded. */
      filePruning: 'done' | 'undetermined' | 'skipped';
    }
  | { kind: 'failed'; reasons: string[] };

/** What the component's directory holds; `files` undefined when the directory does not exist. */
export interface CommittedOutput {
  files: Map<string, Uint8Array> | undefined;
  /** Entries that are not regular files (links, devices): never read, always drift. */
  irregular: string[];
}

export type FileDriftKind = 'stale' | 'missing' | 'extra';

export interface FileDrift {
  /** Relative to the component's directory. */
  file: string;
  kind: FileDriftKind;
  /** A unified diff (committed → rendered), or a sentence for binary files and links. */
  diff: string;
}

export interface ComponentDrift {
  component: string;
  /** `<letter>/<name>`, relative to the rendered-specs-dir. */
  dir: string;
  status: 'up-to-date' | 'stale' | 'missing';
  files: FileDrift[];
  notes: string[];
}

/** Files to write (for --write and --patch): the spec with the committed history-derived parts carried over. */
export type WritePlan = Map<string, Uint8Array>;

const decoder = new TextDecoder('utf-8', { fatal: true });

function text(bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** `<letter>/<name>` as azldev's RenderedSpecDir lays it out (a leading `.` has no letter directory). */
export function renderedDirOf(component: string): string {
  const letter = component.slice(0, 1).toLowerCase();
  return letter === '.' ? component : `${letter}/${component}`;
}

function fileDiff(dir: string, file: string, committed: Uint8Array | undefined, rendered: Uint8Array | undefined): string {
  const from = committed === undefined ? '/dev/null' : `committed/${dir}/${file}`;
  const to = rendered === undefined ? '/dev/null' : `rendered/${dir}/${file}`;
  const a = committed === undefined ? '' : text(committed);
  const b = rendered === undefined ? '' : text(rendered);
  if (a === undefined || b === undefined) return `Binary file ${dir}/${file} differs`;
  return unifiedDiff(a, b, { fromLabel: from, toLabel: to });
}

/**
 * Compares one component. Returns the drift and the files a `--write` would leave in the directory (the
 * rendered ones, the spec carrying the committed history-derived parts).
 */
export function compareComponent(component: string, expected: ExpectedOutput, committed: CommittedOutput): { drift: ComponentDrift; write: WritePlan } {
  const dir = renderedDirOf(component);
  const drift: ComponentDrift = { component, dir, status: 'up-to-date', files: [], notes: [] };
  const write: WritePlan = new Map();
  if (expected.kind === 'failed') {
    write.set(RENDER_FAILED_FILE, Buffer.from(RENDER_FAILED_CONTENT));
    drift.notes.push(...expected.reasons.map((r) => `render fails: ${r}`));
  } else {
    for (const [name, bytes] of expected.files) {
      if (name === expected.specFileName) {
        const was = committed.files?.get(name);
        const rendered = text(bytes);
        const before = was === undefined ? undefined : text(was);
        write.set(name, rendered === undefined || (was !== undefined && before === undefined) ? bytes : Buffer.from(carryHistoryOver(before, rendered, expected)));
      } else write.set(name, bytes);
    }
  }
  if (committed.files === undefined) {
    drift.status = 'missing';
    for (const [name, bytes] of [...write].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) drift.files.push({ file: name, kind: 'missing', diff: fileDiff(dir, name, undefined, bytes) });
    return { drift, write };
  }
  for (const name of committed.irregular) {
    drift.files.push({ file: name, kind: write.has(name) ? 'stale' : 'extra', diff: `${dir}/${name} is not a regular file (a link or a special file); it is not read` });
  }
  const irregular = new Set(committed.irregular);
  for (const [name, bytes] of write) {
    if (irregular.has(name)) continue;
    const was = committed.files.get(name);
    if (was === undefined) {
      if (expected.kind === 'files' && expected.filePruning === 'undetermined' && name !== expected.specFileName) {
        drift.notes.push(`${name} is kept by this render (a Source or Patch name uses a macro it cannot expand) and is not in the directory; azldev's spectool may prune it, so it is not counted`);
        continue;
      }
      drift.files.push({ file: name, kind: 'missing', diff: fileDiff(dir, name, undefined, bytes) });
      continue;
    }
    if (expected.kind === 'files' && name === expected.specFileName) {
      // The spec is judged on the masked texts; the diff shown is against what --write would write.
      const a = text(was);
      const b = text(expected.files.get(name) as Uint8Array);
      if (a !== undefined && b !== undefined ? maskSpecText(a, expected) === maskSpecText(b, expected) : sameBytes(was, bytes)) continue;
    } else if (sameBytes(was, bytes)) continue;
    drift.files.push({ file: name, kind: 'stale', diff: fileDiff(dir, name, was, bytes) });
  }
  for (const [name, bytes] of committed.files) {
    if (write.has(name)) continue;
    drift.files.push({ file: name, kind: 'extra', diff: fileDiff(dir, name, bytes, undefined) });
  }
  drift.files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  if (drift.files.length > 0) drift.status = 'stale';
  return { drift, write };
}

/**
 * Go's url.QueryEscape: what azldev names the alias link of a component whose name it changes (`libxml++` →
 * `libxml%2B%2B`); undefined when the name stays the same.
 */
export function renderedDirAlias(component: string): string | undefined {
  let out = '';
  for (const byte of Buffer.from(component, 'utf8')) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(ch)) out += ch;
    else if (ch === ' ') out += '+';
    else out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out === component ? undefined : out;
}

/**
 * Directories below one-letter directories that no component (or its alias) produces, as `<letter>/<name>`,
 * sorted — azldev's findOrphanRenderedDirs: other top-level entries and plain files are left alone.
 */
export function findOrphans(listing: Map<string, string[]>, components: Iterable<string>): string[] {
  const expected = new Set<string>();
  for (const name of components) {
    expected.add(name);
    const alias = renderedDirAlias(name);
    if (alias !== undefined) expected.add(alias);
  }
  const orphans: string[] = [];
  for (const [letter, children] of listing) {
    if ([...letter].length !== 1) continue;
    for (const child of children) if (!expected.has(child)) orphans.push(`${letter}/${child}`);
  }
  return orphans.sort();
}

/** FNV-1a over the name's UTF-8 bytes: the shard a component (or an orphan directory) belongs to, 0-based. */
export function shardOf(name: string, shards: number): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(name, 'utf8')) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % shards;
}

/** `I/N` (1-based I) as a 0-based index and a count, or why it is not one. */
export function parseShard(value: string): { index: number; count: number } | string {
  const m = /^(\d+)\/(\d+)$/.exec(value);
  if (!m) return `--shard must be I/N, e.g. 1/4 (got '${value}')`;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) return `--shard ${value}: I must be between 1 and N`;
  return { index: index - 1, count };
}
