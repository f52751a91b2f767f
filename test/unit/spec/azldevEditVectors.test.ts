// azldev's own edit vectors (internal/rpm/spec/edit_test.go, table-driven cases transcribed to
// fixtures/azldev-edit-vectors.json) run against our edit primitives: same input, same output, same refusals.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
  addTag, hasSection, highestPatchTagNumber, insertTag, removePatchEntry, removeSection, removeSubpackage, removeTag,
  setTag, SpecEditor, updateExistingTag, type SpecEditResult,
} from '../../../server/src/core/spec';
import { REPO_ROOT } from './corpus';

interface Vector {
  name: string;
  input: string;
  expectedOutput?: string;
  expectedFailure?: boolean;
  errorExpected?: boolean;
  errorContains?: string;
  packageName?: string;
  sectionName?: string;
  tag?: string;
  value?: string;
  pattern?: string;
  expected?: boolean | number;
}

const vectors = JSON.parse(readFileSync(path.join(REPO_ROOT, 'test', 'unit', 'spec', 'fixtures', 'azldev-edit-vectors.json'), 'utf8')) as Record<string, Vector[]>;

function table(name: string): Vector[] {
  const rows = vectors[name];
  assert.ok(rows !== undefined && rows.length > 0, name);
  return rows;
}

/** Runs one edit vector: a failure must be a failure (mentioning errorContains), a success must match byte for byte. */
function check(v: Vector, edit: (editor: SpecEditor) => SpecEditResult): void {
  const editor = new SpecEditor(v.input);
  const result = edit(editor);
  if (v.expectedFailure === true || v.errorExpected === true) {
    assert.equal(result.ok, false, 'expected the edit to fail');
    if (!result.ok && v.errorContains !== undefined) assert.ok(result.error.message.includes(v.errorContains), result.error.message);
    return;
  }
  assert.deepEqual(result, { ok: true });
  assert.equal(editor.toAzldevText(), v.expectedOutput ?? '');
}

const tagEdits: [string, typeof setTag][] = [
  ['TestSetTag', setTag], ['TestUpdateTag', updateExistingTag], ['TestRemoveTag', removeTag], ['TestAddTag', addTag], ['TestInsertTag', insertTag],
];
for (const [name, edit] of tagEdits) {
  describe(name, () => {
    for (const v of table(name)) test(v.name, () => check(v, (e) => edit(e, v.packageName ?? '', v.tag ?? '', v.value ?? '')));
  });
}

describe('TestRemoveSection', () => {
  for (const v of table('TestRemoveSection')) test(v.name, () => check(v, (e) => removeSection(e, v.sectionName ?? '', v.packageName ?? '')));
});

describe('TestRemoveSubpackage', () => {
  for (const v of table('TestRemoveSubpackage')) test(v.name, () => check(v, (e) => removeSubpackage(e, v.packageName ?? '')));
});

describe('TestRemovePatchEntry', () => {
  for (const v of table('TestRemovePatchEntry')) test(v.name, () => check(v, (e) => removePatchEntry(e, v.pattern ?? '')));
});

describe('TestHasSection', () => {
  for (const v of table('TestHasSection')) test(v.name, () => assert.equal(hasSection(new SpecEditor(v.input), v.sectionName ?? ''), v.expected));
});

describe('TestGetHighestPatchTagNumber', () => {
  for (const v of table('TestGetHighestPatchTagNumber')) test(v.name, () => assert.equal(highestPatchTagNumber(new SpecEditor(v.input)), v.expected));
});
