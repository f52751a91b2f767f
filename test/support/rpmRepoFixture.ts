// Real RPM repositories for the package-index tests: small specs built with rpmbuild, indexed by createrepo_c
// (gzip, xz, bzip2; zstd by recompressing primary with the zstd tool, as Debian's createrepo_c lacks it) into
// a binary and a source repository. Built once per fixture content, shared by the test files that use it.
import { execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { tempDir } from './paths';

export interface FixtureSpec {
  name: string;
  epoch?: number;
  version: string;
  release: string;
  summary: string;
  /** Lines placed in the main package's preamble (Provides:, Requires: ...). */
  preamble?: string[];
  /** Files the main package owns, created with some content. */
  files?: string[];
  subpackages?: { name: string; summary: string; preamble?: string[]; files?: string[] }[];
}

function specText(s: FixtureSpec): string {
  const all = [...(s.files ?? []), ...(s.subpackages ?? []).flatMap((p) => p.files ?? [])];
  const install = all.map((f) => `mkdir -p %{buildroot}${path.posix.dirname(f)} && echo '${s.name}' > %{buildroot}${f}`).join('\n');
  const lines = [
    `Name: ${s.name}`,
    ...(s.epoch !== undefined ? [`Epoch: ${s.epoch}`] : []),
    `Version: ${s.version}`,
    `Release: ${s.release}`,
    `Summary: ${s.summary}`,
    'License: MIT',
    `URL: https://example.org/${s.name}`,
    'BuildArch: noarch',
    'AutoReqProv: no',
    ...(s.preamble ?? []),
    '%description',
    `${s.name} for the package index tests.`,
  ];
  for (const p of s.subpackages ?? []) {
    lines.push(`%package -n ${p.name}`, `Summary: ${p.summary}`, ...(p.preamble ?? []), `%description -n ${p.name}`, `${p.name}.`);
  }
  lines.push('%install', install || 'mkdir -p %{buildroot}', '%files', ...(s.files ?? []));
  for (const p of s.subpackages ?? []) lines.push(`%files -n ${p.name}`, ...(p.files ?? []));
  return lines.join('\n') + '\n';
}

export type RepoCompression = 'gz' | 'xz' | 'bz2' | 'zstd';

export interface BuiltFixture {
  /** Directory holding `bin-<compression>/` and `src-<compression>/` repositories. */
  dir: string;
  binaryRepo(c: RepoCompression): string;
  sourceRepo(c: RepoCompression): string;
}

export function toolsAvailable(): string | undefined {
  for (const tool of ['rpmbuild', 'createrepo_c', 'zstd', 'dnf']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    } catch {
      return `${tool} is not installed (Debian packages rpm, createrepo-c, zstd, dnf)`;
    }
  }
  return undefined;
}

/** Rewrites repomd.xml's primary entry after recompressing primary.xml with zstd. */
function recompressPrimaryZstd(repo: string): void {
  const repomdPath = path.join(repo, 'repodata', 'repomd.xml');
  const repomd = fs.readFileSync(repomdPath, 'utf8');
  const m = /<data type="primary">[\s\S]*?<location href="([^"]+)"\/>[\s\S]*?<\/data>/.exec(repomd);
  if (!m) throw new Error('no primary in repomd.xml');
  const oldHref = m[1] as string;
  const xml = execFileSync('gzip', ['-dc', path.join(repo, oldHref)], { maxBuffer: 1 << 30 });
  const zst = execFileSync('zstd', ['-q', '-c', '-19'], { input: xml, maxBuffer: 1 << 30 });
  const sum = crypto.createHash('sha256').update(zst).digest('hex');
  const newHref = `repodata/${sum}-primary.xml.zst`;
  fs.writeFileSync(path.join(repo, newHref), zst);
  fs.rmSync(path.join(repo, oldHref));
  const block = (m[0] as string)
    .replace(/<checksum type="sha256">[0-9a-f]+<\/checksum>/, `<checksum type="sha256">${sum}</checksum>`)
    .replace(oldHref, newHref)
    .replace(/<size>\d+<\/size>/, `<size>${zst.length}</size>`);
  fs.writeFileSync(repomdPath, repomd.replace(m[0] as string, block));
}

function buildFresh(specs: readonly FixtureSpec[], out: string): void {
  const top = path.join(out, 'rpmbuild');
  fs.mkdirSync(path.join(top, 'SPECS'), { recursive: true });
  const files = specs.map((s, i) => {
    const f = path.join(top, 'SPECS', `${i}-${s.name}.spec`);
    fs.writeFileSync(f, specText(s));
    return f;
  });
  execFileSync('rpmbuild', [
    '--define', `_topdir ${top}`, '--define', '_build_id_links none', '--define', '__os_install_post %{nil}',
    '--define', '_source_payload w1.gzdio', '--define', '_binary_payload w1.gzdio', '--quiet', '-ba', ...files,
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  const rpms = (dir: string): string[] => fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.rpm')).map((f) => path.join(dir, f));
  for (const c of ['gz', 'xz', 'bz2', 'zstd'] as const) {
    for (const [kind, list] of [['bin', rpms(path.join(top, 'RPMS'))], ['src', rpms(path.join(top, 'SRPMS'))]] as const) {
      const repo = path.join(out, `${kind}-${c}`);
      fs.mkdirSync(repo, { recursive: true });
      for (const f of list) fs.copyFileSync(f, path.join(repo, path.basename(f)));
      execFileSync('createrepo_c', ['--quiet', '--no-database', '--general-compress-type', c === 'zstd' ? 'gz' : c, repo], { stdio: ['ignore', 'ignore', 'pipe'] });
      if (c === 'zstd') recompressPrimaryZstd(repo);
    }
  }
  fs.rmSync(top, { recursive: true, force: true });
}

/** The fixture for `specs`, built on first use into the temp directory and reused while its content is the same. */
export function buildRpmFixture(specs: readonly FixtureSpec[]): BuiltFixture {
  const key = crypto.createHash('sha256').update(JSON.stringify(specs)).digest('hex').slice(0, 16);
  const dir = path.join(os.tmpdir(), `distro-toml-rpm-fixture-${key}`);
  if (!fs.existsSync(path.join(dir, 'complete'))) {
    const tmp = tempDir('distro-toml-rpm-build-');
    buildFresh(specs, tmp);
    fs.writeFileSync(path.join(tmp, 'complete'), '');
    try {
      fs.renameSync(tmp, dir);
    } catch {
      // Another test file built it at the same time: use theirs.
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
  return { dir, binaryRepo: (c) => path.join(dir, `bin-${c}`), sourceRepo: (c) => path.join(dir, `src-${c}`) };
}
