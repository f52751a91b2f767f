// Test support: a small dist-git world with known commits and dates, served over HTTP, and a fresh cache folder per
// test. Package `foo` has this history (committer dates; first parents run down the left):
//
//   rawhide: c1 2025-01-01T00:00:00Z ── c4 2025-04-01T00:00:00Z (rawhide only)
//   f43:     c1 ── c2 2025-02-01T00:00:00-08:00 ── m 2025-03-10T00:00:00Z ── c3 2025-03-20T12:00:00+05:30
//                    └── side 2025-02-15T00:00:00Z ──┘ (merged by m; not on f43's first-parent line)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startGitHttpServer, UpstreamRepo, type GitHttpServer } from './gitHttpServer';
import { tempDir } from '../../support/paths';

export interface FooHistory {
  c1: string;
  c2: string;
  side: string;
  m: string;
  c3: string;
  c4: string;
}

export const SPEC = (version: string) => `Name: foo\nVersion: ${version}\nRelease: 1%{?dist}\nSummary: test\nLicense: MIT\nSource0: foo-${version}.tar.gz\nPatch0: foo-fix.patch\n\n%description\ntest\n`;

export function buildFoo(root: string): FooHistory {
  const r = new UpstreamRepo(root, 'foo');
  const c1 = r.commit('2025-01-01T00:00:00Z', { 'foo.spec': SPEC('1'), sources: 'SHA512 (foo-1.tar.gz) = 00\n', 'foo-fix.patch': 'fix 1\n' });
  r.branch('f43');
  const c2 = r.commit('2025-02-01T00:00:00-08:00', { 'foo.spec': SPEC('2'), sources: 'SHA512 (foo-2.tar.gz) = 00\n' });
  r.branch('side');
  const side = r.commit('2025-02-15T00:00:00Z', { 'foo.spec': SPEC('2.side') });
  r.branch('f43');
  const m = r.merge('side', '2025-03-10T00:00:00Z');
  const c3 = r.commit('2025-03-20T12:00:00+05:30', { 'foo.spec': SPEC('3'), 'files/foo.conf': 'conf\n', 'foo-fix.patch': null });
  r.branch('rawhide');
  const c4 = r.commit('2025-04-01T00:00:00Z', { 'foo.spec': SPEC('4') });
  r.push();
  r.dispose();
  return { c1, c2, side, m, c3, c4 };
}

export interface World {
  root: string;
  server: GitHttpServer;
  foo: FooHistory;
  /** A new, empty cache folder. */
  cache(): string;
  close(): Promise<void>;
}

export async function startWorld(extra?: (root: string) => void): Promise<World> {
  const root = tempDir('upstream-root-');
  const foo = buildFoo(root);
  extra?.(root);
  const server = await startGitHttpServer(root);
  const caches: string[] = [];
  return {
    root,
    server,
    foo,
    cache() {
      const dir = tempDir('upstream-cache-');
      caches.push(dir);
      return dir;
    },
    async close() {
      await server.close();
      for (const dir of [root, ...caches]) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The azldev.toml of a project whose components come from Fedora 43 dist-git at `distGitBaseUri` (branch f43),
 * optionally at a snapshot date and with a release-ver.
 */
export function fedoraProjectToml(distGitBaseUri: string, options: { snapshot?: string; releaseVer?: boolean } = {}): string {
  const snapshot = options.snapshot ? `, snapshot = "${options.snapshot}"` : '';
  return [
    'includes = ["comps/*.comp.toml"]',
    '[project]',
    'default-distro = { name = "fedora", version = "43" }',
    '[distros.fedora]',
    `dist-git-base-uri = "${distGitBaseUri}"`,
    '[distros.fedora.versions.43]',
    ...(options.releaseVer ? ['release-ver = "43"'] : []),
    'dist-git-branch = "f43"',
    '[distros.fedora.versions.43.default-component-config]',
    `spec = { type = "upstream", upstream-distro = { name = "fedora", version = "43"${snapshot} } }`,
    '',
  ].join('\n');
}

/** Component foo with one overlay that applies (Vendor) and one that fails (Epoch is not in the spec). */
export const FOO_WITH_FAILING_OVERLAY = [
  '[components.foo]',
  '',
  '[[components.foo.overlays]]',
  'description = "Vendor"',
  'type = "spec-add-tag"',
  'tag = "Vendor"',
  'value = "Example"',
  '',
  '[[components.foo.overlays]]',
  'description = "A tag the spec does not have"',
  'type = "spec-update-tag"',
  'tag = "Epoch"',
  'value = "1"',
  '',
].join('\n');
