// readTreeText (core/treeRead.ts) keeps each spec's decoded text with the bytes it came from: a spec read again
// unchanged gives the same string, and a spec changed on disk in any way (bytes changed in place at the same size,
// grown, shrunk, a multi-byte character split or joined, emptied) gives what a fresh decode gives. Random edits of
// a copy of the real tree's kernel.spec, read after each, against Buffer.toString of the file's bytes.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { readTreeText } from '../../../server/src/core/treeRead';
import { CORPUS_ROOT, tempProject } from '../../support/paths';
import { prng } from '../../support/prng';

const KERNEL_SPEC = path.join(CORPUS_ROOT, '..', 'rendered-specs', 'k', 'kernel', 'kernel.spec');
const dirs: string[] = [];
after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

test('a spec read again is decoded again exactly when its bytes changed', () => {
  const dir = tempProject({ 'kernel.spec': fs.readFileSync(KERNEL_SPEC, 'utf8'), 'other.spec': 'Name: other\n' });
  dirs.push(dir);
  const file = path.join(dir, 'kernel.spec');
  const rand = prng(15);
  const first = readTreeText(dir, 'kernel.spec');
  assert.equal(readTreeText(dir, 'kernel.spec'), first);
  let kept = 0;
  for (let step = 0; step < 120; step++) {
    let bytes = fs.readFileSync(file);
    const at = Math.floor(rand() * bytes.length);
    const kind = Math.floor(rand() * 6);
    const before = bytes;
    if (kind === 0) bytes = Buffer.from(bytes); // rewritten unchanged
    else if (kind === 1) bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([0x61 + Math.floor(rand() * 26)]), bytes.subarray(at + 1)]); // same size
    else if (kind === 2) bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from('é€x'), bytes.subarray(at)]);
    else if (kind === 3) bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1 + Math.floor(rand() * 3))]); // may split a character
    else if (kind === 4) bytes = step % 40 === 4 ? Buffer.alloc(0) : Buffer.concat([bytes, Buffer.from([0xc3])]); // emptied, or a dangling lead byte
    else readTreeText(dir, 'other.spec'); // another spec read in between
    fs.writeFileSync(file, bytes);
    const text = readTreeText(dir, 'kernel.spec');
    assert.equal(text, bytes.toString('utf8'), `step ${step} (kind ${kind})`);
    if (before.equals(bytes)) kept++;
    if (bytes.length === 0) fs.writeFileSync(file, fs.readFileSync(KERNEL_SPEC));
  }
  assert.ok(kept > 0, 'some reads found the bytes unchanged');
});
