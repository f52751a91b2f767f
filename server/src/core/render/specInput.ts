// Where a component's spec and sidecar files come from before any overlay: the local spec's directory, a
// folder of cached specs (`DIR/<name>/<name>.spec`, for offline use), or the upstream dist-git tree through the
// upstream retrieval module — behind one injectable provider so tests and the editor can supply their own.
import * as nodeFs from 'node:fs';
import * as path from 'node:path';
import type { FileSource } from '../overlays';
import type { UpstreamRef, UpstreamResult } from '../upstream/distGit';
import { isWithin } from '../confinement';
import { diskFileSystem } from '../fs';
import { readTreeFile, readTreeText } from '../treeRead';
import { shownPath, unreadableByStat } from '../unreadableFile';

export interface SpecTree {
  specText: string;
  /** The sidecar files (the spec itself left out). */
  files: FileSource;
  /** Where it came from, for messages: a directory, or the dist-git URL and commit. */
  origin: string;
}

export type SpecTreeResult = { ok: true; tree: SpecTree } | { ok: false; message: string };

export type SpecRequest =
  | { component: string; kind: 'local'; specPath: string; /** Messages name the spec relative to it. */ projectRoot?: string }
  | { component: string; kind: 'upstream'; ref: UpstreamRef | undefined; refProblem?: string };

export type SpecProvider = (request: SpecRequest) => Promise<SpecTreeResult>;

/** The upstream retrieval, e.g. `(ref) => resolveUpstreamSource(ref, options)`. */
export type UpstreamFetcher = (ref: UpstreamRef) => Promise<UpstreamResult>;

function walk(dir: string, prefix: string, out: string[]): void {
  let entries: nodeFs.Dirent[];
  try {
    entries = nodeFs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const rel = prefix + e.name;
    if (e.isDirectory()) {
      if (e.name !== '.git') walk(path.join(dir, e.name), rel + '/', out);
    } else if (e.isFile()) out.push(rel);
  }
}

/** A directory on disk as a file source, leaving out `exclude` (the spec) and anything under .git. */
export function directorySource(dir: string, exclude: string): FileSource {
  return {
    list() {
      const out: string[] = [];
      walk(dir, '', out);
      return out.filter((n) => n !== exclude);
    },
    read(name) {
      const bytes = readTreeFile(dir, name);
      return bytes === undefined ? undefined : new Uint8Array(bytes);
    },
  };
}

/**
 * azldev's "failed to find spec for component … in …", with the folder and the spec named relative to the project:
 * the message reaches check's JSON and review's markdown, and the absolute path would put the machine's folders there.
 */
export function localSpecMissing(request: Extract<SpecRequest, { kind: 'local' }>, what: string): string {
  const shown = (p: string) => (request.projectRoot === undefined ? p : shownPath(request.projectRoot, p));
  return `failed to find spec for component \`${request.component}\` in \`${shown(path.dirname(request.specPath))}\`: ${what} (the local spec is ${shown(request.specPath)})`;
}

/** azldev copies the local spec's whole directory and then expects `<name>.spec` in it (findSpecInDir). */
function localTree(request: Extract<SpecRequest, { kind: 'local' }>): SpecTreeResult {
  const dir = path.dirname(request.specPath);
  const specName = `${request.component}.spec`;
  const text = readTreeText(dir, specName);
  if (text === undefined) {
    // There but never opened (a FIFO azldev would wait on, a device, a file over the limit): say so, not "no spec".
    const why = unreadableByStat(diskFileSystem, path.join(dir, specName));
    const what = why ? `${specName} ${why.message}` : `no ${specName} there`;
    return { ok: false, message: localSpecMissing(request, what) };
  }
  return { ok: true, tree: { specText: text, files: directorySource(dir, specName), origin: dir } };
}

export interface SpecProviderOptions {
  /** Offline cache of upstream specs: `DIR/<name>/<name>.spec` with its sidecar files beside it. */
  specsDir?: string;
  upstream?: UpstreamFetcher;
}

export function createSpecProvider(options: SpecProviderOptions): SpecProvider {
  return async (request) => {
    if (request.kind === 'local') return localTree(request);
    if (options.specsDir !== undefined) {
      const dir = path.join(options.specsDir, request.component);
      const specName = `${request.component}.spec`;
      if (!isWithin(options.specsDir, dir) || path.resolve(dir) === path.resolve(options.specsDir)) {
        return { ok: false, message: `the component name \`${request.component}\` leads outside the specs folder ${options.specsDir}; it is not read` };
      }
      const text = readTreeText(dir, specName);
      if (text === undefined) return { ok: false, message: `no upstream spec for \`${request.component}\` in the specs folder: ${path.join(dir, specName)} does not exist` };
      return { ok: true, tree: { specText: text, files: directorySource(dir, specName), origin: dir } };
    }
    if (request.ref === undefined) return { ok: false, message: request.refProblem ?? `cannot tell where the upstream spec of \`${request.component}\` comes from` };
    if (options.upstream === undefined) return { ok: false, message: `upstream specs are not available here; pass --specs-dir DIR with DIR/${request.component}/${request.component}.spec` };
    const got = await options.upstream(request.ref);
    if (!got.ok) return { ok: false, message: got.message };
    const text = readTreeText(got.dir, path.relative(got.dir, got.specPath).split(path.sep).join('/'));
    if (text === undefined) return { ok: false, message: `the upstream tree of \`${request.ref.pkg}\` at ${got.commit} has no ${request.ref.pkg}.spec` };
    // azldev renames `<upstream-name>.spec` to `<name>.spec`; the upstream one is no sidecar file.
    const specRel = path.relative(got.dir, got.specPath).split(path.sep).join('/');
    const source = directorySource(got.dir, specRel);
    return { ok: true, tree: { specText: text, files: { list: () => got.files.filter((f) => f !== specRel), read: source.read }, origin: `${got.origin} @ ${got.commit}` } };
  };
}
