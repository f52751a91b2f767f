// What the cache remembers about one package's repository besides git's own data: the URL it mirrors, when each
// branch was last fetched, and which snapshots are settled (resolved from a fetch made after the snapshot time, so
// asking again needs no network). Written atomically; an unreadable file means the cache is rebuilt.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

export interface BranchState {
  /** Epoch ms at which the last successful fetch of the branch started. */
  fetchedAt: number;
  /** Snapshots (as passed to `--before=`) answered from a fetch that started after them. */
  settledSnapshots: string[];
}

export interface CacheState {
  url: string;
  branches: Record<string, BranchState>;
  /** The server refused a lazy blob fetch once; files come from the full copy from then on. */
  blobsRefused?: boolean;
}

const FILE = 'state.json';

function isBranchState(v: unknown): v is BranchState {
  const b = v as BranchState;
  return typeof v === 'object' && v !== null && typeof b.fetchedAt === 'number' && Array.isArray(b.settledSnapshots) && b.settledSnapshots.every((s) => typeof s === 'string');
}

/** The state recorded for `url` in `keyDir`, or undefined when there is none, it is unreadable, or it is for another URL. */
export async function readCacheState(keyDir: string, url: string): Promise<CacheState | undefined> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await fs.readFile(path.join(keyDir, FILE), 'utf8'));
  } catch {
    return undefined;
  }
  const s = parsed as CacheState;
  if (typeof parsed !== 'object' || parsed === null || s.url !== url || typeof s.branches !== 'object' || s.branches === null) return undefined;
  if (!Object.values(s.branches).every(isBranchState)) return undefined;
  const state: CacheState = { url: s.url, branches: { ...s.branches } };
  if (s.blobsRefused === true) state.blobsRefused = true;
  return state;
}

export async function writeCacheState(keyDir: string, state: CacheState): Promise<void> {
  const tmp = path.join(keyDir, `.${FILE}.${process.pid}-${randomBytes(4).toString('hex')}`);
  await fs.writeFile(tmp, JSON.stringify(state, null, 1));
  await fs.rename(tmp, path.join(keyDir, FILE));
}
