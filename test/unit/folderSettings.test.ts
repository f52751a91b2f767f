import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { folderOf } from '../../server/src/core/folderSettings';

test('folderOf: the innermost folder holding the file, on path boundaries', () => {
  const root = path.resolve('/w');
  const folders = [path.join(root, 'a'), path.join(root, 'a', 'inner'), path.join(root, 'ab')];
  assert.equal(folderOf(folders, path.join(root, 'a', 'x.toml')), path.join(root, 'a'));
  assert.equal(folderOf(folders, path.join(root, 'a', 'inner', 'y', 'x.toml')), path.join(root, 'a', 'inner'));
  assert.equal(folderOf(folders, path.join(root, 'ab', 'x.toml')), path.join(root, 'ab'));
  assert.equal(folderOf(folders, path.join(root, 'abc', 'x.toml')), undefined);
  assert.equal(folderOf(folders, path.join(root, 'a')), path.join(root, 'a'));
  assert.equal(folderOf([], path.join(root, 'a')), undefined);
});
