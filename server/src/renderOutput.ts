// Writes `render --out DIR`'s layout (`DIR/<first letter>/<name>/`) without ever leaving DIR: every name is
// checked before anything is touched, only real directories are walked (a symbolic link below DIR is refused,
// never followed), files are opened with O_NOFOLLOW, and a re-render deletes only the files a manifest in DIR
// shows an earlier render wrote — anything else found there is kept and reported.
import * as nodeFs from 'node:fs';
import * as path from 'node:path';
import { readRegularFile } from './core/fs';
import { filenameProblem } from './core/rules/goPaths';

export const MANIFEST_FILE = '.distro-toml-render.json';

interface Manifest {
  version: 1;
  /** Per component: the files (relative to its directory, `/`-separated) the last render wrote. */
  components: Record<string, string[]>;
}

export interface ComponentOutput {
  name: string;
  /** Relative, `/`-separated names and their contents (the spec included). */
  files: [string, Uint8Array][];
}

export type WriteOutcome = { ok: true; dir: string; kept: string[] } | { ok: false; message: string };

/** azldev's RenderedSpecDir refusal, in its words, or undefined for a usable name. */
export function renderedDirProblem(name: string): string | undefined {
  const problem = filenameProblem(name);
  return problem === undefined ? undefined : `invalid component name for rendered spec dir:\n${problem}`;
}

/** Why a rendered file name could not be written inside its component's directory, or undefined. */
export function outputFileProblem(rel: string): string | undefined {
  if (rel === '' || rel.startsWith('/')) return `file name \`${rel}\` is not a relative path`;
  if (rel.includes('\0') || rel.includes('\\')) return `file name \`${rel}\` holds a null byte or a backslash`;
  for (const part of rel.split('/')) {
    if (part === '' || part === '.' || part === '..') return `file name \`${rel}\` is not a plain path below the component's directory`;
  }
  if (rel === MANIFEST_FILE) return `file name \`${rel}\` is reserved for the render manifest`;
  return undefined;
}

/** The manifest of an earlier render, read as any file of the tree is (a FIFO in its place is never opened for reading). */
function readManifest(outDir: string): Manifest {
  try {
    const bytes = readRegularFile(path.join(outDir, MANIFEST_FILE));
    if (bytes === undefined) return { version: 1, components: {} };
    const parsed = JSON.parse(bytes.toString('utf8')) as Partial<Manifest>;
    if (parsed.version !== 1 || typeof parsed.components !== 'object' || parsed.components === null) return { version: 1, components: {} };
    const components: Record<string, string[]> = {};
    for (const [name, files] of Object.entries(parsed.components)) {
      if (Array.isArray(files)) components[name] = files.filter((f): f is string => typeof f === 'string');
    }
    return { version: 1, components };
  } catch {
    return { version: 1, components: {} };
  }
}

function writeManifest(outDir: string, manifest: Manifest): void {
  const tmp = path.join(outDir, `${MANIFEST_FILE}.${process.pid}.tmp`);
  writeNoFollow(tmp, Buffer.from(JSON.stringify(manifest, null, 1) + '\n'));
  nodeFs.renameSync(tmp, path.join(outDir, MANIFEST_FILE));
}

class Refused extends Error {}

function lstatOrUndefined(p: string): nodeFs.Stats | undefined {
  try {
    return nodeFs.lstatSync(p);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** `root/segments…` as real directories (created when missing); a link or a file on the way is refused. */
function realDirectory(root: string, segments: string[], create: boolean): string | undefined {
  let dir = root;
  for (const seg of segments) {
    if (seg === '' || seg === '.' || seg === '..' || seg.includes('/')) throw new Refused(`\`${segments.join('/')}\` is not a plain path below ${root}`);
    dir = path.join(dir, seg);
    const st = lstatOrUndefined(dir);
    if (st === undefined) {
      if (!create) return undefined;
      nodeFs.mkdirSync(dir);
    } else if (!st.isDirectory()) {
      throw new Refused(`${dir} is ${st.isSymbolicLink() ? 'a symbolic link' : 'not a directory'}; render --out writes only into real directories below ${root}`);
    }
  }
  return dir;
}

function writeNoFollow(file: string, bytes: Uint8Array): void {
  const st = lstatOrUndefined(file);
  if (st !== undefined && !st.isFile()) throw new Refused(`${file} is ${st.isSymbolicLink() ? 'a symbolic link' : 'not a regular file'}; render --out does not write through it`);
  // A hard link shares its content with a file elsewhere: replace the name, never that content.
  if (st !== undefined && st.nlink > 1) nodeFs.unlinkSync(file);
  const { O_WRONLY, O_CREAT, O_TRUNC, O_NOFOLLOW } = nodeFs.constants;
  const fd = nodeFs.openSync(file, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0o644);
  try {
    nodeFs.writeSync(fd, bytes);
  } finally {
    nodeFs.closeSync(fd);
  }
}

/** Files below `dir` (not following links), relative and `/`-separated. */
function filesBelow(dir: string, prefix = '', out: string[] = []): string[] {
  for (const e of nodeFs.readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) filesBelow(path.join(dir, e.name), prefix + e.name + '/', out);
    else out.push(prefix + e.name);
  }
  return out;
}

/** Deletes one file an earlier render wrote (a regular file reached through real directories), then its emptied parents. */
function removeWritten(compDir: string, rel: string): void {
  const parts = rel.split('/');
  const parent = realDirectory(compDir, parts.slice(0, -1), false);
  if (parent === undefined) return;
  const file = path.join(parent, parts[parts.length - 1] as string);
  if (!lstatOrUndefined(file)?.isFile()) return;
  nodeFs.unlinkSync(file);
  for (let depth = parts.length - 1; depth > 0; depth--) {
    try {
      nodeFs.rmdirSync(path.join(compDir, ...parts.slice(0, depth)));
    } catch {
      return;
    }
  }
}

/** Writes one component below `outDir` (which exists); refuses before any change when a name is unusable. */
export function writeComponentOutput(outDir: string, component: ComponentOutput): WriteOutcome {
  const dirProblem = renderedDirProblem(component.name);
  if (dirProblem !== undefined) return { ok: false, message: dirProblem };
  for (const [rel] of component.files) {
    const problem = outputFileProblem(rel);
    if (problem !== undefined) return { ok: false, message: `refusing to write the rendered files: ${problem}` };
  }
  try {
    const root = nodeFs.realpathSync(outDir);
    // azldev's filepath.Join(dir, letter, name): a name starting with `.` has `.` as its letter, which Join drops.
    const letter = component.name.slice(0, 1).toLowerCase();
    const compDir = realDirectory(root, letter === '.' ? [component.name] : [letter, component.name], true) as string;
    const manifest = readManifest(root);
    const fresh = new Set(component.files.map(([rel]) => rel));
    const previous = (manifest.components[component.name] ?? []).filter((rel) => outputFileProblem(rel) === undefined);
    for (const rel of previous) if (!fresh.has(rel)) removeWritten(compDir, rel);
    const ours = new Set(previous);
    const kept = filesBelow(compDir).filter((rel) => !fresh.has(rel) && !ours.has(rel));
    for (const [rel, bytes] of component.files) {
      const parts = rel.split('/');
      const parent = realDirectory(compDir, parts.slice(0, -1), true) as string;
      writeNoFollow(path.join(parent, parts[parts.length - 1] as string), bytes);
    }
    manifest.components[component.name] = [...fresh].sort();
    writeManifest(root, manifest);
    return { ok: true, dir: compDir, kept: kept.sort() };
  } catch (err) {
    if (err instanceof Refused) return { ok: false, message: err.message };
    return { ok: false, message: `cannot write the rendered files below ${outDir}: ${err instanceof Error ? err.message : String(err)}` };
  }
}
