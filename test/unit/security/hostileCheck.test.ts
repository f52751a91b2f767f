// `distro-toml check` and `render` on hostile copies of a small tree: every read that would leave the
// project is an error at the value that asked for it and is never made; links that loop or lead to `/`,
// FIFOs, devices, huge files and floods of findings end quickly with a clear error instead of hanging,
// exhausting memory or overflowing the stack. Each run has a timeout, so a regression fails instead of hanging.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CORPUS_ROOT, tempDir } from '../../support/paths';
import { cli, filesBelow, linesWithCode, smallProject } from './hostileTree';

const SECRET = 'S3CRET-' + process.pid + '-TOKEN';

/** A directory beside nothing of the project, holding a secret. */
function outsideDir(): string {
  const dir = tempDir('distro-toml-outside-');
  fs.writeFileSync(path.join(dir, 'secret.txt'), SECRET + '\n');
  fs.writeFileSync(path.join(dir, 'secret.toml'), `leaked = "${SECRET}"\n`);
  fs.mkdirSync(path.join(dir, 'comps'));
  fs.writeFileSync(path.join(dir, 'comps', 'x.comp.toml'), `[components.x]\nsepc = "${SECRET}"\n`);
  return dir;
}

function setIncludes(root: string, includes: string[]): void {
  fs.writeFileSync(path.join(root, 'azldev.toml'), `includes = ${JSON.stringify(includes)}\n\n[project]\ndescription = "hostile"\ndefault-distro = { name = "fedora", version = "43" }\n\n[distros.fedora.versions.43]\n`);
}

function assertNoSecret(...texts: string[]): void {
  for (const t of texts) assert.ok(!t.includes(SECRET), 'the secret leaked into the output');
}

describe('check on hostile trees: reads outside the project', () => {
  it('refuses an include of /proc/self/environ: an error at the entry, and the environment in no output format', () => {
    const root = smallProject();
    setIncludes(root, ['/proc/self/environ', 'base/comps/**/*.comp.toml']);
    for (const format of ['text', 'json', 'sarif']) {
      const r = cli(['check', '--format', format], root, { LEAK_ME: SECRET });
      assert.equal(r.code, 1, r.stderr);
      assertNoSecret(r.stdout, r.stderr);
      if (format === 'text') {
        assert.deepEqual(linesWithCode(r.stdout, 'path-outside-project').map((l) => l.split(' ')[0]), ['azldev.toml:1:13']);
        assert.match(r.stdout, /Include|includes entry '\/proc\/self\/environ': \/proc\/self\/environ is not read: it lies outside the project/);
      }
      if (format === 'sarif') assert.match(r.stdout, /"ruleId": "path-outside-project"/);
    }
  });

  it('refuses includes that leave by ../, by an absolute path, and by a link to a directory outside', () => {
    const outside = outsideDir();
    const root = smallProject();
    const rel = path.relative(root, path.join(outside, 'secret.toml'));
    fs.symlinkSync(path.join(outside, 'comps'), path.join(root, 'base', 'comps', 'evil'));
    setIncludes(root, [rel, path.join(outside, 'secret.toml'), 'base/comps/**/*.comp.toml']);
    const r = cli(['check'], root);
    assert.equal(r.code, 1, r.stderr);
    assertNoSecret(r.stdout, r.stderr);
    const lines = linesWithCode(r.stdout, 'path-outside-project');
    assert.equal(lines.length, 3, r.stdout);
    assert.match(lines[2] as string, /leads through a symbolic link to .*comps, outside the project/);
    assert.match(r.stderr, /2 files checked/);
    // The refused paths are named as written or where the link leads; the project's own folder is named by no finding.
    assert.ok(!r.stdout.includes(root), r.stdout);
  });

  it('does not take a vendored schema that is a link out of the project (its parse error would quote the file)', () => {
    const outside = outsideDir();
    const root = smallProject();
    fs.mkdirSync(path.join(root, 'external', 'schemas'), { recursive: true });
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'external', 'schemas', 'azldev.schema.json'));
    const r = cli(['check', '--schema', 'workspace'], root);
    assert.equal(r.code, 0, r.stderr);
    assertNoSecret(r.stdout, r.stderr);
    assert.match(r.stderr, /No vendored schema in the workspace .*; using the bundled schema/);
  });

  it("does not read house rules that link out of the project: the linked file's lines would be quoted as findings", () => {
    const outside = outsideDir();
    fs.writeFileSync(path.join(outside, 'passwd'), `${SECRET}:x:0:0:root:/root:/bin/sh\n`);
    fs.writeFileSync(path.join(outside, 'levels.toml'), '[rules]\nschema-unknown-key = "off"\n');
    const root = smallProject({ 'base/comps/a/b.comp.toml': '[components.b]\nsepc = 1\n' });
    fs.symlinkSync(path.join(outside, 'passwd'), path.join(root, '.distro-toml.toml'));
    for (const format of ['text', 'json']) {
      const r = cli(['check', '--format', format], root);
      assert.equal(r.code, 1, r.stderr);
      assertNoSecret(r.stdout, r.stderr);
      if (format === 'text') {
        assert.deepEqual(linesWithCode(r.stdout, 'path-outside-project').map((l) => l.split(' ')[0]), ['.distro-toml.toml:1:1']);
        assert.match(r.stdout, /\.distro-toml\.toml is not read: it leads through a symbolic link to .*passwd, outside the project/);
        assert.equal(linesWithCode(r.stdout, 'toml-syntax').length, 0, r.stdout);
      }
    }
    // Levels from outside do not apply either: the unknown key stays an error.
    fs.rmSync(path.join(root, '.distro-toml.toml'));
    fs.symlinkSync(path.join(outside, 'levels.toml'), path.join(root, '.distro-toml.toml'));
    const r = cli(['check'], root);
    assert.deepEqual(linesWithCode(r.stdout, 'schema-unknown-key').map((l) => l.split(' ')[0]), ['base/comps/a/b.comp.toml:2:1']);
  });

  it('neither reads nor lists a TOML file in the tree that links out of it', () => {
    const outside = outsideDir();
    const root = smallProject();
    fs.symlinkSync(path.join(outside, 'comps', 'x.comp.toml'), path.join(root, 'base', 'stray.toml'));
    const r = cli(['check', '--hints'], root);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.ok(!r.stdout.includes('stray.toml'), r.stdout);
    assert.match(r.stderr, /^2 files checked: 0 errors, 0 warnings(, \d+ information(, \d+ hints?)?)?$/m);
  });

  it("lets an extra config file include beside itself, but not the project's files include there", () => {
    const outside = outsideDir();
    fs.writeFileSync(path.join(outside, 'extra.toml'), 'includes = ["comps/*.comp.toml"]\n');
    const root = smallProject();
    setIncludes(root, ['base/comps/**/*.comp.toml', path.join(outside, 'comps', 'x.comp.toml')]);
    const r = cli(['check', '--config-file', path.join(outside, 'extra.toml')], root);
    assert.equal(r.code, 1, r.stderr);
    // Refused from azldev.toml; reached through extra.toml, where its unknown key is reported.
    assert.deepEqual(linesWithCode(r.stdout, 'path-outside-project').map((l) => l.split(' ')[0]), ['azldev.toml:1:41']);
    assert.equal(linesWithCode(r.stdout, 'schema-unknown-key').length, 1, r.stdout);
    assert.match(r.stderr, /^4 files checked/m);
  });

  it('refuses an overlay source outside the project (absolute, ../, or through a link) in check and in render', () => {
    const outside = outsideDir();
    const root = smallProject();
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'base', 'comps', 'a', 'link.txt'));
    const rel = path.relative(path.join(root, 'base', 'comps', 'a'), path.join(outside, 'secret.txt'));
    fs.appendFileSync(
      path.join(root, 'base', 'comps', 'a', 'a.comp.toml'),
      [
        '[[components.a.overlays]]\ndescription = "d"\ntype = "file-add"\nfile = "env.txt"\nsource = "/proc/self/environ"\n',
        `[[components.a.overlays]]\ndescription = "d"\ntype = "file-add"\nfile = "up.txt"\nsource = "${rel}"\n`,
        '[[components.a.overlays]]\ndescription = "d"\ntype = "file-add"\nfile = "ln.txt"\nsource = "link.txt"\n',
      ].join('\n'),
    );
    fs.appendFileSync(path.join(root, 'base', 'comps', 'a', 'a.spec'), 'Source1: env.txt\nSource2: up.txt\nSource3: ln.txt\n');
    const check = cli(['check'], root, { LEAK_ME: SECRET });
    assert.equal(check.code, 1);
    const lines = linesWithCode(check.stdout, 'path-outside-project');
    assert.deepEqual(lines.map((l) => l.split(' ')[0]), ['base/comps/a/a.comp.toml:7:10', 'base/comps/a/a.comp.toml:13:10', 'base/comps/a/a.comp.toml:19:10']);
    assert.match(lines[2] as string, /leads through a symbolic link to .*secret\.txt/);

    const out = tempDir('distro-toml-out-');
    const render = cli(['render', 'a', '--out', out], root, { LEAK_ME: SECRET });
    assert.equal(render.code, 1);
    assert.equal((render.stderr.match(/is not read: it (lies outside|leads through a symbolic link)/g) ?? []).length, 3, render.stderr);
    for (const [name, text] of filesBelow(out)) assert.ok(!text.includes(SECRET), `${name} holds the secret`);
  });

  it('refuses a local spec outside the project, so neither it nor its sidecar files are rendered', () => {
    const outside = outsideDir();
    fs.writeFileSync(path.join(outside, 'a.spec'), `Name: a\nVersion: 1\nRelease: 1\nSummary: ${SECRET}\nLicense: MIT\nSource0: secret.txt\n\n%description\na\n`);
    const root = smallProject();
    const rel = path.relative(path.join(root, 'base', 'comps', 'a'), path.join(outside, 'a.spec'));
    fs.writeFileSync(path.join(root, 'base', 'comps', 'a', 'a.comp.toml'), `[components.a]\nspec = { type = "local", path = "${rel}" }\n`);
    const check = cli(['check'], root);
    assert.deepEqual(linesWithCode(check.stdout, 'path-outside-project').map((l) => l.split(' ')[0]), ['base/comps/a/a.comp.toml:2:33']);
    const out = tempDir('distro-toml-out-');
    const render = cli(['render', 'a', '--out', out], root);
    assert.equal(render.code, 1);
    assert.match(render.stderr, /the local spec ".*a\.spec" is not read: it lies outside the project/);
    for (const [name, text] of filesBelow(out)) assert.ok(!text.includes(SECRET), `${name} holds the secret`);
  });

  it('refuses overlay-files that reach outside through a linked directory, in check and in render', () => {
    const outside = outsideDir();
    fs.mkdirSync(path.join(outside, 'ov'));
    fs.writeFileSync(path.join(outside, 'ov', 'x.overlay.toml'), `[[overlays]]\ndescription = "${SECRET}"\ntype = "spec-set-tag"\ntag = "Vendor"\nvalue = "${SECRET}"\n`);
    const root = smallProject();
    fs.symlinkSync(path.join(outside, 'ov'), path.join(root, 'base', 'comps', 'a', 'ov'));
    fs.appendFileSync(path.join(root, 'base', 'comps', 'a', 'a.comp.toml'), 'overlay-files = ["ov/*.overlay.toml"]\n');
    const check = cli(['check'], root);
    assert.equal(check.code, 1);
    assertNoSecret(check.stdout);
    // The `**` include walks into the linked directory too, and is refused there as well.
    assert.deepEqual(linesWithCode(check.stdout, 'path-outside-project').map((l) => l.split(' ')[0]), ['azldev.toml:1:13', 'base/comps/a/a.comp.toml:3:18']);
    const out = tempDir('distro-toml-out-');
    const render = cli(['render', 'a', '--out', out], root);
    assert.match(render.stderr, /pattern "ov\/\*\.overlay\.toml": .* is not read: it leads through a symbolic link/);
    for (const [name, text] of filesBelow(out)) assert.ok(!text.includes(SECRET), `${name} holds the secret`);
  });
});

describe('check on hostile trees: bounded walks and reads', () => {
  it('ends on two links l1 -> . and l2 -> . under base/comps, finding the component once', () => {
    const root = smallProject();
    fs.symlinkSync('.', path.join(root, 'base', 'comps', 'l1'));
    fs.symlinkSync('.', path.join(root, 'base', 'comps', 'l2'));
    const r = cli(['check'], root);
    assert.ok(!r.timedOut, 'check did not end');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stderr, /^2 files checked: 0 errors, 0 warnings(, \d+ information(, \d+ hints?)?)?$/m);
  });

  it('refuses a link to / under base/comps at the include, without walking the disk', () => {
    const root = smallProject();
    fs.symlinkSync('/', path.join(root, 'base', 'comps', 'root'));
    const r = cli(['check'], root);
    assert.ok(!r.timedOut, 'check did not end');
    assert.equal(r.code, 1);
    const lines = linesWithCode(r.stdout, 'path-outside-project');
    assert.equal(lines.length, 1, r.stdout);
    assert.match(lines[0] as string, /^azldev\.toml:1:13 .*base\/comps\/root is not read: it leads through a symbolic link to \/, outside the project/);
    assert.ok(r.ms < 15_000, `took ${r.ms} ms`);
  });

  it('never opens /dev/zero, literally or through a link in the tree', () => {
    const root = smallProject();
    fs.symlinkSync('/dev/zero', path.join(root, 'base', 'zero.toml'));
    setIncludes(root, ['/dev/zero', 'base/zero.toml']);
    const r = cli(['check'], root);
    assert.ok(!r.timedOut, 'check did not end');
    assert.deepEqual(linesWithCode(r.stdout, 'path-outside-project').map((l) => l.split(' ')[0]), ['azldev.toml:1:13', 'azldev.toml:1:25']);
    assert.match(r.stdout, /base\/zero\.toml is not read: it leads through a symbolic link to \/dev\/zero/);
  });

  it('never opens a FIFO: an error at its include instead of blocking forever', () => {
    const root = smallProject();
    execFileSync('mkfifo', [path.join(root, 'base', 'pipe.toml')]);
    setIncludes(root, ['base/pipe.toml']);
    const r = cli(['check'], root, {}, 20_000);
    assert.ok(!r.timedOut, 'check blocked on the FIFO');
    assert.equal(r.code, 1);
    const lines = linesWithCode(r.stdout, 'file-not-regular');
    assert.equal(lines.length, 1, r.stdout);
    assert.match(lines[0] as string, /^azldev\.toml:1:13 error file-not-regular Include 'base\/pipe\.toml': .*pipe\.toml is a FIFO \(named pipe\), not a regular file/);
  });

  it('reports a FIFO a glob include matches, at the include, instead of skipping it in silence', () => {
    const root = smallProject();
    execFileSync('mkfifo', [path.join(root, 'base', 'comps', 'a', 'pipe.comp.toml')]);
    const r = cli(['check'], root, {}, 20_000);
    assert.ok(!r.timedOut, 'check blocked on the FIFO');
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(linesWithCode(r.stdout, 'file-not-regular'), [
      "azldev.toml:1:13 error file-not-regular Include 'base/comps/**/*.comp.toml': base/comps/a/pipe.comp.toml is a FIFO (named pipe), not a regular file: it was not read (Distro TOML opens regular files only; azldev would open it and wait for a writer, without end)",
    ]);
    assert.ok(!r.stdout.includes(root), 'a machine path in the output');
  });

  it('reports a FIFO named on the command line at the file itself', () => {
    const root = smallProject();
    execFileSync('mkfifo', [path.join(root, 'base', 'comps', 'a', 'pipe.comp.toml')]);
    const r = cli(['check', 'base/comps/a/pipe.comp.toml'], root, {}, 20_000);
    assert.ok(!r.timedOut, 'check blocked on the FIFO');
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^base\/comps\/a\/pipe\.comp\.toml:1:1 error file-not-regular base\/comps\/a\/pipe\.comp\.toml is a FIFO \(named pipe\), not a regular file: it was not read/m);
    assert.ok(!r.stdout.includes(root), 'a machine path in the output');
  });

  it('reports a FIFO among the azldev files of a folder in no project, instead of leaving it out', () => {
    const dir = tempDir('distro-toml-loose-');
    fs.writeFileSync(path.join(dir, 'a.comp.toml'), '[components.a]\n');
    execFileSync('mkfifo', [path.join(dir, 'pipe.comp.toml')]);
    const r = cli(['check', '.'], dir, {}, 20_000);
    assert.ok(!r.timedOut, 'check blocked on the FIFO');
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^pipe\.comp\.toml:1:1 error file-not-regular pipe\.comp\.toml is a FIFO \(named pipe\), not a regular file: it was not read/m);
    assert.match(r.stderr, /^2 files checked/m);
  });

  it('reports a FIFO an overlay-files pattern matches, at the entry', () => {
    const root = smallProject({ 'base/comps/a/a.comp.toml': '[components.a]\nspec = { type = "local", path = "a.spec" }\noverlay-files = ["*.overlay.toml"]\n' });
    execFileSync('mkfifo', [path.join(root, 'base', 'comps', 'a', 'x.overlay.toml')]);
    const r = cli(['check'], root, {}, 20_000);
    assert.ok(!r.timedOut, 'check blocked on the FIFO');
    assert.equal(r.code, 1, r.stderr);
    const lines = linesWithCode(r.stdout, 'file-not-regular');
    assert.deepEqual(lines, [
      "base/comps/a/a.comp.toml:3:18 error file-not-regular overlay-files entry '*.overlay.toml': x.overlay.toml is a FIFO (named pipe), not a regular file: it was not read (Distro TOML opens regular files only; azldev would open it and wait for a writer, without end)",
    ]);
    assert.ok(!r.stdout.includes(root), 'a machine path in the output');
  });

  it('reports a local spec and an overlay source that are FIFOs at their values, where azldev would wait on them', () => {
    const root = smallProject({
      'base/comps/a/a.comp.toml': '[components.a]\nspec = { type = "local", path = "a.spec" }\n[[components.a.overlays]]\ntype = "file-add"\nfile = "x.conf"\nsource = "x.conf"\n',
    });
    fs.rmSync(path.join(root, 'base', 'comps', 'a', 'a.spec'));
    execFileSync('mkfifo', [path.join(root, 'base', 'comps', 'a', 'a.spec')]);
    execFileSync('mkfifo', [path.join(root, 'base', 'comps', 'a', 'x.conf')]);
    const r = cli(['check'], root, {}, 20_000);
    assert.ok(!r.timedOut, 'check blocked on a FIFO');
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(linesWithCode(r.stdout, 'file-not-regular'), [
      'base/comps/a/a.comp.toml:2:33 error file-not-regular local spec `a.spec` is a FIFO (named pipe), not a regular file: it was not read (Distro TOML opens regular files only; azldev would open it and wait for a writer, without end)',
      'base/comps/a/a.comp.toml:6:10 error file-not-regular overlay source file `x.conf` is a FIFO (named pipe), not a regular file: it was not read (Distro TOML opens regular files only; azldev would open it and wait for a writer, without end)',
    ]);
  });

  it('render says a local spec that is a FIFO was not read, rather than that there is none', () => {
    const root = smallProject();
    fs.rmSync(path.join(root, 'base', 'comps', 'a', 'a.spec'));
    execFileSync('mkfifo', [path.join(root, 'base', 'comps', 'a', 'a.spec')]);
    const r = cli(['render', 'a'], root, {}, 20_000);
    assert.ok(!r.timedOut, 'render blocked on the FIFO');
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /: a\.spec is a FIFO \(named pipe\), not a regular file: it was not read/);
  });

  it("names a component's missing local spec relative to the project in check's JSON (why it was not judged)", () => {
    const root = smallProject({ 'base/comps/c/c.comp.toml': '[components.c]\nspec = { type = "local", path = "c.spec" }\n[[components.c.overlays]]\ntype = "spec-add-tag"\ntag = "X"\nvalue = "1"\n' });
    const r = cli(['check', '--format', 'json'], root);
    const out = JSON.parse(r.stdout) as { overlays: { notJudgedComponents: { component: string; reason: string }[] } };
    assert.deepEqual(out.overlays.notJudgedComponents, [
      { component: 'c', reason: 'failed to find spec for component `c` in `base/comps/c`: no c.spec there (the local spec is base/comps/c/c.spec)' },
    ]);
    assert.ok(!r.stdout.includes(root), 'a machine path in the output');
  });

  it('names a missing local spec relative to the project, not by its absolute path', () => {
    const root = smallProject({ 'base/comps/a/a.comp.toml': '[components.a]\nspec = { type = "local", path = "gone.spec" }\n' });
    for (const format of ['text', 'github']) {
      const r = cli(['check', '--format', format], root);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stdout, /local spec `gone\.spec` does not exist \(looked for base\/comps\/a\/gone\.spec\)/, format);
      assert.ok(!r.stdout.includes(root), `${format}: a machine path in the output`);
    }
  });

  it('says a house rules file that is a FIFO was not read, instead of checking as if there were no rules', () => {
    const root = smallProject();
    execFileSync('mkfifo', [path.join(root, '.distro-toml.toml')]);
    const r = cli(['check'], root, {}, 20_000);
    assert.ok(!r.timedOut, 'check blocked on the FIFO');
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^\.distro-toml\.toml:1:1 error file-not-regular \.distro-toml\.toml is a FIFO \(named pipe\), not a regular file: it was not read/m);
  });

  it('render --out does not block on a FIFO in place of its manifest, and replaces it', () => {
    const root = smallProject();
    fs.mkdirSync(path.join(root, 'specs'));
    const manifest = path.join(root, 'specs', '.distro-toml-render.json');
    execFileSync('mkfifo', [manifest]);
    const r = cli(['render', 'a', '--out', 'specs'], root, {}, 20_000);
    assert.ok(!r.timedOut, 'render blocked on the FIFO');
    assert.equal(r.code, 0, r.stderr);
    assert.ok(fs.lstatSync(manifest).isFile());
    assert.ok((JSON.parse(fs.readFileSync(manifest, 'utf8')) as { components: Record<string, string[]> }).components.a?.includes('a.spec'));
  });

  it('says why a root azldev.toml that is a FIFO is not read, without blocking', () => {
    const root = smallProject();
    fs.rmSync(path.join(root, 'azldev.toml'));
    execFileSync('mkfifo', [path.join(root, 'azldev.toml')]);
    const r = cli(['check'], root, {}, 20_000);
    assert.ok(!r.timedOut, 'check blocked on the FIFO');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^azldev\.toml:1:1 error file-not-regular azldev\.toml is a FIFO \(named pipe\), not a regular file/m);
    assert.ok(!r.stdout.includes(root), 'a machine path in the output');
  });

  it('names a root azldev.toml over the size limit relative to the project, in every format', () => {
    const root = smallProject();
    const head = fs.readFileSync(path.join(root, 'azldev.toml'), 'utf8');
    fs.writeFileSync(path.join(root, 'azldev.toml'), head + '#'.repeat(9 * 1024 * 1024) + '\n');
    for (const format of ['text', 'json', 'sarif', 'github']) {
      const r = cli(['check', '--format', format], root);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stdout, /azldev\.toml is 9\.0 MiB, over the 8\.0 MiB limit for one file/, format);
      // SARIF names the run's folder as its base URI, by design; no finding names it.
      const shown = format === 'sarif' ? r.stdout.replace(/"uri": "file:\/\/[^"]*"/g, '') : r.stdout;
      assert.ok(!shown.includes(root), `${format}: a machine path in the output`);
    }
  });

  it('refuses a 50 MB file at its include, over the 8 MiB limit', () => {
    const root = smallProject();
    const line = 'k = [' + '1, '.repeat(30) + '1]\n';
    fs.writeFileSync(path.join(root, 'base', 'comps', 'a', 'big.comp.toml'), '[components.big]\n' + line.repeat(Math.ceil((50 * 1024 * 1024) / line.length)));
    const r = cli(['check'], root);
    assert.ok(!r.timedOut, 'check did not end');
    assert.equal(r.code, 1, r.stderr);
    const lines = linesWithCode(r.stdout, 'file-too-large');
    assert.equal(lines.length, 1, r.stdout);
    // Matched by the include, so not "a file nothing includes" as well.
    assert.match(r.stderr, /^2 files checked: 1 error, 0 warnings(, \d+ information(, \d+ hints?)?)?$/m);
    assert.match(lines[0] as string, /^azldev\.toml:1:13 error file-too-large Include 'base\/comps\/\*\*\/\*\.comp\.toml': base\/comps\/a\/big\.comp\.toml is 50\.0 MiB, over the 8\.0 MiB limit for one file/);
    assert.ok(!r.stdout.includes(root), 'a machine path in the output');
  });

  it('walks a chain of 20,000 files, each including the next, without running out of stack', () => {
    const root = smallProject();
    const n = 20_000;
    setIncludes(root, ['chain/c0.toml', 'base/comps/**/*.comp.toml']);
    fs.mkdirSync(path.join(root, 'chain'));
    for (let i = 0; i < n; i++) fs.writeFileSync(path.join(root, 'chain', `c${i}.toml`), i + 1 < n ? `includes = ["c${i + 1}.toml"]\n` : '');
    const r = cli(['check'], root);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`^${n + 2} files checked: 0 errors, 0 warnings(, \\d+ information(, \\d+ hints?)?)?$`, 'm'));
  });

  it('reports the first 1000 of 130,000 findings in one file and a summary, instead of overflowing the stack', () => {
    const root = smallProject();
    fs.writeFileSync(path.join(root, 'base', 'comps', 'a', 'many.comp.toml'), '[components.many]\n' + '@\n'.repeat(130_000));
    const r = cli(['check'], root);
    assert.equal(r.code, 1, r.stderr);
    const mine = r.stdout.split('\n').filter((l) => l.startsWith('base/comps/a/many.comp.toml:'));
    assert.equal(mine.length, 1001);
    assert.match(mine[1000] as string, /too-many-diagnostics 129000 more findings in this file \(129000 errors\) are not shown: only the first 1000/);
  });
});

describe('check on a hostile copy of the real tree', () => {
  it('reports a component file that includes its whole folder again as one finding per include entry, not one per file', (t) => {
    const root = tempDir('distro-toml-corpus-');
    fs.cpSync(CORPUS_ROOT, root, { recursive: true });
    // The shared corpus is read-only, and so is its copy until made writable.
    execFileSync('chmod', ['-R', 'u+w', root]);
    t.after(() => fs.rmSync(root, { recursive: true, force: true }));
    const comps = path.join(root, 'base', 'comps');
    const jss = path.join(comps, 'jss', 'jss.comp.toml');
    fs.writeFileSync(jss, 'includes = ["../**/*.comp.toml"]\n' + fs.readFileSync(jss, 'utf8'));
    const compFiles = [...filesBelow(comps).keys()].filter((f) => f.endsWith('.comp.toml'));
    const r = cli(['check'], root, {}, 120_000);
    assert.ok(!r.timedOut, 'check did not end');
    const repeated = linesWithCode(r.stdout, 'include-repeated');
    const cycles = linesWithCode(r.stdout, 'include-cycle');
    // jss's entry reaches the files walked before it again; the files it walked first are reached again by
    // components.toml's `**/*.comp.toml` after it: two entries, two findings, and jss itself is the cycle.
    assert.deepEqual(repeated.map((l) => l.split(' ')[0]), ['base/comps/components.toml:1:13', 'base/comps/jss/jss.comp.toml:1:13'], r.stdout);
    assert.deepEqual(cycles.map((l) => l.split(' ')[0]), ['base/comps/jss/jss.comp.toml:1:13']);
    const counts = repeated.map((l) => Number(/reaches (\d+) files that are already included elsewhere: '[^']+', '[^']+', '[^']+' and \d+ more;/.exec(l)?.[1]));
    assert.equal(counts[0]! + counts[1]!, compFiles.length - 1, repeated.join('\n'));
    assert.ok(!r.stdout.includes(root), 'a machine path in the output');
  });
});
