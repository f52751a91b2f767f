// `distro-toml upstream unlock [NAME]`: frees the upstream cache's locks. Without NAME it removes every lock whose
// owner is gone (dead process, pid reused, no owner file); with NAME it removes that package's locks, refusing one a
// running process holds unless --force. Exit 0: done; 1: a lock was kept; 2: bad usage.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { isLockOf, LOCKS_DIR } from './core/upstream/lockNames';
import { describeLock, inspectLock } from './core/upstream/repoLock';
import { defaultUpstreamCacheDir as defaultCacheDir } from './upstreamCacheDir';
import { runUpstreamSyncCli } from './cliUpstreamSync';

export const UPSTREAM_USAGE = `Usage: distro-toml upstream unlock [NAME] [--cache-dir DIR] [--force]
       distro-toml upstream sync [NAME...] [--project DIR] [--cache-dir DIR] [--jobs N] [--refresh] [--offline]

Frees locks of the upstream cache (where Render Preview and render keep dist-git clones).
Without NAME, removes every lock whose owner is gone; with NAME, removes the locks of package NAME.

Options:
  --cache-dir DIR   the cache (default: $XDG_CACHE_HOME/distro-toml/upstream or ~/.cache/distro-toml/upstream)
  --force           also remove a lock a running process holds
  -h, --help        show this help`;

export interface UpstreamCliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
}

interface UnlockArgs {
  name?: string;
  cacheDir: string;
  force: boolean;
}

function parse(argv: string[], cwd: string): UnlockArgs | 'help' | string {
  const [sub, ...rest] = argv;
  if (sub === '-h' || sub === '--help') return 'help';
  if (sub !== 'unlock') return sub === undefined ? 'upstream needs a subcommand: unlock or sync' : `unknown upstream subcommand '${sub}'`;
  const out: UnlockArgs = { cacheDir: defaultCacheDir(), force: false };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    if (a === '-h' || a === '--help') return 'help';
    if (a === '--force') out.force = true;
    else if (a === '--cache-dir' || a.startsWith('--cache-dir=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      if (!v) return '--cache-dir needs a value';
      out.cacheDir = path.resolve(cwd, v);
    } else if (a.startsWith('-')) return `unknown option '${a}'`;
    else if (out.name === undefined) out.name = a;
    else return 'unlock takes one package name';
  }
  return out;
}

export async function runUpstreamCli(argv: string[], io: UpstreamCliIo): Promise<number> {
  if (argv[0] === 'sync') return runUpstreamSyncCli(argv.slice(1), io);
  const args = parse(argv, io.cwd);
  if (args === 'help') {
    io.stdout(UPSTREAM_USAGE + '\n');
    return 0;
  }
  if (typeof args === 'string') {
    io.stderr(`distro-toml: ${args}\n\n${UPSTREAM_USAGE}\n`);
    return 2;
  }
  const locksDir = path.join(args.cacheDir, LOCKS_DIR);
  let entries: string[];
  try {
    entries = (await fs.readdir(locksDir)).filter((e) => e.endsWith('.lock')).sort();
  } catch {
    entries = [];
  }
  const name = args.name;
  const chosen = name === undefined ? entries : entries.filter((e) => isLockOf(e, name));
  let kept = 0;
  let removed = 0;
  for (const entry of chosen) {
    const lockDir = path.join(locksDir, entry);
    const state = await inspectLock(lockDir);
    if (!state.held) continue;
    const described = describeLock(lockDir, state);
    if (!state.stale && !(name !== undefined && args.force)) {
      // Without NAME only abandoned locks go; a live holder needs NAME and --force.
      if (name !== undefined) {
        kept++;
        io.stderr(`distro-toml: kept ${described}: it ${state.why}; pass --force to remove it anyway\n`);
      }
      continue;
    }
    await fs.rm(lockDir, { recursive: true, force: true });
    removed++;
    io.stdout(`removed ${described}: it ${state.why}\n`);
  }
  if (removed === 0 && kept === 0) io.stdout(`no ${name === undefined ? 'abandoned locks' : `locks of package '${name}'`} in ${locksDir}\n`);
  return kept > 0 ? 1 : 0;
}
