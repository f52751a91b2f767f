// A big file read in steps (DocumentCache.getStepwise, which the include walk uses: the start-up scan parses
// sdk.packages.toml across several turns) is cached as parseToml's document, and an edit or a change on disk during
// its pauses never leaves a stale or mixed parse: the buffer's document, or the new text read again, wins. The project
// model loaded in steps with such an edit in the middle equals a fresh service's.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DocumentCache, PARSE_STEP_CHARS } from '../../../server/src/core/documentCache';
import { memoryFileSystem, type FileSystem } from '../../../server/src/core/fs';
import { parseToml, parseTomlStepwise } from '../../../server/src/core/toml';
import { memoryService } from '../../support/memoryService';
import { CORPUS_ROOT } from '../../support/paths';

const SDK = readFileSync(path.join(CORPUS_ROOT, 'base/packages/sdk.packages.toml'), 'utf8');
const FILE = '/p/sdk.packages.toml';
/** The text with one package renamed, near the end (so a parse of the old text would differ there). */
const EDITED = SDK.replace('"zypper-log",', '"zypper-log-edited",');

/** A file system over a map the test changes (a file changed on disk). */
function changingFs(files: Record<string, string>): { fs: FileSystem; files: Record<string, string> } {
  const fs: FileSystem = { ...memoryFileSystem(files), readFile: (p) => files[p] };
  return { fs, files };
}

/** Runs a read in steps to its end, calling `during(k)` at each pause k; the entry and the number of pauses. */
function drive<T>(steps: Generator<void, T, void>, during: (pause: number) => void = () => undefined): { value: T; pauses: number } {
  let pauses = 0;
  for (let next = steps.next(); ; next = steps.next()) {
    if (next.done) return { value: next.value, pauses };
    during(pauses++);
  }
}

describe('a file read in steps (DocumentCache.getStepwise)', () => {
  it('is parsed in steps of PARSE_STEP_CHARS and cached as parseToml gives it', () => {
    const { fs } = changingFs({ [FILE]: SDK });
    const cache = new DocumentCache(fs);
    const generation = cache.generation;
    const { value, pauses } = drive(cache.getStepwise(FILE));
    // A pause after the read (reading and decoding the file is a step of its own), then the parse's.
    const parse = parseTomlStepwise(SDK, PARSE_STEP_CHARS);
    let parsePauses = 0;
    while (!parse.next().done) parsePauses++;
    assert.ok(parsePauses >= Math.floor(SDK.length / (PARSE_STEP_CHARS + 1024)), `${parsePauses} pauses for ${SDK.length} characters`);
    assert.equal(pauses, 1 + parsePauses);
    assert.ok(value);
    assert.equal(cache.get(FILE), value, 'cached');
    assert.equal(cache.generation, generation + 1);
    assert.deepStrictEqual(value.doc, parseToml(SDK));
    // Read again: the cached document, at once.
    assert.deepStrictEqual(drive(cache.getStepwise(FILE)), { value, pauses: 0 });
  });

  it('an edit of the file during the pauses (the user opens it) wins: the buffer\'s document, never the file\'s parse', () => {
    for (const at of [0, 5, 30]) {
      const { fs } = changingFs({ [FILE]: SDK });
      const cache = new DocumentCache(fs);
      const { value } = drive(cache.getStepwise(FILE), (k) => {
        if (k === at) cache.withText(FILE, EDITED);
      });
      assert.equal(value, cache.get(FILE), `edited at pause ${at}: the cached entry`);
      assert.equal(value?.text, EDITED);
      assert.deepStrictEqual(value?.doc, parseToml(EDITED), `edited at pause ${at}`);
    }
  });

  it('a change on disk during the pauses (the file forgotten) makes it read the new text, in steps', () => {
    const { fs, files } = changingFs({ [FILE]: SDK });
    const cache = new DocumentCache(fs);
    const { value, pauses } = drive(cache.getStepwise(FILE), (k) => {
      if (k === 10) {
        files[FILE] = EDITED;
        cache.forget(FILE);
      }
    });
    assert.equal(value?.text, EDITED);
    assert.deepStrictEqual(value?.doc, parseToml(EDITED));
    assert.equal(cache.get(FILE), value);
    assert.ok(pauses > 10 + Math.floor(EDITED.length / (PARSE_STEP_CHARS + 1024)), `${pauses} pauses: the new text was read in steps too`);
  });

  it('a new file system during the pauses, a read at once, a second read of the same file, an abandoned read', () => {
    const { fs } = changingFs({ [FILE]: SDK });
    const cache = new DocumentCache(fs);
    // A new file system: the file is read from it.
    const next = changingFs({ [FILE]: EDITED });
    const { value } = drive(cache.getStepwise(FILE), (k) => {
      if (k === 3) cache.setFileSystem(next.fs);
    });
    assert.equal(value?.text, EDITED);
    assert.equal(cache.get(FILE), value);

    // Someone needs the document at once (get) during the pauses: the read ends with that very entry.
    const other = new DocumentCache(changingFs({ [FILE]: SDK }).fs);
    let atOnce: ReturnType<DocumentCache['get']>;
    const read = drive(other.getStepwise(FILE), (k) => {
      if (k === 4) atOnce = other.get(FILE);
    });
    assert.ok(atOnce);
    assert.equal(read.value, atOnce);

    // Two reads of one file in turn, and one abandoned: the two end with one entry.
    const third = new DocumentCache(changingFs({ [FILE]: SDK }).fs);
    const abandoned = third.getStepwise(FILE);
    abandoned.next();
    abandoned.next();
    const a = third.getStepwise(FILE);
    const b = third.getStepwise(FILE);
    let ra = a.next();
    let rb = b.next();
    while (!ra.done || !rb.done) {
      if (!ra.done) ra = a.next();
      if (!rb.done) rb = b.next();
    }
    assert.ok(ra.value);
    assert.equal(ra.value, rb.value);
    assert.equal(third.get(FILE), ra.value);
    assert.deepStrictEqual(ra.value.doc, parseToml(SDK));
  });
});

describe('the project model loaded in steps while the big file is edited', () => {
  const ROOT = 'includes = ["*.packages.toml"]\n[project]\ndefault-distro = { name = "f", version = "1" }\n[distros.f.versions.1]\n';
  const files = (sdk: string) => ({ '/p/azldev.toml': ROOT, [FILE]: sdk, '/p/small.packages.toml': '[package-groups.small]\npackages = ["zypper-log"]\n' });
  const groupItems = (model: ReturnType<ReturnType<typeof memoryService>['projects']['model']>) => [...model.unions['package-groups'].values()].map((d) => JSON.stringify(d.node.type === 'table' ? d.node.entries.get('packages')?.node.span : undefined) + d.name);

  it('an edit during the walk\'s pauses inside sdk.packages.toml gives the model and findings of the edited text', () => {
    const service = memoryService(files(SDK), { lint: false });
    let pausesInFile = 0;
    let edited = false;
    const steps = service.projects.modelStepwise('/p');
    let next = steps.next();
    for (; !next.done; next = steps.next()) {
      if (!('file' in next.value) || next.value.file !== FILE) continue;
      // The walk pauses in the file between the steps of its parse; the user opens it in the middle.
      if (++pausesInFile === 12) {
        service.cache.withText(FILE, EDITED);
        edited = true;
      }
    }
    // (The parse in steps stood down at the edit: the walk took the buffer's document and went on.)
    assert.ok(edited, `${pausesInFile} pauses in the file`);
    assert.equal(service.cache.get(FILE)?.text, EDITED);
    const fresh = memoryService(files(EDITED), { lint: false });
    assert.deepStrictEqual(groupItems(next.value), groupItems(fresh.projects.model('/p')));
    const codes = (s: typeof service) => s.fileDiagnostics(FILE).map((d) => `${d.code} ${d.span.start}`);
    assert.deepStrictEqual(codes(service), codes(fresh));
    assert.deepStrictEqual(service.projects.model('/p').diagnostics.map((d) => `${d.file} ${d.code} ${d.span.start}`), fresh.projects.model('/p').diagnostics.map((d) => `${d.file} ${d.code} ${d.span.start}`));
  });
});
