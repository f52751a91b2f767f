// The keystrokes the edit benchmarks type (bench/edit-latency.mjs through stdio, bench/keystroke-probe.mjs in
// process), where each goes, and the package index a "with the index" run loads.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateRepo, seedNames } from './repodataGen.mjs';

/**
 * @typedef {{ rel: string, label: string, line: RegExp, key: string, pick: 'first' | 'middle', shows: 'typo-key' | 'error-on-line', overlays?: { component: string, code: string } }} Target
 * @typedef {{ repo: string, cache: string, packages: number }} IndexSetup
 */

/** @type {Target[]} */
export const TARGETS = [
  { rel: 'base/packages/sdk.packages.toml', label: 'key near the top', line: /^description\s*=/, key: 'description', pick: 'first', shows: 'typo-key' },
  { rel: 'base/packages/sdk.packages.toml', label: 'inside the array', line: /^\s+"[^"]+", # srpm:/, key: '"', pick: 'middle', shows: 'error-on-line' },
  { rel: 'base/comps/components.toml', label: 'header key', line: /^\[components\./, key: 'components', pick: 'middle', shows: 'typo-key' },
  // The first header made the implicit components table: its edits take another path through the model's patch.
  { rel: 'base/comps/components.toml', label: 'first header key', line: /^\[components\./, key: 'components', pick: 'first', shows: 'typo-key' },
  { rel: 'base/comps/kernel/kernel.comp.toml', label: 'overlay key, overlay checks on', line: /^description\s*=/, key: 'description', pick: 'first', shows: 'typo-key', overlays: { component: 'kernel', code: 'overlay-does-not-apply' } },
  // A key the render reads: every keystroke changes the plan of an overlay in the middle, so the worker renders again
  // (from that overlay on) while the keystroke is answered; a description typed in (above) renders nothing.
  { rel: 'base/comps/kernel/kernel.comp.toml', label: 'overlay regex key, rendered each edit', line: /^regex\s*=/, key: 'regex', pick: 'middle', shows: 'typo-key', overlays: { component: 'kernel', code: 'overlay-does-not-apply' } },
];

/** @param {string} text @param {Target} target @returns {{ line: number, character: number }} where the typo character goes */
export function editPoint(text, target) {
  const lines = text.split('\n');
  const candidates = lines.flatMap((l, i) => (target.line.test(l) ? [i] : []));
  const line = target.pick === 'first' ? candidates[0] : candidates.find((i) => i >= lines.length / 2);
  if (line === undefined) throw new Error(`edit-latency: ${target.rel}: no line matches ${target.line}`);
  const text0 = /** @type {string} */ (lines[line]);
  // The key's end; for the array item, the end of the item's string (its second quote).
  const character = target.key === '"' ? text0.indexOf('"', text0.indexOf('"') + 1) + 1 : text0.indexOf(target.key) + target.key.length;
  return { line, character };
}

/** @param {string} text @param {{ line: number, character: number }} pos */
export function offsetOf(text, pos) {
  let offset = 0;
  for (let l = 0; l < pos.line; l++) offset = text.indexOf('\n', offset) + 1;
  return offset + pos.character;
}

/** A repository holding every name of the tree's package lists (one package per name, its `# srpm:` source),
 * synced into a cache by our CLI: what `ours0idx` loads. @param {string} tree @param {{ cli: string, env: NodeJS.ProcessEnv }} ours @returns {IndexSetup & { cleanup(): void }} */
export function prepareIndex(tree, ours) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'distro-toml-bench-editidx-'));
  const seeds = seedNames(tree);
  const repo = path.join(dir, 'repo');
  generateRepo(repo, seeds, seeds.length);
  const cache = path.join(dir, 'cache');
  execFileSync(process.execPath, [ours.cli, 'repo', 'sync', '--only-repos', '--repo', repo, '--cache', cache], { env: ours.env, stdio: 'ignore' });
  return { repo, cache, packages: seeds.length, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
