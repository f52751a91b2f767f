// Hostile trees against `distro-toml render --out` and `check`: a component name or an overlay `file` that climbs
// out with `../` must neither delete nor write anything outside the output folder, and check must call it an error.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { runRenderCli } from '../../../server/src/cliRender';
import { runCheck } from '../../../server/src/cliCheck';
import { SCHEMAS_DIR, tempDir } from '../../support/paths';

const SPEC = 'Name: demo\nVersion: 1\nRelease: 1%{?dist}\nSummary: d\nLicense: MIT\n\n%description\nd\n\n%files\n\n%changelog\n';

const bases: string[] = [];
after(() => bases.forEach((b) => fs.rmSync(b, { recursive: true, force: true })));

/** base/proj holds the project; base/victim/precious is what must survive. */
function hostileBase(files: Record<string, string>): { base: string; proj: string; precious: string } {
  const base = tempDir('distro-toml-hostile-');
  bases.push(base);
  const proj = path.join(base, 'proj');
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(proj, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
  const precious = path.join(base, 'victim', 'precious');
  fs.mkdirSync(path.dirname(precious), { recursive: true });
  fs.writeFileSync(precious, 'keep me\n');
  return { base, proj, precious };
}

/** Every file and link below `dir`, relative, sorted. */
function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, prefix: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name), prefix + e.name + '/');
      else out.push(prefix + e.name);
    }
  };
  walk(dir, '');
  return out.sort();
}

async function render(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await runRenderCli(args, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), releaseHistory: async () => ({ ok: true, commits: 0 }) });
  return { code, stdout, stderr };
}

function check(dir: string) {
  // An upstream cache that does not exist: only what the tree itself holds is read.
  return runCheck({ paths: [dir], format: 'text', schema: 'bundled', cwd: dir, bundledSchemaDir: SCHEMAS_DIR, upstreamCacheDir: path.join(dir, '.no-upstream-cache') });
}

describe('render --out on hostile trees', () => {
  test('a component named "../../victim" deletes and writes nothing outside --out, and check reports the name', async () => {
    const { base, proj, precious } = hostileBase({
      'azldev.toml': '[components."../../victim"]\nspec = { type = "local", path = "a/b/demo.spec" }\n',
      // The local spec is `<name>.spec` beside `path`: a/b/../../victim.spec.
      'victim.spec': SPEC,
      'a/b/demo.spec': SPEC,
    });
    const before = listing(base);
    const r = await render(['../../victim', '--out', 'specs'], proj);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /invalid component name for rendered spec dir:\nfilename `\.\.\/\.\.\/victim` must be a simple filename without directory components/);
    assert.equal(fs.readFileSync(precious, 'utf8'), 'keep me\n');
    assert.deepEqual(listing(base), before, 'nothing written or deleted anywhere');

    const c = await check(proj);
    const named = c.diagnostics.filter((d) => d.code === 'component-name-invalid');
    assert.equal(named.length, 1, c.stdout);
    assert.equal(named[0]?.severity, 'error');
    assert.match(named[0]?.message ?? '', /component name `\.\.\/\.\.\/victim`.*must be a simple filename without directory components/s);
    const text = fs.readFileSync(path.join(proj, 'azldev.toml'), 'utf8');
    assert.equal(text.slice(named[0]?.span.start, named[0]?.span.end), '"../../victim"');
    assert.equal(c.exitCode, 1);
  });

  test('a file-add whose file climbs out with ../ fails its overlay and writes nothing outside --out', async () => {
    const { base, proj } = hostileBase({
      'azldev.toml':
        '[components.demo]\nspec = { type = "local", path = "demo/demo.spec" }\n' +
        '[[components.demo.overlays]]\ntype = "file-add"\nfile = "../../../../escaped"\nsource = "demo/payload"\n',
      // Referenced by the spec, so the render keeps the file (pruning would otherwise hide the write).
      'demo/demo.spec': SPEC.replace('License: MIT\n', 'License: MIT\nSource1: ../../../../escaped\n'),
      'demo/payload': 'pwned\n',
    });
    const r = await render(['demo', '--out', 'specs'], proj);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /overlay \d+ \(file-add\).*`\.\.\/\.\.\/\.\.\/\.\.\/escaped`.*path escapes from parent/s);
    assert.equal(fs.existsSync(path.join(base, 'escaped')), false);
    for (const f of listing(base)) assert.ok(!f.endsWith('escaped'), f);

    const c = await check(proj);
    const d = c.diagnostics.find((x) => x.code === 'overlay-file-escapes');
    assert.ok(d, c.stdout);
    assert.equal(d.severity, 'error');
    const text = fs.readFileSync(path.join(proj, 'azldev.toml'), 'utf8');
    assert.equal(text.slice(d.span.start, d.span.end), '"../../../../escaped"');
  });
});

describe('render --out deletes only what it wrote', () => {
  function demo(overlays: string, extra: Record<string, string> = {}) {
    return hostileBase({
      'azldev.toml': `[components.demo]\nspec = { type = "local", path = "demo/demo.spec" }\n${overlays}`,
      'demo/demo.spec': SPEC.replace('License: MIT\n', 'License: MIT\nSource1: a.conf\nSource2: b.conf\n'),
      'demo/a.conf': 'a\n',
      ...extra,
    });
  }
  const compDir = (proj: string) => path.join(proj, 'specs', 'd', 'demo');

  test('a re-render removes the files the earlier render wrote and no longer writes, and keeps foreign ones', async () => {
    const { proj } = demo('', { 'demo/b.conf': 'b\n' });
    assert.equal((await render(['demo', '--out', 'specs'], proj)).code, 0);
    assert.deepEqual(listing(compDir(proj)), ['a.conf', 'b.conf', 'demo.spec']);
    fs.writeFileSync(path.join(compDir(proj), 'mine.txt'), 'user file\n');
    fs.rmSync(path.join(proj, 'demo', 'b.conf'));
    const r = await render(['demo', '--out', 'specs'], proj);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(listing(compDir(proj)), ['a.conf', 'demo.spec', 'mine.txt']);
    assert.match(r.stderr, /kept 1 file\(s\) there that distro-toml did not write: mine\.txt/);
  });

  test('a directory it did not write is never emptied: without a manifest nothing is deleted', async () => {
    const { proj } = demo('');
    fs.mkdirSync(compDir(proj), { recursive: true });
    fs.writeFileSync(path.join(compDir(proj), 'stale.patch'), 'old\n');
    const r = await render(['demo', '--out', 'specs'], proj);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(listing(compDir(proj)), ['a.conf', 'demo.spec', 'stale.patch']);
  });

  test('a symbolic link below --out is refused, not followed', async () => {
    const { base, proj, precious } = demo('');
    fs.mkdirSync(path.join(proj, 'specs'), { recursive: true });
    fs.symlinkSync(path.join(base, 'victim'), path.join(proj, 'specs', 'd'));
    const before = listing(path.join(base, 'victim'));
    const r = await render(['demo', '--out', 'specs'], proj);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /demo: nothing written: .*specs\/d is a symbolic link; render --out writes only into real directories/);
    assert.deepEqual(listing(path.join(base, 'victim')), before);
    assert.equal(fs.readFileSync(precious, 'utf8'), 'keep me\n');
  });

  test('a hard link in the component directory is replaced, not written through', async () => {
    const { proj, precious } = demo('');
    fs.mkdirSync(compDir(proj), { recursive: true });
    fs.linkSync(precious, path.join(compDir(proj), 'a.conf'));
    const r = await render(['demo', '--out', 'specs'], proj);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(fs.readFileSync(precious, 'utf8'), 'keep me\n');
    assert.equal(fs.readFileSync(path.join(compDir(proj), 'a.conf'), 'utf8'), 'a\n');
  });

  test('a manifest naming files outside the component directory deletes nothing outside it', async () => {
    const { base, proj, precious } = demo('');
    fs.mkdirSync(path.join(proj, 'specs'), { recursive: true });
    fs.writeFileSync(path.join(proj, 'specs', '.distro-toml-render.json'), JSON.stringify({ version: 1, components: { demo: ['../../../../victim/precious', '/etc/hostname'] } }));
    const r = await render(['demo', '--out', 'specs'], proj);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(fs.readFileSync(precious, 'utf8'), 'keep me\n');
    assert.ok(fs.existsSync(path.join(base, 'victim', 'precious')));
  });

  test('a file-rename to `..` fails its overlay instead of naming a directory', async () => {
    const { proj } = demo('[[components.demo.overlays]]\ntype = "file-rename"\nfile = "a.conf"\nreplacement = ".."\n');
    const r = await render(['demo', '--out', 'specs'], proj);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /overlay \d+ \(file-rename\).*failed to rename file `\/a\.conf` to `\/\.\.`:\nrename: `\.\.` is not a file name/s);
    const c = await check(proj);
    // The name is refused where it is written, and — the spec being at hand — the render fails at the overlay too.
    assert.deepEqual(c.diagnostics.filter((d) => d.severity === 'error' && d.code.startsWith('overlay-')).map((d) => d.code).sort(), ['overlay-does-not-apply', 'overlay-replacement-not-filename']);
  });
});
