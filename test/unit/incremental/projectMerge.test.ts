// The project model merged incrementally against a fresh merge: a language service that has seen every earlier
// text of the project's files (file contributions patched per changed definition, each union merged again only
// when a file's list of it changed, group members, distros, sections, the resource checks and each file's distro
// references kept while their inputs are the same objects, a component's own reference while its definition is)
// reports, after each edit, exactly the cross-file findings and the merged model (union order, distros, groups by
// component, sections) of a new service given the same texts. The edits are what users make in the real tree's
// files: a header renamed and back, a component defined again in another file and removed, a group member renamed,
// a component's upstream distro misspelt, a component added in the middle, edits inside an array, a repo set with
// an unknown template, a distro version's inputs naming a repo that another file defines and then no longer, a
// version that an unedited file names renamed, and random edits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { LanguageService } from '../../../server/src/core/languageService';
import type { ProjectModel } from '../../../server/src/core/project/projectModel';
import { corpusRoot, prng, randomEdit } from './editCorpus';
import { bufferService } from './bufferService';
import { modelShape, replayProjectEdits, type ProjectEditStep } from './projectEditChain';

function newService(buffers: Map<string, string>): LanguageService {
  return bufferService(buffers, { lint: false });
}

const COMPONENTS = path.join(corpusRoot, 'base/comps/components.toml');
const BASH = path.join(corpusRoot, 'base/comps/bash/bash.comp.toml');
const GROUPS = path.join(corpusRoot, 'base/comps/component-check-disablement.toml');
const FEDORA = path.join(corpusRoot, 'distro/fedora.distro.toml');

type Step = ProjectEditStep;

/** A header in the middle of components.toml (from a random place), renamed to `[componentsx.…]` or back. */
const renameHeader: Step = (texts, rand) => {
  const text = texts.get(COMPONENTS) as string;
  const renamed = text.indexOf('[componentsx.');
  if (renamed >= 0 && rand() < 0.7) return [COMPONENTS, text.slice(0, renamed) + '[components.' + text.slice(renamed + '[componentsx.'.length), 'header renamed back'];
  const at = text.indexOf('\n[components.', Math.floor(rand() * text.length)) + 1;
  if (at <= 0) return [COMPONENTS, text, 'no header after the place'];
  return [COMPONENTS, text.slice(0, at) + '[componentsx.' + text.slice(at + '[components.'.length), `header at ${at} renamed`];
};

/** bash.comp.toml defines a component of components.toml again (a duplicate across files), or drops it. */
const duplicateAcrossFiles: Step = (texts, rand) => {
  const text = texts.get(BASH) as string;
  const added = /\n\[components\.[^\]\n]+\]\n# dup\n/.exec(text);
  if (added) return [BASH, text.slice(0, added.index) + text.slice(added.index + added[0].length), 'duplicate dropped'];
  const names = [...(texts.get(COMPONENTS) as string).matchAll(/^\[components\.([^\]\n]+)\]/gm)].map((m) => m[1] as string);
  const name = names[Math.floor(rand() * names.length)] as string;
  return [BASH, `${text}\n[components.${name}]\n# dup\n`, `${name} defined again in bash.comp.toml`];
};

/** A member of the check-skip group renamed (an unknown member) or back. */
const renameMember: Step = (texts, rand) => {
  const text = texts.get(GROUPS) as string;
  const renamed = text.indexOf('"zz-');
  if (renamed >= 0) return [GROUPS, text.slice(0, renamed + 1) + text.slice(renamed + 4), 'member renamed back'];
  const members = [...text.matchAll(/^\s+"([^"\n]+)",$/gm)];
  const m = members[Math.floor(rand() * members.length)];
  if (!m) return [GROUPS, text, 'no member'];
  const at = (m.index as number) + m[0].indexOf('"') + 1;
  return [GROUPS, text.slice(0, at) + 'zz-' + text.slice(at), `member ${m[1]} renamed`];
};

let upstreamDistroCount = 0;
/** A component in components.toml takes its spec from a misspelt distro (or one with a missing version), or not. */
const upstreamDistro: Step = (texts, rand) => {
  const text = texts.get(COMPONENTS) as string;
  const written = /\nspec = \{ type = "upstream", upstream-distro = \{ name = "[^"]*"(, version = "[^"]*")? \} \} # probe\n/.exec(text);
  if (written) return [COMPONENTS, text.slice(0, written.index) + text.slice(written.index + written[0].length), 'upstream distro dropped'];
  const at = text.indexOf('\n[components.', Math.floor(rand() * text.length));
  if (at < 0) return [COMPONENTS, text, 'no header after the place'];
  const end = text.indexOf('\n', at + 1);
  const line = ['name = "fedorax"', 'name = "fedora", version = "99"', 'name = "fedora", version = "rawhide"'][upstreamDistroCount++ % 3] as string;
  return [COMPONENTS, `${text.slice(0, end)}\nspec = { type = "upstream", upstream-distro = { ${line} } } # probe${text.slice(end)}`, `upstream distro ${line} at ${end}`];
};

/** A new component in the middle of components.toml, with a build.without list, or an item of that list edited. */
const componentWithList: Step = (texts, rand) => {
  const text = texts.get(COMPONENTS) as string;
  const list = text.indexOf('build.without = [\n  "zz-a",\n');
  if (list >= 0) {
    const at = list + 'build.without = [\n  "zz-'.length;
    return [COMPONENTS, text.slice(0, at) + (rand() < 0.5 ? 'b' : 'x') + text.slice(at), 'item edited inside the list'];
  }
  const at = text.indexOf('\n[components.', Math.floor(rand() * text.length)) + 1;
  if (at <= 0) return [COMPONENTS, text, 'no header after the place'];
  const probe = '[components.zz-probe]\nbuild.without = [\n  "zz-a",\n  "zz-b",\n  "zz-c",\n]\n\n';
  return [COMPONENTS, text.slice(0, at) + probe + text.slice(at), `component added at ${at}`];
};

/**
 * A group written with a dotted key above the file's first header (its table is no statement's own), a member of
 * its list renamed and back: an edit inside the array changes the model's items in place, in the same tables
 * (incremental.ts), so the group's definition must not be kept by identity.
 */
const dottedGroupList: Step = (texts) => {
  const text = texts.get(GROUPS) as string;
  const list = text.indexOf('component-groups.zz-dotted.components = [\n');
  if (list < 0) return [GROUPS, `component-groups.zz-dotted.components = [\n  "bash",\n  "bash",\n  "bash",\n  "bash",\n  "bash",\n]\n${text}`, 'dotted group added'];
  const at = list + 'component-groups.zz-dotted.components = [\n  "bash",\n  "bash",\n  "'.length;
  const unknown = text.startsWith('zz-', at);
  return [GROUPS, unknown ? text.slice(0, at) + text.slice(at + 3) : text.slice(0, at) + 'zz-' + text.slice(at), unknown ? 'dotted member back' : 'dotted member renamed'];
};

/** The fedora distro's default-version edited (every upstream component resolves against it), or back. */
const distroVersion: Step = (texts) => {
  const text = texts.get(FEDORA) as string;
  const at = text.indexOf('default-version = "');
  if (at < 0) return [FEDORA, text, 'no default-version'];
  const v = at + 'default-version = "'.length;
  return text.startsWith('zz', v) ? [FEDORA, text.slice(0, v) + text.slice(v + 2), 'default-version back'] : [FEDORA, text.slice(0, v) + 'zz' + text.slice(v), 'default-version misspelt'];
};

/** fedora's rawhide version renamed (libseccomp.comp.toml, not edited, names it), or back. */
const renameVersion: Step = (texts) => {
  const text = texts.get(FEDORA) as string;
  const at = text.indexOf('[distros.fedora.versions.rawhide');
  if (at < 0) return [FEDORA, text, 'no rawhide'];
  const end = at + '[distros.fedora.versions.rawhide'.length;
  return text.startsWith('z]', end) ? [FEDORA, text.slice(0, end) + text.slice(end + 1), 'rawhide back'] : [FEDORA, text.slice(0, end) + 'z' + text.slice(end), 'rawhide renamed'];
};

/** bash.comp.toml gains a project-wide `[default-component-config]` (a section every component inherits), or loses it. */
const defaultConfigSection: Step = (texts) => {
  const text = texts.get(BASH) as string;
  const section = '\n[default-component-config]\nspec = { type = "upstream", upstream-distro = { name = "fedora" } }\n';
  const at = text.indexOf(section);
  return at >= 0 ? [BASH, text.slice(0, at) + text.slice(at + section.length), 'default config dropped'] : [BASH, text + section, 'default config added'];
};

/** bash.comp.toml gains a repo set whose template no file defines, or loses it (a `[resources]` section changes). */
const resourceSet: Step = (texts) => {
  const text = texts.get(BASH) as string;
  const set = '\n[resources.rpm-repo-sets.zz-set]\ntemplate = "zz-none"\nbase-uri = "https://x/"\ndisable-gpg-check = true\n';
  const at = text.indexOf(set);
  return at >= 0 ? [BASH, text.slice(0, at) + text.slice(at + set.length), 'repo set dropped'] : [BASH, text + set, 'repo set with an unknown template added'];
};

/** fedora's version 42 takes its rpm-build inputs from a repo (defined by resourceRepo, or not), or no longer. */
const versionInputs: Step = (texts) => {
  const text = texts.get(FEDORA) as string;
  const line = 'inputs = { rpm-build = [{ repo = "zz-repo" }] }\n';
  const at = text.indexOf(line);
  if (at >= 0) return [FEDORA, text.slice(0, at) + text.slice(at + line.length), 'version inputs dropped'];
  const after = text.indexOf('dist-git-branch = "f42"\n');
  if (after < 0) return [FEDORA, text, 'no version 42'];
  const end = after + 'dist-git-branch = "f42"\n'.length;
  return [FEDORA, text.slice(0, end) + line + text.slice(end), 'version inputs added'];
};

/** The component groups' file defines the repo those inputs name, or no longer (only a `[resources]` section changes). */
const resourceRepo: Step = (texts) => {
  const text = texts.get(GROUPS) as string;
  const repo = '\n[resources.rpm-repos.zz-repo]\nbase-uri = "https://x/"\ndisable-gpg-check = true\n';
  const at = text.indexOf(repo);
  return at >= 0 ? [GROUPS, text.slice(0, at) + text.slice(at + repo.length), 'repo dropped'] : [GROUPS, text + repo, 'repo defined'];
};

/** The last file of the load order that defines components (set once the project is loaded). */
let lastComponentsFile = '';

/** That file ends with a component defined before (a duplicate at the very end of the union), or loses it. */
const duplicateAtEnd: Step = (texts) => {
  const text = texts.get(lastComponentsFile) ?? readFileSync(lastComponentsFile, 'utf8');
  const added = '\n[components.bash]\n# dup at the end\n';
  const at = text.indexOf(added);
  return at >= 0 ? [lastComponentsFile, text.slice(0, at) + text.slice(at + added.length), 'duplicate at the end dropped'] : [lastComponentsFile, text + added, 'duplicate at the end added'];
};

/** A random edit of one of the files (broken quotes, brackets, headers, lines copied or dropped). */
const random: Step = (texts, rand) => {
  const files = [COMPONENTS, COMPONENTS, BASH, GROUPS, FEDORA];
  const file = files[Math.floor(rand() * files.length)] as string;
  const edit = randomEdit(texts.get(file) as string, rand);
  return [file, edit.text, `random: ${edit.label}`];
};

// A duplicate across files is added and dropped within each round, so the duplicate at the end meets a union without one.
const STEPS: Step[] = [renameHeader, renameHeader, duplicateAcrossFiles, renameMember, duplicateAcrossFiles, upstreamDistro, versionInputs, componentWithList, dottedGroupList, resourceRepo, componentWithList, distroVersion, renameVersion, resourceSet, dottedGroupList, defaultConfigSection, resourceRepo, duplicateAtEnd, random];

test('project findings and the merged model after each edit equal a fresh merge of the same texts', () => {
  const rand = prng(1515);
  const texts = new Map([COMPONENTS, BASH, GROUPS, FEDORA].map((f) => [f, readFileSync(f, 'utf8')]));
  const buffers = new Map<string, string>();
  const incremental = newService(buffers);
  incremental.projectDiagnostics(corpusRoot);
  const withComponents = [...incremental.projects.model(corpusRoot).contributions.values()].filter((c) => c.unions.components.length);
  lastComponentsFile = (withComponents[withComponents.length - 1] as { file: string }).file;
  const seen = replayProjectEdits({
    steps: STEPS,
    count: Number(process.env['DISTRO_TOML_PROJECT_MERGE_STEPS']) || 54,
    rand,
    texts,
    buffers,
    incremental,
    fresh: newService,
    alsoCompare: (inc, scratch, where) => assert.deepStrictEqual(modelShape(inc.projects.model(corpusRoot)), modelShape(scratch.projects.model(corpusRoot)), `${where} (model)`),
  });
  // The edits reached the checks whose kept inputs they change.
  for (const code of ['project-duplicate-component', 'project-unknown-group-member', 'project-unknown-distro', 'project-unknown-distro-version', 'distro-input-undefined-repo', 'resource-set-undefined-template']) {
    assert.ok(seen.has(code), `some step reported ${code} (seen: ${[...seen].join(', ')})`);
  }
});

const IMAGEMAGICK = path.join(corpusRoot, 'base/comps/ImageMagick/ImageMagick.comp.toml');
const ANT = path.join(corpusRoot, 'base/comps/ant/ant.comp.toml');

/** Every way a consumer reads a map (keys, values, entries, the iterator, forEach): all must give one order. */
function readOrder(map: Map<string, unknown>, where: string): string[] {
  const keys = [...map.keys()];
  const each: string[] = [];
  map.forEach((_, k) => each.push(k));
  assert.deepStrictEqual([...map].map(([k]) => k), keys, `${where}: the iterator`);
  assert.deepStrictEqual([...map.entries()].map(([k]) => k), keys, `${where}: entries()`);
  assert.deepStrictEqual(each, keys, `${where}: forEach`);
  assert.deepStrictEqual([...map.values()], keys.map((k) => map.get(k)), `${where}: values()`);
  assert.equal(map.size, keys.length, `${where}: size`);
  return keys;
}

/** The orders a consumer sees: each union's, and the `components` map of each file's model, read every way. */
function orders(model: ProjectModel, where: string): unknown {
  const unions = Object.fromEntries(Object.entries(model.unions).map(([k, m]) => [k, readOrder(m, `${where}: union ${k}`)]));
  const docs = [...model.contributions.values()].map((c) => {
    const comps = c.doc.root.entries.get('components')?.node;
    return [c.file, readOrder(c.doc.root.entries, `${where}: ${c.file} root`), comps?.type === 'table' ? readOrder(comps.entries, `${where}: ${c.file} components`) : []];
  });
  return { unions, docs };
}

/**
 * A header edit in one of four component files: a name typed wrong in the key or the name and back, a header
 * deleted (a name removed), doubled (a duplicate in the file), a new name or another file's name typed in the
 * middle (a name added mid-file, a duplicate across files), a header renamed to a name a component group lists
 * (its member unknown, then known again), and every file back to what it was.
 */
function headerEditStep(originals: Map<string, string>, groupMembers: string[]): Step {
  const files = [COMPONENTS, COMPONENTS, COMPONENTS, BASH, IMAGEMAGICK, ANT];
  return (texts, rand) => {
    const file = files[Math.floor(rand() * files.length)] as string;
    const text = texts.get(file) as string;
    if (text !== originals.get(file) && rand() < 0.3) return [file, originals.get(file) as string, 'back to the original'];
    const headers = [...text.matchAll(/^\[components\.([^\]\n]+)\]$/gm)];
    const pick = headers[Math.floor(rand() * headers.length)];
    if (!pick) return [file, originals.get(file) as string, 'no header: back to the original'];
    const at = pick.index as number;
    const lineEnd = text.indexOf('\n', at) + 1 || text.length;
    const name = pick[1] as string;
    const allNames = [...(texts.get(COMPONENTS) as string).matchAll(/^\[components\.([^\]\n]+)\]$/gm)].map((m) => m[1] as string);
    const other = allNames[Math.floor(rand() * allNames.length)] as string;
    const member = groupMembers[Math.floor(rand() * groupMembers.length)] as string;
    const choices: [string, () => string][] = [
      ['typo in the key', () => text.slice(0, at + 11) + 'x' + text.slice(at + 11)],
      ['typo in the name', () => text.slice(0, at + 12) + 'q' + text.slice(at + 12)],
      ['header deleted', () => text.slice(0, at) + text.slice(lineEnd)],
      ['header doubled', () => text.slice(0, lineEnd) + text.slice(at, lineEnd) + text.slice(lineEnd)],
      ['new name above', () => text.slice(0, at) + `[components.zz-${Math.floor(rand() * 1000)}]\n` + text.slice(at)],
      ['another name above', () => text.slice(0, at) + `[components.${other}]\n` + text.slice(at)],
      ['renamed to another', () => text.slice(0, at + 12) + other + text.slice(at + 12 + name.length)],
      ['renamed to a group member', () => text.slice(0, at + 12) + member + 'x' + text.slice(at + 12 + name.length)],
      ['a group member removed', () => text.replace(`\n[components.${member}]\n`, `\n[components.${member}x]\n`)],
    ];
    const [label, make] = choices[Math.floor(rand() * choices.length)] as [string, () => string];
    return [file, make(), `${label} (${name})`];
  };
}

test('header edit chains over components.toml and three component files: the models, every order of the unions and maps, and the findings equal a fresh parse and merge', () => {
  const rand = prng(20261203);
  const files = [COMPONENTS, BASH, IMAGEMAGICK, ANT, GROUPS];
  const originals = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));
  const texts = new Map(originals);
  const groupMembers = [...(originals.get(GROUPS) as string).matchAll(/^\s+"([^"\n]+)",$/gm)].map((m) => m[1] as string);
  const step = headerEditStep(originals, groupMembers);
  const buffers = new Map<string, string>();
  const incremental = newService(buffers);
  incremental.projectDiagnostics(corpusRoot);
  const count = Number(process.env['DISTRO_TOML_PROJECT_MERGE_STEPS']) || 40;
  const labels: string[] = [];
  let unionKept = 0;
  const seen = new Set<string>();
  for (let i = 0; i < count; i++) {
    const [file, text, label] = step(texts, rand);
    labels.push(`${path.basename(file)}: ${label}`);
    texts.set(file, text);
    buffers.set(file, text);
    const union = incremental.projects.model(corpusRoot).unions.components;
    incremental.fileDiagnostics(file, text);
    const got = incremental.projectDiagnostics(corpusRoot);
    const model = incremental.projects.model(corpusRoot);
    if (model.unions.components === union) unionKept++;
    const scratch = newService(new Map(buffers));
    const fresh = scratch.projectDiagnostics(corpusRoot);
    const where = `step ${i}: ${labels.slice(-5).join(', ')}`;
    assert.deepStrictEqual(got, fresh, where);
    const scratchModel = scratch.projects.model(corpusRoot);
    assert.deepStrictEqual(modelShape(model), modelShape(scratchModel), `${where} (model)`);
    assert.deepStrictEqual(orders(model, where), orders(scratchModel, `${where} (fresh)`), `${where} (orders)`);
    for (const c of model.contributions.values()) if (buffers.has(c.file)) assert.deepStrictEqual(c.doc.root, (scratchModel.contributions.get(c.file) as { doc: { root: unknown } }).doc.root, `${where}: ${c.file}'s model`);
    for (const list of got.values()) for (const d of list) seen.add(d.code);
  }
  for (const code of ['project-duplicate-component', 'project-unknown-group-member']) assert.ok(seen.has(code), `some step reported ${code}`);
  // Most edits patch the union in place (the same map, changed): the path under test was taken.
  assert.ok(unionKept >= count / 2, `${unionKept} of ${count} edits kept the components union's map`);
});
