// The project checks after the merge kept per definition against a fresh service: overlay files, archive pairing,
// unreached files and distro resolution each keep their findings per component (componentScan.ts) while the
// definition and what it resolves against are the same objects. A language service that has seen every earlier
// text reports, after each edit, exactly the project findings and overlay files of a new service given the same
// texts, and the components each of components.toml and bash.comp.toml defines with overlays of their own are, as
// the server keeps them from one keystroke to the next (DefinedWithOverlays), those of a fresh pass. The edits:
// components.toml (a header renamed, a component taking its spec from a distro without a version, random edits),
// bash.comp.toml (overlay-files patterns, an archive overlay, an overlay-origin source file), an overlay document
// those patterns load (two files that exist only in memory, beside bash.comp.toml), a component group with an
// archive overlay, sdk.packages.toml (a key near the top, an item inside the array), the distro files (the
// default version's upstream version, fedora's default-version), and components.toml's includes (the walk redone).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createLanguageService, type LanguageService } from '../../../server/src/core/languageService';
import { diskFileSystem, type FileSystem } from '../../../server/src/core/fs';
import type { PrecompiledSchemas } from '../../../server/src/core/schema/validator';
import { DIST, SCHEMAS_DIR } from '../../support/paths';
import { corpusRoot, prng, randomEdit } from './editCorpus';
import { replayProjectEdits, type ProjectEditStep } from './projectEditChain';
import { componentsDefinedWithOverlays, DefinedWithOverlays } from '../../../server/src/core/render';

const precompiled = require(path.join(DIST, 'bundled-validators.js')) as PrecompiledSchemas;

const COMPONENTS = path.join(corpusRoot, 'base/comps/components.toml');
const BASH = path.join(corpusRoot, 'base/comps/bash/bash.comp.toml');
const PRUNE_A = path.join(corpusRoot, 'base/comps/bash/prune-a.toml');
const PRUNE_B = path.join(corpusRoot, 'base/comps/bash/prune-b.toml');
const GROUPS = path.join(corpusRoot, 'base/comps/component-check-disablement.toml');
const SDK = path.join(corpusRoot, 'base/packages/sdk.packages.toml');
const AZL = path.join(corpusRoot, 'distro/azurelinux.distro.toml');
const FEDORA = path.join(corpusRoot, 'distro/fedora.distro.toml');

const ARCHIVE = 'bash-5.tar.gz';
const OVERLAY = `[[overlays]]\ndescription = "d"\ntype = "file-remove"\narchive = "${ARCHIVE}"\nfile = "vendor/**"\n`;
const OVERLAY_DOC = `[metadata]\ncategory = "azl-pruning"\nupstream-status = "inapplicable"\n\n${OVERLAY}`;

/**
 * The disk with open buffers, and files that exist only in memory (listed in their directory as files): the
 * overlay documents, present from the start so the tree's structure never changes.
 */
function projectFs(buffers: Map<string, string>, virtual: ReadonlySet<string>): FileSystem {
  return {
    readFile: (p) => buffers.get(p) ?? diskFileSystem.readFile(p),
    exists: (p) => buffers.has(p) || diskFileSystem.exists(p),
    isDirectory: (p) => diskFileSystem.isDirectory(p),
    readDirectory: (p) => [
      ...diskFileSystem.readDirectory(p),
      ...[...virtual].filter((v) => path.dirname(v) === p).map((v) => ({ name: path.basename(v), isDirectory: false, isFile: true, isSymbolicLink: false })),
    ],
  };
}

const VIRTUAL = new Set([PRUNE_A, PRUNE_B]);

function newService(buffers: Map<string, string>): LanguageService {
  return createLanguageService({ fs: projectFs(buffers, VIRTUAL), schema: 'bundled', bundledSchemaDir: SCHEMAS_DIR, precompiled, cwd: corpusRoot, lint: false });
}

type Step = ProjectEditStep;

/** Text between the marker comments `# probe:NAME` … `# end:NAME` toggled: present, or absent. */
function toggle(file: string, name: string, block: string, at: (text: string, rand: () => number) => number): Step {
  return (texts, rand) => {
    const text = texts.get(file) as string;
    const open = `# probe:${name}\n`;
    const start = text.indexOf(open);
    if (start >= 0) {
      const end = text.indexOf(`# end:${name}\n`, start);
      if (end >= 0) return [file, text.slice(0, start) + text.slice(end + `# end:${name}\n`.length), `${name} removed`];
    }
    const where = Math.max(0, Math.min(text.length, at(text, rand)));
    return [file, `${text.slice(0, where)}${open}${block}# end:${name}\n${text.slice(where)}`, `${name} added at ${where}`];
  };
}

/** Right after the `[components.bash]` header line (its own key/values). */
const afterBashHeader = (text: string) => {
  const h = text.indexOf('[components.bash]\n');
  return h < 0 ? text.length : h + '[components.bash]\n'.length;
};

/** After a header line in the middle of components.toml, from a random place. */
const afterSomeHeader = (text: string, rand: () => number) => {
  const h = text.indexOf('\n[components.', Math.floor(rand() * text.length));
  return h < 0 ? text.length : text.indexOf('\n', h + 1) + 1;
};

const bashPatterns = toggle(BASH, 'patterns', 'overlay-files = ["prune-*.toml"]\n', afterBashHeader);
const bashOrigin = toggle(
  BASH,
  'origin',
  `[[components.bash.source-files]]\nfilename = "${ARCHIVE}"\nhash = "00"\nhash-type = "SHA256"\nreplace-upstream = true\nreplace-reason = "r"\norigin = { type = "overlay" }\n`,
  (t) => t.length,
);
const bashArchiveOverlay = toggle(BASH, 'overlay', OVERLAY.replace('[[overlays]]', '[[components.bash.overlays]]'), (t) => t.length);
const pruneOverlay = toggle(PRUNE_A, 'overlay', OVERLAY.replace(ARCHIVE, 'other.tar.gz'), (t) => t.length);
const pruneOverlayB = toggle(PRUNE_B, 'overlay', OVERLAY, (t) => t.length);
/** A component of components.toml loads the same overlay documents (its patterns relative to components.toml). */
const componentPatterns = toggle(COMPONENTS, 'patterns', 'overlay-files = [\n  "bash/zz-*.toml",\n  "bash/prune-*.toml",\n  "bash/zz-*.toml",\n]\n', afterSomeHeader);

/** Inside that component's patterns list (an edit inside an array, which may change the model in place): `prune-b` alone, or back. */
const patternItem: Step = (texts) => {
  const text = texts.get(COMPONENTS) as string;
  const at = text.indexOf('  "bash/prune-');
  if (at < 0) return [COMPONENTS, text, 'no patterns'];
  const star = at + '  "bash/prune-'.length;
  return text.startsWith('b*', star) ? [COMPONENTS, text.slice(0, star) + text.slice(star + 1), 'pattern back'] : [COMPONENTS, text.slice(0, star) + 'b' + text.slice(star), 'pattern narrowed'];
};
const componentUpstream = toggle(COMPONENTS, 'upstream', 'spec = { type = "upstream", upstream-distro = { name = "fedora" } }\n', afterSomeHeader);
const componentOrigin = toggle(COMPONENTS, 'origin', `source-files = [{ filename = "${ARCHIVE}", hash = "00", hash-type = "SHA256", origin = { type = "overlay" } }]\n`, afterSomeHeader);
const groupArchive = toggle(
  GROUPS,
  'group',
  `[component-groups.zz-archives]\ncomponents = ["bash", "acl"]\n[[component-groups.zz-archives.default-component-config.overlays]]\ntype = "file-remove"\narchive = "${ARCHIVE}"\nfile = "vendor/**"\n`,
  (t) => t.length,
);

/** The stage2 default config's upstream version dropped (every component inherits a name without a version), or back. */
const baseVersion: Step = (texts) => {
  const text = texts.get(AZL) as string;
  const stage2 = text.indexOf("[distros.azurelinux.versions.'4.0-stage2'.default-component-config]");
  const v = text.indexOf('version = "43", ', stage2);
  if (stage2 < 0) return [AZL, text, 'no stage2 config'];
  if (v >= 0) return [AZL, text.slice(0, v) + 'xversion = "43", ' + text.slice(v + 'version = "43", '.length), 'stage2 upstream version dropped'];
  const x = text.indexOf('xversion = "43", ', stage2);
  return x < 0 ? [AZL, text, 'no stage2 version'] : [AZL, text.slice(0, x) + text.slice(x + 1), 'stage2 upstream version back'];
};

/** fedora's default-version commented out (a name without a version then resolves to nothing), or back. */
const fedoraDefault: Step = (texts) => {
  const text = texts.get(FEDORA) as string;
  const at = text.indexOf('default-version = "43"');
  if (at < 0) return [FEDORA, text, 'no default-version'];
  return text.startsWith('#', at - 1) ? [FEDORA, text.slice(0, at - 1) + text.slice(at), 'default-version back'] : [FEDORA, text.slice(0, at) + '#' + text.slice(at), 'default-version commented out'];
};

/** A header of components.toml renamed to `[componentsx.…]`, or back. */
const renameHeader: Step = (texts, rand) => {
  const text = texts.get(COMPONENTS) as string;
  const renamed = text.indexOf('[componentsx.');
  if (renamed >= 0) return [COMPONENTS, text.slice(0, renamed) + '[components.' + text.slice(renamed + '[componentsx.'.length), 'header renamed back'];
  const at = text.indexOf('\n[components.', Math.floor(rand() * text.length)) + 1;
  if (at <= 0) return [COMPONENTS, text, 'no header after the place'];
  return [COMPONENTS, text.slice(0, at) + '[componentsx.' + text.slice(at + '[components.'.length), `header at ${at} renamed`];
};

/**
 * components.toml's includes: its components' pattern narrowed to the files starting with `b` (the others are then
 * reached by nothing), or back; or the disablement file's entry dropped, or back. The walk is redone; what the last
 * state kept of the tree and of each component is carried over.
 */
const includesEdit: Step = (texts, rand) => {
  const text = texts.get(COMPONENTS) as string;
  if (text.includes('"**/b*.comp.toml"')) return [COMPONENTS, text.replace('"**/b*.comp.toml"', '"**/*.comp.toml"'), 'components pattern back'];
  if (text.includes('"component-check-disablement.toml"]')) {
    return rand() < 0.5 ? [COMPONENTS, text.replace('"**/*.comp.toml"', '"**/b*.comp.toml"'), 'components pattern narrowed'] : [COMPONENTS, text.replace(', "component-check-disablement.toml"]', ']'), 'disablement file dropped'];
  }
  return [COMPONENTS, text.replace('includes = ["**/*.comp.toml"]', 'includes = ["**/*.comp.toml", "component-check-disablement.toml"]'), 'disablement file back'];
};

/** sdk.packages.toml: a typo in the description near the top, or a character inside an item of the array. */
const sdkEdit: Step = (texts, rand) => {
  const text = texts.get(SDK) as string;
  if (rand() < 0.5) {
    const at = text.indexOf('description = "') + 'description = "'.length;
    return text.startsWith('zz', at) ? [SDK, text.slice(0, at) + text.slice(at + 2), 'description back'] : [SDK, text.slice(0, at) + 'zz' + text.slice(at), 'description typo'];
  }
  const items = [...text.matchAll(/^\s+"([^"\n]+)",/gm)];
  const m = items[Math.floor(rand() * items.length)];
  if (!m) return [SDK, text, 'no item'];
  const at = (m.index as number) + m[0].indexOf('"') + 1;
  return [SDK, text.slice(0, at) + 'q' + text.slice(at), `item ${m[1]} edited`];
};

/** A random edit of one of the files (broken quotes, brackets, headers, lines copied or dropped). */
const random: Step = (texts, rand) => {
  const files = [COMPONENTS, BASH, PRUNE_A, GROUPS, SDK, FEDORA, AZL];
  const file = files[Math.floor(rand() * files.length)] as string;
  const edit = randomEdit(texts.get(file) as string, rand);
  return [file, edit.text, `random: ${edit.label}`];
};

const STEPS: Step[] = [
  bashPatterns,
  bashOrigin,
  pruneOverlay,
  pruneOverlayB,
  componentUpstream,
  fedoraDefault,
  renameHeader,
  componentUpstream,
  baseVersion,
  sdkEdit,
  includesEdit,
  componentPatterns,
  patternItem,
  bashArchiveOverlay,
  componentOrigin,
  groupArchive,
  renameHeader,
  sdkEdit,
  baseVersion,
  bashOrigin,
  componentOrigin,
  includesEdit,
  patternItem,
  includesEdit,
  random,
];

test('project checks after each edit equal a fresh service: overlay files, archive pairing, unreached files, distro resolution', () => {
  const rand = prng(1414);
  const buffers = new Map<string, string>([
    [PRUNE_A, OVERLAY_DOC.replace(`${OVERLAY}`, '')],
    [PRUNE_B, OVERLAY_DOC.replace(`${OVERLAY}`, '')],
  ]);
  const texts = new Map([COMPONENTS, BASH, GROUPS, SDK, AZL, FEDORA].map((f) => [f, readFileSync(f, 'utf8')]));
  for (const [f, t] of buffers) texts.set(f, t);
  const incremental = newService(buffers);
  incremental.projectDiagnostics(corpusRoot);
  const definedWithOverlays = new DefinedWithOverlays();
  let planned = 0;
  const seen = replayProjectEdits({
    steps: STEPS,
    count: Number(process.env['DISTRO_TOML_PROJECT_CHECK_STEPS']) || 46,
    rand,
    texts,
    buffers,
    incremental,
    fresh: newService,
    alsoCompare: (inc, scratch, where) => {
      assert.deepStrictEqual(inc.projects.overlayFiles(corpusRoot), scratch.projects.overlayFiles(corpusRoot), `${where} (overlay files)`);
      // What the server plans an overlay check for after each keystroke, kept per definition across the chain.
      for (const file of [COMPONENTS, BASH]) {
        const kept = definedWithOverlays.of(inc.projects.model(corpusRoot), file);
        assert.deepStrictEqual(kept, componentsDefinedWithOverlays(scratch.projects.model(corpusRoot), file), `${where} (components of ${path.basename(file)} with overlays)`);
        if (file === COMPONENTS) planned += kept.length;
      }
    },
  });
  assert.ok(planned > 0, 'some step gave a component of components.toml overlays of its own');
  // The edits reached each check.
  for (const code of ['archive-overlay-origin-missing', 'archive-overlay-origin-orphaned', 'spec-no-distro-version', 'project-file-not-included']) {
    assert.ok(seen.has(code), `some step reported ${code} (seen: ${[...seen].join(', ')})`);
  }
});
