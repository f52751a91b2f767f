// The include walk lists the directories a `**` entry walks ahead of its expansion, a few a step
// (listingPrefetch.ts): on the real tree no step of the walk lists more than DIRECTORIES_PER_STEP directories
// (`comps/**/*.comp.toml` listed ~200 in one), the walk asks the disk about each directory once, and it reaches
// the files a plain expansion gives. On a hostile tree (a link loop, a link to /, a link out of the project) the
// read-ahead ends and lists nothing outside the project.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { DocumentCache } from '../../../server/src/core/documentCache';
import { diskFileSystem, type FileSystem } from '../../../server/src/core/fs';
import { expandGlob } from '../../../server/src/core/glob';
import { walkIncludesStepwise, type IncludeWalk } from '../../../server/src/core/project/includes';
import { DIRECTORIES_PER_STEP, doubleStarStart } from '../../../server/src/core/project/listingPrefetch';
import { CORPUS_ROOT, tempProject } from '../../support/paths';

/** The disk, counting every directory listing (by real path) and the listings of each step of a walk. */
function countingFs() {
  const listings = new Map<string, number>();
  let thisStep = 0;
  const disk: FileSystem = {
    ...diskFileSystem,
    readDirectory: (p) => {
      const real = fs.realpathSync(p);
      listings.set(real, (listings.get(real) ?? 0) + 1);
      thisStep++;
      return diskFileSystem.readDirectory(p);
    },
  };
  return {
    disk,
    listings,
    /** The listings since the last call. */
    step: () => {
      const n = thisStep;
      thisStep = 0;
      return n;
    },
  };
}

/** Drains a stepwise walk, returning it and the listings each step made. */
function walkInSteps(root: string, counting: ReturnType<typeof countingFs>): { walk: IncludeWalk; perStep: number[] } {
  const steps = walkIncludesStepwise(new DocumentCache(counting.disk), path.join(root, 'azldev.toml'));
  const perStep: number[] = [];
  for (;;) {
    const next = steps.next();
    perStep.push(counting.step());
    if (next.done) return { walk: next.value, perStep };
  }
}

describe('directory listings read ahead of an include glob', () => {
  test('no step of the real tree\'s walk lists more than DIRECTORIES_PER_STEP directories, and each is listed once', () => {
    const counting = countingFs();
    const { walk, perStep } = walkInSteps(CORPUS_ROOT, counting);
    const comps = expandGlob(diskFileSystem, path.join(CORPUS_ROOT, 'base/comps/**/*.comp.toml'));
    assert.ok(comps.ok && comps.paths.length >= 200, 'the tree has ~200 component files below base/comps');
    const walked = new Set(walk.files.map((f) => f.path));
    for (const p of comps.ok ? comps.paths : []) assert.ok(walked.has(p), `${p} walked`);
    assert.ok(Math.max(...perStep) <= DIRECTORIES_PER_STEP, `listings per step: ${Math.max(...perStep)}`);
    assert.ok(perStep.filter((n) => n > 0).length >= 200 / DIRECTORIES_PER_STEP, 'the listings are spread over steps');
    for (const [dir, n] of counting.listings) assert.equal(n, 1, dir);
  });

  test('ends on link loops and lists nothing outside the project', () => {
    const outside = tempProject({ 'elsewhere/x.comp.toml': '[components.x]\n' });
    const dir = tempProject({
      'azldev.toml': 'includes = ["comps/**/*.comp.toml"]\n[project]\ndescription = "links"\n',
      'comps/a/a.comp.toml': '[components.a]\n',
      'comps/b/c/c.comp.toml': '[components.c]\n',
    });
    try {
      fs.symlinkSync('..', path.join(dir, 'comps/a/loop'));
      fs.symlinkSync('/', path.join(dir, 'comps/b/root'));
      fs.symlinkSync(path.join(outside, 'elsewhere'), path.join(dir, 'comps/out'));
      const counting = countingFs();
      const { walk } = walkInSteps(dir, counting);
      assert.deepEqual(walk.files.map((f) => path.relative(dir, f.path)).sort(), ['azldev.toml', 'comps/a/a.comp.toml', 'comps/b/c/c.comp.toml']);
      const real = fs.realpathSync(dir);
      for (const listed of counting.listings.keys()) assert.ok(listed === real || listed.startsWith(real + path.sep), `${listed} is inside the project`);
      for (const [d, n] of counting.listings) assert.equal(n, 1, d);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  test('reads ahead only for `**` patterns, from the path before the first glob character', () => {
    assert.equal(doubleStarStart('/p/base/comps/**/*.comp.toml'), '/p/base/comps');
    assert.equal(doubleStarStart('/p/a*/**/x.toml'), '/p');
    assert.equal(doubleStarStart('/p/base/*.packages.toml'), undefined);
    assert.equal(doubleStarStart('/p/base/project.toml'), undefined);
    // An escape leaves the expansion to find its own start.
    assert.equal(doubleStarStart('/p/\\[x]/**/y.toml'), undefined);
  });
});
