// `distro-toml render NAME...`: renders components the way `azldev component render` does up to rpmautospec and
// prints the spec, writes azldev's rendered-specs layout (`<out>/<first letter>/<name>/`), or prints JSON with the
// per-overlay results. Exit 0: rendered; 1: an overlay or a component failed; 2: bad usage.
import * as nodeFs from 'node:fs';
import * as path from 'node:path';
import { DocumentCache } from './core/documentCache';
import { diskFileSystem, type FileSystem } from './core/fs';
import { loadProject } from './core/project/projectModel';
import { findProjectRoot, PROJECT_FILE } from './core/project/root';
import { createSpecProvider, gitReleaseHistory, renderComponent, type ReleaseHistory, type RenderedComponent, type SpecProvider } from './core/render';
import { resolveUpstreamSource } from './core/upstream/distGit';
import { writeComponentOutput } from './renderOutput';
import { defaultUpstreamCacheDir } from './upstreamCacheDir';
import { runRenderCheckCli } from './cliRenderCheck';

export const RENDER_USAGE = `Usage: distro-toml render NAME... [--project DIR] [--out DIR] [--format text|json] [--specs-dir DIR]
       distro-toml render --all --check ...   (the rendered-specs drift check; see render --all --check --help)

Renders each component's spec as azldev does before rpmautospec: the upstream or local spec, the
generated NAME.azl.macros, every overlay in order, the %check skip, the header and the Release bump.

Options:
  --project DIR      the project (the nearest azldev.toml at or above DIR; default: current directory)
  --out DIR          write DIR/<first letter>/<name>/ with the spec and its files instead of printing
  --format text|json text prints the spec(s); json prints {"components":[{name,spec,files,overlays}]}
  --specs-dir DIR    read upstream specs from DIR/<name>/<name>.spec (offline) instead of dist-git
  -h, --help         show this help`;

export interface RenderCliIo {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  fs?: FileSystem;
  /** Replaces the spec lookup (tests); by default --specs-dir or dist-git through the upstream cache. */
  specs?: SpecProvider;
  releaseHistory?: ReleaseHistory;
}

interface RenderArgs {
  names: string[];
  project: string;
  out?: string;
  format: 'text' | 'json';
  specsDir?: string;
}

function parse(argv: string[]): RenderArgs | 'help' | string {
  const out: RenderArgs = { names: [], project: '.', format: 'text' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '-h' || a === '--help') return 'help';
    const flag = ['--project', '--out', '--format', '--specs-dir'].find((f) => a === f || a.startsWith(f + '='));
    if (flag !== undefined) {
      const value = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (value === undefined || value === '') return `${flag} needs a value`;
      if (flag === '--project') out.project = value;
      else if (flag === '--out') out.out = value;
      else if (flag === '--specs-dir') out.specsDir = value;
      else if (value === 'text' || value === 'json') out.format = value;
      else return `--format must be text or json (got '${value}')`;
    } else if (a.startsWith('-')) return `unknown option '${a}'`;
    else out.names.push(a);
  }
  if (out.names.length === 0) return 'render needs at least one component name';
  return out;
}

/** Where `render` keeps upstream clones, and where `check` looks for them offline. */
export const cacheDir = defaultUpstreamCacheDir;

function filesOf(r: RenderedComponent): [string, Uint8Array][] {
  const out: [string, Uint8Array][] = [];
  for (const name of r.files?.names() ?? []) {
    const bytes = r.files?.read(name);
    if (bytes) out.push([name, bytes]);
  }
  return out;
}

function report(r: RenderedComponent, io: RenderCliIo): void {
  for (const e of r.errors) io.stderr(`distro-toml: ${r.name}: ${e}\n`);
  for (const o of r.overlays) {
    if (!o.ok) io.stderr(`distro-toml: ${r.name}: overlay ${o.index} (${o.type})${o.origin ? ` at ${o.origin.file}` : ''}: ${o.message}\n`);
  }
  for (const n of r.notes) io.stderr(`distro-toml: ${r.name}: note: ${n}\n`);
  if (r.release) io.stderr(`distro-toml: ${r.name}: ${r.release.message}\n`);
}

export async function runRenderCli(argv: string[], io: RenderCliIo): Promise<number> {
  // `render --all --check`: the rendered-specs drift check (cliRenderCheck.ts).
  if (argv.includes('--all')) return runRenderCheckCli(argv, io);
  const args = parse(argv);
  if (args === 'help') {
    io.stdout(RENDER_USAGE + '\n');
    return 0;
  }
  if (typeof args === 'string') {
    io.stderr(`distro-toml: ${args}\n\n${RENDER_USAGE}\n`);
    return 2;
  }
  const fs = io.fs ?? diskFileSystem;
  const start = path.resolve(io.cwd, args.project);
  const root = findProjectRoot(fs, path.join(start, PROJECT_FILE));
  if (root === undefined) {
    io.stderr(`distro-toml: no ${PROJECT_FILE} at or above ${start}\n`);
    return 2;
  }
  if (args.specsDir !== undefined && !fs.isDirectory(path.resolve(io.cwd, args.specsDir))) {
    io.stderr(`distro-toml: --specs-dir ${args.specsDir}: no such directory\n`);
    return 2;
  }
  const model = loadProject(new DocumentCache(fs), path.join(root, PROJECT_FILE));
  const specs =
    io.specs ??
    createSpecProvider({
      ...(args.specsDir !== undefined ? { specsDir: path.resolve(io.cwd, args.specsDir) } : {}),
      upstream: (ref) => resolveUpstreamSource(ref, { cacheDir: cacheDir() }),
    });
  const env = { fs, specs, releaseHistory: io.releaseHistory ?? gitReleaseHistory };
  const results: RenderedComponent[] = [];
  for (const name of args.names) {
    if (!model.unions.components.has(name)) {
      io.stderr(`distro-toml: no component '${name}' in the project at ${root}\n`);
      return 2;
    }
    results.push(await renderComponent(model, name, env));
  }
  for (const r of results) report(r, io);
  let unwritten = false;
  if (args.out !== undefined) {
    const outDir = path.resolve(io.cwd, args.out);
    nodeFs.mkdirSync(outDir, { recursive: true });
    for (const r of results) {
      if (r.spec === undefined) continue;
      const written = writeComponentOutput(outDir, { name: r.name, files: [[r.specFileName, Buffer.from(r.spec)], ...filesOf(r)] });
      if (!written.ok) {
        unwritten = true;
        io.stderr(`distro-toml: ${r.name}: nothing written: ${written.message}\n`);
        continue;
      }
      io.stderr(`distro-toml: ${r.name}: wrote ${written.dir}\n`);
      if (written.kept.length) io.stderr(`distro-toml: ${r.name}: kept ${written.kept.length} file(s) there that distro-toml did not write: ${written.kept.join(', ')}\n`);
    }
  }
  if (args.format === 'json') {
    const components = results.map((r) => ({
      name: r.name,
      ok: r.ok,
      spec: r.spec ?? null,
      files: Object.fromEntries(filesOf(r).map(([n, b]) => [n, Buffer.from(b).toString('utf8')])),
      overlays: r.overlays.map((o) => ({ index: o.index, type: o.type, kind: o.kind, ok: o.ok, message: o.message, ...(o.origin ? { file: o.origin.file } : {}) })),
      errors: r.errors,
      notes: r.notes,
      release: r.release ?? null,
      banner: r.banner,
    }));
    io.stdout(JSON.stringify({ components }, null, 2) + '\n');
  } else if (args.out === undefined) {
    for (const r of results) {
      if (results.length > 1) io.stdout(`==> ${r.name}/${r.specFileName} <==\n`);
      io.stdout(r.spec ?? '');
    }
  }
  return !unwritten && results.every((r) => r.ok) ? 0 : 1;
}
