// The server's answers about the disk are kept for one turn of the event loop only: asked again in the same
// synchronous run, the disk is not asked again; in the next turn (the next message), it is.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { memoForTurn } from '../../../server/src/turnMemo';
import { tempDir } from '../../support/paths';

test('an answer is kept for the rest of the turn and asked again in the next', async () => {
  const dir = tempDir('distro-toml-turnmemo-');
  const file = path.join(dir, 'azldev.toml');
  let asked = 0;
  const exists = memoForTurn((p) => {
    asked++;
    return fs.existsSync(p);
  });
  assert.equal(exists(file), false);
  fs.writeFileSync(file, '');
  // Same turn: the first answer, without asking the disk.
  assert.equal(exists(file), false);
  assert.equal(asked, 1);
  await new Promise((resolve) => setImmediate(resolve));
  // A later turn sees the file.
  assert.equal(exists(file), true);
  assert.equal(asked, 2);
  fs.rmSync(file);
  await Promise.resolve();
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(exists(file), false, 'forgotten again after the turn');
  assert.equal(asked, 3);
  fs.rmSync(dir, { recursive: true });
});
