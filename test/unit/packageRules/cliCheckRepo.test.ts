// `distro-toml check --repo` as a process, on a copy of the real tree, against a repository holding every
// name the tree uses served over loopback HTTP: 0 errors and 0 warnings; a seeded typo comes out as the same
// warning (code, exact range) the editor shows; a repository that cannot be read is a usage failure (exit 2).
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { diskFileSystem } from '../../../server/src/core/fs';
import { createLanguageService } from '../../../server/src/core/languageService';
import { CORPUS_ROOT, DIST, SCHEMAS_DIR, tempDir } from '../../support/paths';
import { serveDirectory, type RepoHttpServer } from '../../support/repoHttpServer';
import { treeNames, writeTreeRepo } from '../../support/treeRepo';

let work = '';
let server: RepoHttpServer;
let repoUrl = '';

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(DIST, 'cli.js'), ...args], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

before(async () => {
  work = tempDir('distro-toml-check-repo-');
  const service = createLanguageService({ fs: diskFileSystem, schema: 'bundled', bundledSchemaDir: SCHEMAS_DIR });
  writeTreeRepo(path.join(work, 'served', 'fedora'), treeNames(service.projects.model(CORPUS_ROOT)));
  server = await serveDirectory(path.join(work, 'served'));
  repoUrl = `${server.base}fedora`;
  fs.cpSync(CORPUS_ROOT, path.join(work, 'tree'), { recursive: true });
});

after(async () => {
  await server.close();
  fs.rmSync(work, { recursive: true, force: true });
});

test('check --repo on the real tree: 0 errors, 0 warnings', async () => {
  const r = await cli(['check', 'tree', '--repo', repoUrl, '--package-cache', 'cache', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /files checked: 0 errors, 0 warnings/);
  assert.match(r.stderr, /^package names checked against [\d,]+ packages from 1 of 1 repositories$/m);
  const diags = JSON.parse(r.stdout).diagnostics as { severity: string; code: string }[];
  assert.deepEqual(diags.filter((d) => d.severity === 'error' || d.severity === 'warning' || d.code.startsWith('package-')), []);
  assert.ok(fs.readdirSync(path.join(work, 'cache')).some((f) => f.endsWith('.idx')), 'the index is cached');
});

test('check --repo reports a seeded typo with the editor code at the exact range', async () => {
  const file = path.join(work, 'tree', 'base', 'comps', 'kernel-headers', 'kernel-headers.comp.toml');
  const text = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(file, text.replace('value = "rsync"', 'value = "rsync, perl-Foo-Barr >= 2"'));
  try {
    const line = text.slice(0, text.indexOf('value = "rsync"')).split('\n').length - 1;
    const r = await cli(['check', 'tree', '--repo', repoUrl, '--package-cache', 'cache', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /0 errors, 1 warning/);
    const [d, ...more] = (JSON.parse(r.stdout).diagnostics as { file: string; code: string; range: unknown; severity: string; message: string }[]).filter((x) => x.severity === 'warning');
    assert.deepEqual(more, []);
    assert.equal(d?.file, path.join('tree', 'base', 'comps', 'kernel-headers', 'kernel-headers.comp.toml'));
    assert.equal(d?.code, 'package-capability-unknown');
    assert.equal(d?.severity, 'warning');
    const col = 'value = "rsync, '.length;
    assert.deepEqual(d?.range, { start: { line, character: col }, end: { line, character: col + 'perl-Foo-Barr'.length } });
  } finally {
    fs.writeFileSync(file, text);
  }
});

test('check --repo with a repository that cannot be read exits 2 and says why', async () => {
  const r = await cli(['check', 'tree', '--repo', `${server.base}missing`, '--package-cache', 'cache2']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--repo .*missing/);
  // The repository is named once per line, not once by each layer the error passed through.
  const repo = `${server.base}missing`;
  for (const line of r.stderr.split('\n').filter((l) => l.includes(repo))) assert.ok(!line.includes(`${repo}: ${repo}: `), line);
});

test('check --repo with a package cache that cannot be created exits 2 and says why in words', async () => {
  fs.writeFileSync(path.join(work, 'a-file'), '');
  const r = await cli(['check', 'tree', '--repo', repoUrl, '--package-cache', path.join('a-file', 'cache')]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /cannot create the package cache directory .*a-file\/cache: not a directory/);
  assert.match(r.stderr, /no usable index \(its cache file cannot be read \(not a directory\)\)/);
  assert.doesNotMatch(r.stderr, /internal error/);
});
