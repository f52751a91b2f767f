// The project loaded in steps, as the server's start-up scan loads it (ProjectService.modelStepwise: the include
// walk, the files' contributions and the merge in pieces; then checksStepwise: the TOML files listed, the overlay
// files, archive pairing and the unreached files), against a fresh service's `model(root)` and project findings:
// on the real tree, on a copy of it seeded with errors of every kind, and on small broken trees. Then with edits
// between the steps — a buffer edited (a header typo in components.toml, a package base.packages.toml lists added to
// sdk.packages.toml's list and removed), a file changed on disk and forgotten by the cache (as the
// watcher does), the findings asked for at once — the load ends with exactly the model and findings of a fresh
// service over the final texts.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LanguageService } from '../../../server/src/core/languageService';
import type { ProjectModel } from '../../../server/src/core/project/projectModel';
import { memoryProjectFs, memoryService } from '../../support/memoryService';
import { seededTree } from '../../support/seededTree';
import { createLanguageService } from '../../../server/src/core/languageService';
import { diskFileSystem } from '../../../server/src/core/fs';
import { SCHEMAS_DIR } from '../../support/paths';
import { corpusRoot, prng } from './editCorpus';
import { bufferService } from './bufferService';
import { modelShape } from './projectEditChain';

/** Loads the project as the server's start-up does, a step at a time, running `between` after each step. */
function loadInSteps(service: LanguageService, root: string, between: (step: number) => void = () => undefined): { model: ProjectModel; labels: string[] } {
  const labels: string[] = [];
  const steps = service.projects.modelStepwise(root);
  let next = steps.next();
  for (; !next.done; next = steps.next()) {
    labels.push('file' in next.value ? `reading ${next.value.file}` : next.value.work);
    between(labels.length);
  }
  const checks = service.projects.checksStepwise(root);
  for (let c = checks.next(); !c.done; c = checks.next()) {
    labels.push(c.value);
    between(labels.length);
  }
  return { model: next.value, labels };
}

/** The loaded service's model and findings equal a fresh service's, asked at once. */
function assertSameAsFresh(loaded: LanguageService, fresh: LanguageService, root: string, where: string): void {
  assert.deepStrictEqual(modelShape(loaded.projects.model(root)), modelShape(fresh.projects.model(root)), `${where}: the model`);
  assert.deepStrictEqual(loaded.projectDiagnostics(root), fresh.projectDiagnostics(root), `${where}: the project findings`);
}

const count = (labels: string[], pattern: RegExp) => labels.filter((l) => pattern.test(l)).length;

describe('the project loaded in steps', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('is the model and the findings of a fresh service on the real tree, its checks computed in the steps', () => {
    const loaded = bufferService(new Map(), { lint: false });
    const { model, labels } = loadInSteps(loaded, corpusRoot);
    // The merge and the checks were cut into pieces (a first merge of the real tree is ~50 ms in one piece).
    assert.ok(count(labels, /^merging /) >= 20, `merge steps: ${count(labels, /^merging /)}`);
    assert.ok(count(labels, /: archive pairing$/) >= 4, `archive pairing steps: ${count(labels, /: archive pairing$/)}`);
    assert.ok(count(labels, /^listing /) >= 4, `listing steps: ${count(labels, /^listing /)}`);
    // What the steps merged is the model kept, and the checks were computed in them: asking for the findings parses
    // nothing more (the unreached files were read in the steps).
    assert.equal(loaded.projects.model(corpusRoot), model);
    const generation = loaded.cache.generation;
    loaded.projectDiagnostics(corpusRoot);
    assert.equal(loaded.cache.generation, generation, 'the findings read no file the steps had not read');
    assertSameAsFresh(loaded, bufferService(new Map(), { lint: false }), corpusRoot, 'real tree');
  });

  it('is the model and the findings of a fresh service on the real tree seeded with errors of every kind', () => {
    const dir = seededTree();
    dirs.push(dir);
    const service = () => createLanguageService({ fs: diskFileSystem, schema: 'bundled', bundledSchemaDir: SCHEMAS_DIR, cwd: dir, lint: false });
    const loaded = service();
    loadInSteps(loaded, dir);
    const fresh = service();
    assertSameAsFresh(loaded, fresh, dir, 'seeded tree');
    assert.ok([...fresh.projectDiagnostics(dir).values()].flat().some((d) => d.code === 'project-package-in-two-groups'), 'the seeded overlap is found');
  });

  const root = '/p';
  const distros = '[distros.azl.versions."4.0"]\n';
  const broken: Record<string, Record<string, string>> = {
    'a component defined in two files, a group listing an unknown member': {
      '/p/azldev.toml': `includes = ["comps/*.comp.toml"]\n[project]\ndefault-distro = { name = "azl", version = "4.0" }\n${distros}[component-groups.g]\ncomponents = ["a", "zz"]\n`,
      '/p/comps/a.comp.toml': '[components.a]\n[components.b]\n',
      '/p/comps/b.comp.toml': '[components.b]\nspec = { type = "upstream", upstream-distro = { name = "nope" } }\n',
    },
    'an include cycle, a file that does not parse': {
      '/p/azldev.toml': `includes = ["x.toml"]\n[project]\ndefault-distro = { name = "azl", version = "4.0" }\n${distros}`,
      '/p/x.toml': 'includes = ["y.toml"]\n[components.x]\n',
      '/p/y.toml': 'includes = ["x.toml"]\n[components.y\nname = "unterminated\n',
    },
    'no default distro, package groups of two files listing one package, an unreached file': {
      '/p/azldev.toml': 'includes = ["g1.toml", "g2.toml"]\n[components.c]\n',
      '/p/g1.toml': '[package-groups.one]\npackages = ["p1", "p2", "p3"]\n',
      '/p/g2.toml': '[package-groups.two]\npackages = ["p3", "p4", "p1"]\n',
      '/p/lost.toml': '[components.lost]\n',
    },
  };
  for (const [name, files] of Object.entries(broken)) {
    it(`is the model and the findings of a fresh service on a broken tree: ${name}`, () => {
      const loaded = memoryService(files, { lint: false });
      loadInSteps(loaded, root);
      assertSameAsFresh(loaded, memoryService(files, { lint: false }), root, name);
    });
  }
});

const COMPONENTS = path.join(corpusRoot, 'base/comps/components.toml');
const SDK = path.join(corpusRoot, 'base/packages/sdk.packages.toml');
const BASE = path.join(corpusRoot, 'base/packages/base.packages.toml');
const BASH = path.join(corpusRoot, 'base/comps/bash/bash.comp.toml');

/** One edit between two steps: changes `texts` and says how the service learns of it ('asked': no edit, the project's
 * findings asked at once between two steps, as a request that does not wait for the load would). */
type Edit = (texts: Map<string, string>, rand: () => number) => { file: string; how: 'buffer' | 'disk' } | 'asked';

/** A component header in components.toml typed wrong (a component gone, the group member unknown), or back. */
const headerTypo: Edit = (texts, rand) => {
  const text = texts.get(COMPONENTS) as string;
  const typo = text.indexOf('[componentsx.');
  if (typo >= 0) texts.set(COMPONENTS, text.slice(0, typo) + '[components.' + text.slice(typo + '[componentsx.'.length));
  else {
    const at = text.indexOf('\n[components.', Math.floor(rand() * text.length)) + 1;
    if (at > 0) texts.set(COMPONENTS, text.slice(0, at) + '[componentsx.' + text.slice(at + '[components.'.length));
  }
  return { file: COMPONENTS, how: 'buffer' };
};

/** A package base.packages.toml lists added to sdk.packages.toml's list (two groups list it), or removed again. */
const sdkItem: Edit = (texts, rand) => {
  const text = texts.get(SDK) as string;
  const line = '    "389-ds-base", # added\n';
  const added = text.indexOf(line);
  if (added >= 0) texts.set(SDK, text.slice(0, added) + text.slice(added + line.length));
  else {
    const items = [...text.matchAll(/^ {4}"[^"\n]+",/gm)];
    const at = (items[Math.floor(rand() * items.length)] as RegExpMatchArray).index as number;
    texts.set(SDK, text.slice(0, at) + line + text.slice(at));
  }
  return { file: SDK, how: 'buffer' };
};

/** bash.comp.toml on disk defines a component of components.toml again, or no longer (the watcher forgets the file). */
const diskDuplicate: Edit = (texts) => {
  const text = texts.get(BASH) as string;
  const added = '\n[components.7zip]\n# defined again\n';
  texts.set(BASH, text.includes(added) ? text.replace(added, '') : text + added);
  return { file: BASH, how: 'disk' };
};

/** base.packages.toml's first package renamed, or back (a group's list changed by a file change on disk). */
const diskBaseItem: Edit = (texts) => {
  const text = texts.get(BASE) as string;
  texts.set(BASE, text.includes('"zz-389-ds-base"') ? text.replace('"zz-389-ds-base"', '"389-ds-base"') : text.replace('"389-ds-base"', '"zz-389-ds-base"'));
  return { file: BASE, how: 'disk' };
};

/** No edit: the findings asked for at once between two steps. */
const asked: Edit = () => 'asked';

describe('the project loaded in steps with edits between the steps', () => {
  const EDITS = [headerTypo, sdkItem, diskDuplicate, headerTypo, sdkItem, diskBaseItem, headerTypo, asked];
  // Every how-many steps an edit comes: each run's edits land in other pieces of the load.
  for (const every of [3, 5, 7, 11]) {
    it(`gives the model and the findings of a fresh service over the final texts (an edit every ${every} steps)`, () => {
      const rand = prng(1500 + every);
      const texts = new Map([COMPONENTS, SDK, BASE, BASH].map((f) => [f, fs.readFileSync(f, 'utf8')]));
      // The service's files: the disk, with the texts the edits made (an edited buffer, or a file changed on disk).
      const files = new Map<string, string>();
      const loaded = bufferService(files, { lint: false });
      let edits = 0;
      const { labels } = loadInSteps(loaded, corpusRoot, (step) => {
        if (step % every !== 0) return;
        const edit = (EDITS[edits++ % EDITS.length] as Edit)(texts, rand);
        if (edit === 'asked') return void loaded.projectDiagnostics(corpusRoot);
        const { file, how } = edit;
        const text = texts.get(file) as string;
        files.set(file, text);
        // As the server does: an edited buffer is checked (re-parsed from the last parse), a file changed on disk forgotten.
        if (how === 'buffer') loaded.fileDiagnostics(file, text);
        else loaded.cache.forget(file);
      });
      assert.ok(edits >= labels.length / every - 1 && edits >= 6, `${edits} edits during ${labels.length} steps`);
      assertSameAsFresh(loaded, bufferService(new Map(files), { lint: false }), corpusRoot, `an edit every ${every} steps`);
    });
  }
});

/**
 * A generated tree whose first merge and checks take many steps (3,000 components, a package group of 5,000 names):
 * an edit at each step in turn — a name b.toml lists added to the big list (its items, changed in place, move under
 * the group's state read in steps), a component header typed wrong, a group file changed on disk.
 */
describe('the project loaded in steps with an edit at any step', () => {
  const root = '/g';
  const components = Array.from({ length: 3000 }, (_, i) => `[components.c${i}]\n${i % 7 === 0 ? 'spec = { type = "upstream", upstream-distro = { name = "up" } }\n' : ''}`).join('');
  const files: Record<string, string> = {
    '/g/azldev.toml': 'includes = ["comps.toml", "a.toml", "b.toml"]\n[project]\ndefault-distro = { name = "azl", version = "4.0" }\n[distros.azl.versions."4.0"]\n[distros.up.versions.x]\n',
    '/g/comps.toml': components,
    '/g/a.toml': `[package-groups.a]\npackages = [\n${Array.from({ length: 5000 }, (_, i) => `  "p${i}",\n`).join('')}]\n`,
    '/g/b.toml': '[package-groups.b]\npackages = ["p10", "q"]\n[component-groups.g]\ncomponents = ["c1", "c2"]\n',
  };
  const service = (disk: Map<string, string>) => {
    const mem = memoryProjectFs(files);
    return createLanguageService({ fs: { ...mem, readFile: (p) => disk.get(p) ?? mem.readFile(p) }, schema: 'bundled', bundledSchemaDir: SCHEMAS_DIR, lint: false });
  };
  type Change = (text: string) => string;
  const edits: [file: string, how: 'buffer' | 'disk', change: Change][] = [
    ['/g/a.toml', 'buffer', (t) => t.replace('  "p1000"', '  "q",\n  "p1000"')],
    ['/g/comps.toml', 'buffer', (t) => t.replace('[components.c1]', '[componentsx.c1]')],
    ['/g/b.toml', 'disk', (t) => t.replace('"p10", "q"', '"p11"')],
  ];
  const steps = loadInSteps(service(new Map()), root).labels.length;

  it(`gives the model and the findings of a fresh service for an edit at each of the ${steps} steps`, () => {
    assert.ok(steps >= 30, `${steps} steps`);
    for (const [file, how, change] of edits) {
      for (let at = 1; at <= steps; at++) {
        const disk = new Map<string, string>();
        const loaded = service(disk);
        const texts = new Map(Object.entries(files));
        const applyAt = (step: number) => {
          if (step !== at) return;
          const text = change(texts.get(file) as string);
          texts.set(file, text);
          if (how === 'buffer') loaded.fileDiagnostics(file, text);
          else {
            disk.set(file, text);
            loaded.cache.forget(file);
          }
        };
        loadInSteps(loaded, root, applyAt);
        const fresh = createLanguageService({ fs: memoryProjectFs(Object.fromEntries(texts)), schema: 'bundled', bundledSchemaDir: SCHEMAS_DIR, lint: false });
        // The buffers the loaded service was handed are the fresh one's files.
        for (const [f, t] of texts) if (t !== files[f]) fresh.fileDiagnostics(f, t);
        assertSameAsFresh(loaded, fresh, root, `${file} (${how}) edited at step ${at}`);
      }
    }
  });
});
