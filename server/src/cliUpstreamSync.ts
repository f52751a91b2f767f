// `distro-toml upstream sync [NAME...]`: warms the dist-git cache for the project's components (all, or those
// named), in parallel and bounded, resumable (what is cached is answered without the network, so a run that was
// stopped continues), with a progress line per package and a summary of the failures by kind. `--offline` only
// reports what the cache holds. Exit 0: every package cached; 1: some failed; 2: bad usage.
import * as path from 'node:path';
import { DocumentCache } from './core/documentCache';
import { diskFileSystem } from './core/fs';
import { effectiveComponent } from './core/project/effectiveConfig';
import { loadProject } from './core/project/projectModel';
import { PROJECT_FILE } from './core/project/root';
import { upstreamRefFor } from './core/render';
import { syncUpstream, type SyncItem, type SyncOutcome } from './core/upstream/syncMany';
import { defaultCacheDir } from './handlers/render';
import { projectRootOrSay, usageExit } from './cliProject';
import { terminalLines } from './output/terminalText';

export const UPSTREAM_SYNC_USAGE = `Usage: distro-toml upstream sync [NAME...] [--project DIR] [--cache-dir DIR] [--jobs N] [--refresh] [--offline]

Fills the upstream cache with the dist-git tree of every component with an upstream spec (or of the components
named), as render and the drift check read it. Packages the cache already holds are not fetched again, so an
interrupted sync continues where it stopped.

Options:
  --project DIR     the project (nearest azldev.toml at or above DIR; default: current directory)
  --cache-dir DIR   the cache (default: $XDG_CACHE_HOME/distro-toml/upstream or ~/.cache/distro-toml/upstream)
  --jobs N          retrievals at once (default: 8)
  --refresh         fetch every branch again, even when cached
  --offline         never contact dist-git: report what the cache holds
  -h, --help        show this help`;

export interface UpstreamSyncIo {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
}

interface SyncArgs {
  names: string[];
  project: string;
  cacheDir?: string;
  jobs: number;
  refresh: boolean;
  offline: boolean;
}

function parse(argv: string[]): SyncArgs | 'help' | string {
  const out: SyncArgs = { names: [], project: '.', jobs: 8, refresh: false, offline: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '-h' || a === '--help') return 'help';
    const flag = ['--project', '--cache-dir', '--jobs'].find((f) => a === f || a.startsWith(f + '='));
    if (flag !== undefined) {
      const value = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (value === undefined || value === '') return `${flag} needs a value`;
      if (flag === '--project') out.project = value;
      else if (flag === '--cache-dir') out.cacheDir = value;
      else if (!/^\d+$/.test(value) || Number(value) < 1) return `--jobs must be a positive whole number (got '${value}')`;
      else out.jobs = Number(value);
    } else if (a === '--refresh') out.refresh = true;
    else if (a === '--offline') out.offline = true;
    else if (a.startsWith('-')) return `unknown option '${a}'`;
    else out.names.push(a);
  }
  if (out.refresh && out.offline) return '--refresh and --offline exclude each other';
  return out;
}

export async function runUpstreamSyncCli(argv: string[], io: UpstreamSyncIo): Promise<number> {
  const args = parse(argv);
  if (typeof args === 'string') return usageExit(args, UPSTREAM_SYNC_USAGE, io);
  const root = projectRootOrSay(io.cwd, args.project, io);
  if (root === undefined) return 2;
  const model = loadProject(new DocumentCache(diskFileSystem), path.join(root, PROJECT_FILE));
  for (const n of args.names) {
    if (!model.unions.components.has(n)) {
      io.stderr(`distro-toml: no component '${n}' in the project at ${root}\n`);
      return 2;
    }
  }
  const names = args.names.length ? args.names : [...model.unions.components.keys()].sort();
  const items: SyncItem[] = [];
  const unusable: string[] = [];
  for (const name of names) {
    const eff = effectiveComponent(model, name);
    if (!eff) continue;
    const spec = eff.config.kind === 'table' ? eff.config.entries.get('spec') : undefined;
    const type = spec?.kind === 'table' ? spec.entries.get('type') : undefined;
    if (type?.kind === 'value' && type.value === 'local') continue;
    const ref = upstreamRefFor(model, name, eff.config);
    if (ref.ok) items.push({ component: name, ref: ref.ref });
    else unusable.push(`${name}: ${ref.message}`);
  }
  const cacheDir = args.cacheDir !== undefined ? path.resolve(io.cwd, args.cacheDir) : defaultCacheDir();
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  let outcomes: SyncOutcome[];
  try {
    outcomes = await syncUpstream(items, {
      cacheDir,
      jobs: args.jobs,
      refresh: args.refresh,
      offline: args.offline,
      signal: controller.signal,
      onProgress: (done, total, o) => {
        const what = o.state === 'failed' ? `failed (${o.code}): ${o.message.split('\n')[0]}` : o.state === 'cached' ? 'already cached' : `fetched${o.warning ? ` (${o.warning})` : ''}`;
        io.stderr(`[${done}/${total}] ${o.component}: ${what}\n`);
      },
    });
  } finally {
    process.removeListener('SIGINT', onSignal);
  }
  const fetched = outcomes.filter((o) => o.state === 'fetched').length;
  const cached = outcomes.filter((o) => o.state === 'cached').length;
  const failed = outcomes.filter((o): o is Extract<SyncOutcome, { state: 'failed' }> => o.state === 'failed');
  io.stdout(terminalLines(`${items.length} package(s): ${fetched} fetched, ${cached} already cached, ${failed.length} failed${unusable.length ? `; ${unusable.length} component(s) name no usable upstream` : ''} (cache: ${cacheDir})\n`));
  const byCode = new Map<string, string[]>();
  for (const f of failed) byCode.set(f.code, [...(byCode.get(f.code) ?? []), f.component]);
  for (const [code, comps] of [...byCode].sort()) io.stdout(terminalLines(`  ${code}: ${comps.length} — ${comps.slice(0, 20).join(', ')}${comps.length > 20 ? ', …' : ''}\n`));
  for (const u of unusable) io.stdout(terminalLines(`  no upstream: ${u}\n`));
  if (controller.signal.aborted) io.stdout('interrupted: run the same command again to continue\n');
  return failed.length > 0 || unusable.length > 0 ? 1 : 0;
}
