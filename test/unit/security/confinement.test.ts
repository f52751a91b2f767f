// The confinement layer and the bounded disk reads on real files: which paths may be read (as written and
// with links resolved), a confined view that lists each real directory once and records what it refused,
// a disk that opens regular files only and none over the size limit, and lists of any length appended
// without a call spread.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { appendAll } from '../../../server/src/core/appendAll';
import { checkConfined, confineFileSystem, isWithin } from '../../../server/src/core/confinement';
import { capFileDiagnostics } from '../../../server/src/core/diagnosticCap';
import type { CoreDiagnostic } from '../../../server/src/core/diagnostics';
import { diskFileSystem, MAX_FILE_BYTES } from '../../../server/src/core/fs';
import { confinedGlob } from '../../../server/src/core/project/confinedGlob';
import { directorySource } from '../../../server/src/core/render/specInput';
import { SpecEditor } from '../../../server/src/core/spec';
import { readSpecFromCheckout } from '../../../server/src/core/upstream/distGit';
import { explainUnreadable } from '../../../server/src/core/unreadableFile';
import { tempProject } from '../../support/paths';

function tree(): { root: string; outside: string } {
  const root = tempProject({ 'comps/a/a.comp.toml': '[components.a]\n', 'comps/a/a.spec': 'Name: a\n', 'notes.txt': 'n\n' });
  const outside = tempProject({ 'secret.txt': 'secret\n', 'd/x.comp.toml': '[components.x]\n' });
  return { root, outside };
}

describe('checkConfined', () => {
  it('admits paths under the root, written or reached through a link that stays inside', () => {
    const { root } = tree();
    fs.symlinkSync('../notes.txt', path.join(root, 'comps', 'notes-link.txt'));
    assert.deepEqual(checkConfined(diskFileSystem, [root], path.join(root, 'comps/a/a.spec')), { ok: true });
    assert.deepEqual(checkConfined(diskFileSystem, [root], path.join(root, 'comps/notes-link.txt')), { ok: true });
    // Not there: judged as written (the not-found rules speak about it).
    assert.deepEqual(checkConfined(diskFileSystem, [root], path.join(root, 'comps/missing.toml')), { ok: true });
    assert.deepEqual(checkConfined(diskFileSystem, [root], root), { ok: true });
  });

  it('refuses ../, absolute paths elsewhere, and links that lead out', () => {
    const { root, outside } = tree();
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'comps', 'leak.txt'));
    fs.symlinkSync(outside, path.join(root, 'comps', 'away'));
    const reasons = [path.join(root, '..', path.basename(outside), 'secret.txt'), '/etc/passwd', path.join(root, 'comps/leak.txt'), path.join(root, 'comps/away/d/x.comp.toml')].map((p) => {
      const v = checkConfined(diskFileSystem, [root], p);
      return v.ok ? 'ok' : v.reason;
    });
    assert.equal(reasons[0], 'lies outside the project');
    assert.equal(reasons[1], 'lies outside the project');
    assert.equal(reasons[2], `leads through a symbolic link to ${fs.realpathSync(path.join(outside, 'secret.txt'))}, outside the project`);
    assert.match(reasons[3] as string, /^leads through a symbolic link to .*\/d\/x\.comp\.toml, outside the project/);
  });

  it('does not take a sibling with a common prefix for a subdirectory', () => {
    assert.equal(isWithin('/p/proj', '/p/proj2/x'), false);
    assert.equal(isWithin('/p/proj', '/p/proj/x/../y'), true);
    assert.equal(isWithin('/p/proj', '/p/proj/../x'), false);
  });
});

describe('confined view of the disk', () => {
  it('walks each real directory once: two links to . end, and the component is found once', () => {
    const { root } = tree();
    fs.symlinkSync('.', path.join(root, 'comps', 'l1'));
    fs.symlinkSync('.', path.join(root, 'comps', 'l2'));
    const glob = confinedGlob(diskFileSystem, [root]);
    const pattern = path.join(root, 'comps/**/*.comp.toml');
    assert.deepEqual(glob.expand(pattern), [path.join(root, 'comps/a/a.comp.toml')]);
    assert.deepEqual(glob.refusalsOf(pattern), []);
  });

  it('refuses a link to / once, as the walk reaches it, and lists nothing behind it', () => {
    const { root } = tree();
    fs.symlinkSync('/', path.join(root, 'comps', 'root'));
    const view = confineFileSystem(diskFileSystem, [root]);
    assert.deepEqual(view.fs.readDirectory(path.join(root, 'comps', 'root')), []);
    assert.deepEqual(view.fs.readDirectory(path.join(root, 'comps', 'root')), []);
    assert.equal(view.fs.readFile('/etc/hostname'), undefined);
    assert.deepEqual(view.refusals, [
      { path: path.join(root, 'comps', 'root'), reason: `leads through a symbolic link to /, outside the project` },
      { path: '/etc/hostname', reason: 'lies outside the project' },
    ]);
    // A path that does not exist is absent, not refused.
    assert.equal(view.fs.exists('/no/such/file'), false);
    assert.equal(view.refusals.length, 2);
  });
});

describe('bounded disk reads', () => {
  it('never opens a FIFO or a device, and says what they are', () => {
    const { root } = tree();
    const fifo = path.join(root, 'pipe.toml');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    assert.equal(diskFileSystem.readFile(fifo), undefined);
    assert.equal(diskFileSystem.readFile('/dev/zero'), undefined);
    assert.ok(Date.now() - started < 2000);
    assert.equal(diskFileSystem.stat?.(fifo)?.kind, 'fifo');
    assert.equal(diskFileSystem.stat?.('/dev/zero')?.kind, 'device');
    assert.deepEqual(explainUnreadable(diskFileSystem, fifo), { code: 'file-not-regular', message: 'is a FIFO (named pipe), not a regular file: it was not read (Distro TOML opens regular files only; azldev would open it and wait for a writer, without end)' });
    assert.equal(explainUnreadable(diskFileSystem, '/dev/zero').code, 'file-not-regular');
    assert.equal(explainUnreadable(diskFileSystem, path.join(root, 'missing')).code, 'file-unreadable');
  });

  it('reads a file of exactly 8 MiB and refuses one byte more', () => {
    const { root } = tree();
    const file = path.join(root, 'big.toml');
    fs.writeFileSync(file, Buffer.alloc(MAX_FILE_BYTES, 0x23));
    assert.equal(diskFileSystem.readFile(file)?.length, MAX_FILE_BYTES);
    fs.appendFileSync(file, '#');
    assert.equal(diskFileSystem.readFile(file), undefined);
    assert.deepEqual(explainUnreadable(diskFileSystem, file), { code: 'file-too-large', message: 'is 8.0 MiB, over the 8.0 MiB limit for one file; it is not read' });
  });

  it("reads a spec tree's files only inside the tree: a link out (a dist-git `leak -> /etc/passwd`) and ../ names read nothing", () => {
    const { root, outside } = tree();
    const dir = path.join(root, 'comps', 'a');
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'leak'));
    fs.symlinkSync('/etc/passwd', path.join(dir, 'passwd'));
    const source = directorySource(dir, 'a.spec');
    assert.deepEqual(source.list(), ['a.comp.toml']);
    assert.equal(new TextDecoder().decode(source.read('a.comp.toml')), '[components.a]\n');
    assert.equal(source.read('leak'), undefined);
    assert.equal(source.read('passwd'), undefined);
    assert.equal(source.read('../../notes.txt'), undefined);
    assert.equal(source.read('/etc/passwd'), undefined);
  });

  it('does not read an upstream spec that is a link out of its dist-git tree', async () => {
    const { root, outside } = tree();
    const dir = path.join(root, 'comps', 'a');
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'leaky.spec'));
    const leaky = await readSpecFromCheckout(dir, 'leaky');
    assert.equal(leaky.ok, false);
    assert.ok(!JSON.stringify(leaky).includes('secret\\n'));
    const a = await readSpecFromCheckout(dir, 'a');
    assert.deepEqual(a, { ok: true, path: path.join(dir, 'a.spec'), text: 'Name: a\n' });
  });
});

describe('lists of any length', () => {
  const diag = (i: number, severity: CoreDiagnostic['severity'] = 'error'): CoreDiagnostic => ({ file: '/f.toml', span: { start: i, end: i + 1 }, severity, code: 'toml-syntax', message: `m${i}` });

  it('keeps the first findings of a file and sums up the rest', () => {
    const list = [diag(0), diag(1), diag(2, 'warning'), diag(3), diag(4, 'warning')];
    const capped = capFileDiagnostics('/f.toml', list, 2);
    assert.deepEqual(capped.slice(0, 2), list.slice(0, 2));
    assert.equal(capped.length, 3);
    assert.deepEqual({ ...capped[2], message: undefined }, { file: '/f.toml', span: { start: 2, end: 3 }, severity: 'error', code: 'too-many-diagnostics', message: undefined, data: { shown: 2, total: 5 } });
    assert.match(capped[2]?.message ?? '', /^3 more findings in this file \(1 error\) are not shown: only the first 2 of a file are reported/);
    assert.equal(capFileDiagnostics('/f.toml', list, 5), list);
  });

  it('appends and inserts 300,000 items without overflowing the stack', () => {
    const many = Array.from({ length: 300_000 }, (_, i) => i);
    assert.equal(appendAll([1], many).length, 300_001);
    const spec = new SpecEditor('Name: a\n%description\nx\n');
    spec.insertLines(1, many.map(String));
    assert.equal(spec.lineCount, 300_003);
    assert.equal(spec.lineAt(300_001), '%description');
  });
});
