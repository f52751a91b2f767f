// The peer tools the benchmarks compare against, installed on first use into bench/.peers from the npm
// registry (not devDependencies: tombi's per-platform packages for other systems are not all published
// where CI installs from, and `npm ci` insists on them when they are in the lock file).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PEER_VERSIONS = { tombi: '0.11.7', '@taplo/cli': '0.7.0' };

export const peersDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '.peers');

/** Installs the pinned peer versions into bench/.peers unless they are there already; returns the folder. */
export function ensurePeers() {
  const stamp = path.join(peersDir, `.installed-${Object.entries(PEER_VERSIONS).map(([n, v]) => `${n}@${v}`).join(',').replace(/[/@]/g, '_')}`);
  if (fs.existsSync(stamp)) return peersDir;
  fs.mkdirSync(peersDir, { recursive: true });
  if (!fs.existsSync(path.join(peersDir, 'package.json'))) fs.writeFileSync(path.join(peersDir, 'package.json'), '{"private":true}\n');
  const specs = Object.entries(PEER_VERSIONS).map(([n, v]) => `${n}@${v}`);
  process.stderr.write(`bench: installing peers ${specs.join(' ')} into ${peersDir}\n`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', ...specs], { cwd: peersDir, stdio: ['ignore', 'ignore', 'inherit'] });
  fs.writeFileSync(stamp, '');
  return peersDir;
}
