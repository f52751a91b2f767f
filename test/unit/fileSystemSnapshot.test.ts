// The file-system view a batch check reads through: on a real directory, it answers as the disk does, asks the
// disk each question about the tree's shape once, hands out listings the caller may change without changing
// later answers, and always reads file contents afresh.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { fileSystemSnapshot } from '../../server/src/core/fileSystemSnapshot';
import { diskFileSystem, type FileSystem } from '../../server/src/core/fs';
import { tempProject } from '../support/paths';

/** The disk, counting the questions asked of it. */
function counting(): { fs: FileSystem; asked: Map<string, number> } {
  const asked = new Map<string, number>();
  const count = <A extends unknown[], R>(name: string, f: (...a: A) => R) => (...a: A): R => {
    asked.set(name, (asked.get(name) ?? 0) + 1);
    return f(...a);
  };
  const d = diskFileSystem;
  return {
    asked,
    fs: {
      readFile: count('readFile', (p: string) => d.readFile(p)),
      exists: count('exists', (p: string) => d.exists(p)),
      isDirectory: count('isDirectory', (p: string) => d.isDirectory(p)),
      readDirectory: count('readDirectory', (p: string) => d.readDirectory(p)),
      realPath: count('realPath', (p: string) => d.realPath?.(p)),
      stat: count('stat', (p: string) => d.stat?.(p)),
    },
  };
}

test('answers as the disk does, asking it once per question about the shape of the tree', () => {
  const dir = tempProject({ 'a.toml': 'x = 1\n', 'sub/b.toml': 'y = 2\n' });
  fs.symlinkSync(path.join(dir, 'sub'), path.join(dir, 'link'));
  const inner = counting();
  const snap = fileSystemSnapshot(inner.fs);
  const paths = [dir, path.join(dir, 'a.toml'), path.join(dir, 'sub'), path.join(dir, 'link'), path.join(dir, 'link', 'b.toml'), path.join(dir, 'missing')];
  for (let round = 0; round < 3; round++) {
    for (const p of paths) {
      assert.equal(snap.exists(p), diskFileSystem.exists(p), p);
      assert.equal(snap.isDirectory(p), diskFileSystem.isDirectory(p), p);
      assert.deepEqual(snap.readDirectory(p), diskFileSystem.readDirectory(p), p);
      assert.equal(snap.realPath?.(p), diskFileSystem.realPath?.(p), p);
      assert.deepEqual(snap.stat?.(p), diskFileSystem.stat?.(p), p);
    }
  }
  for (const q of ['exists', 'isDirectory', 'readDirectory', 'realPath', 'stat']) assert.equal(inner.asked.get(q), paths.length, q);
  assert.equal(snap.realPath?.(path.join(dir, 'link', 'b.toml')), path.join(fs.realpathSync(dir), 'sub', 'b.toml'));
});

test('a listing handed out may be changed by its caller; file contents are read afresh', () => {
  const dir = tempProject({ 'a.toml': 'x = 1\n', 'b.toml': 'y = 2\n' });
  const snap = fileSystemSnapshot(diskFileSystem);
  const first = snap.readDirectory(dir);
  assert.deepEqual(first.map((e) => e.name).sort(), ['a.toml', 'b.toml']);
  first.length = 0;
  assert.deepEqual(snap.readDirectory(dir).map((e) => e.name).sort(), ['a.toml', 'b.toml']);
  assert.equal(snap.readFile(path.join(dir, 'a.toml')), 'x = 1\n');
  fs.writeFileSync(path.join(dir, 'a.toml'), 'x = 2\n');
  assert.equal(snap.readFile(path.join(dir, 'a.toml')), 'x = 2\n');
});
