// `distro-toml check` applies overlays: the built CLI on the real tree with upstream specs reconstructed from
// azldev's rendered specs (--specs-dir), where every overlay applies; and on a copy of the tree with seeded
// render-time failures, each reported at the exact range with exit 1. The upstream cache is an empty folder, so
// only local specs and the specs folder are at hand.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DocumentCache } from '../../../server/src/core/documentCache';
import { diskFileSystem } from '../../../server/src/core/fs';
import { loadProject } from '../../../server/src/core/project/projectModel';
import { componentsWithOverlays } from '../../../server/src/core/render';
import { LineIndex } from '../../../server/src/core/text/lineIndex';
import { CORPUS_ROOT, DIST, tempDir } from '../../support/paths';
import { writeDerivedSpecsDir, type DerivedSpecs } from './derivedSpecsDir';

const RENDERED = path.resolve(CORPUS_ROOT, '..', 'rendered-specs');

interface JsonDiagnostic {
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: string;
  code: string;
  message: string;
}

interface JsonOutput {
  diagnostics: JsonDiagnostic[];
  overlays: { judged: number; notJudged: number; notJudgedComponents: { component: string; reason: string }[] };
}

const scratch = tempDir('distro-toml-check-overlays-');
const specsDir = path.join(scratch, 'specs');
const emptyCache = path.join(scratch, 'cache');
fs.mkdirSync(emptyCache);

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), ...args], { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, XDG_CACHE_HOME: emptyCache } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function copyTree(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
}

describe('check renders overlays against the specs at hand', () => {
  let derived: DerivedSpecs;
  let realJudged = -1;
  const model = loadProject(new DocumentCache(diskFileSystem), path.join(CORPUS_ROOT, 'azldev.toml'));

  before(() => {
    derived = writeDerivedSpecsDir(model, RENDERED, specsDir);
  });
  after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  test('the real tree stays at 0 errors with every reconstructed spec (3 Release warnings), and says what it could not judge', () => {
    const r = cli(['check', '.', '--specs-dir', specsDir, '--format', 'json'], CORPUS_ROOT);
    assert.equal(r.code, 0, r.stderr + r.stdout.slice(0, 4000));
    const out = JSON.parse(r.stdout) as JsonOutput;
    // The only warnings: three Release values azldev cannot bump under release.calculation "auto" (lint/guideRewrites.test.ts).
    assert.deepEqual(out.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').map((d) => d.code), ['release-not-bumpable', 'release-not-bumpable', 'release-not-bumpable']);
    const withOverlays = componentsWithOverlays(model);
    const local = withOverlays.filter((n) => !derived.written.includes(n) && fs.existsSync(path.join(path.dirname(model.unions.components.get(n)?.file ?? ''), `${n}.spec`)));
    const expectedJudged = withOverlays.filter((n) => derived.written.includes(n)).length + local.length;
    process.stdout.write(`# check --specs-dir: ${withOverlays.length} components with overlays or a check skip; ${out.overlays.judged} judged (${local.length} local), ${out.overlays.notJudged} not judged\n`);
    assert.equal(out.overlays.judged, expectedJudged);
    realJudged = out.overlays.judged;
    assert.ok(out.overlays.judged >= 30, `only ${out.overlays.judged} components judged`);
    assert.equal(out.overlays.judged + out.overlays.notJudged, withOverlays.length);
    assert.equal(out.overlays.notJudgedComponents.length, out.overlays.notJudged);
    for (const n of out.overlays.notJudgedComponents) assert.ok(!derived.written.includes(n.component), n.component);

    const text = cli(['check', '.', '--specs-dir', specsDir], CORPUS_ROOT);
    assert.equal(text.code, 0);
    assert.match(text.stderr, /^2\d\d files checked: 0 errors, 3 warnings, \d+ information$/m);
    assert.match(text.stderr, new RegExp(`^overlays checked against the spec of ${out.overlays.judged} components; ${out.overlays.notJudged} components not judged for lack of a spec \\(pass --specs-dir DIR`, 'm'));
  });

  test('a --specs-dir that is no directory is bad usage (exit 2)', () => {
    const r = cli(['check', '.', '--specs-dir', path.join(scratch, 'missing')], CORPUS_ROOT);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^distro-toml: --specs-dir .*missing: no such directory$/m);
  });

  test('seeded render-time failures are errors at the exact range, with exit 1, in every format', () => {
    const tree = path.join(scratch, 'tree');
    copyTree(CORPUS_ROOT, tree);
    const fileOf = (name: string) => model.unions.components.get(name)?.file ?? '';
    // A component with its own file and `[[components.NAME.overlays]]` blocks, and one with no build settings
    // whose spec has no %check.
    const withBlocks = derived.written.find((n) => path.basename(fileOf(n)) === `${n}.comp.toml` && fs.readFileSync(fileOf(n), 'utf8').includes(`[[components.${n}.overlays]]`));
    const noCheck = derived.written.find((n) => n !== withBlocks && path.basename(fileOf(n)) === `${n}.comp.toml` && !fs.readFileSync(fileOf(n), 'utf8').includes('build') && !/^%check\b/m.test(fs.readFileSync(path.join(specsDir, n, `${n}.spec`), 'utf8')));
    assert.ok(withBlocks && noCheck, 'the corpus has components to seed');
    const seed = (name: string, added: string): { file: string; at: number } => {
      const file = path.join(tree, path.relative(CORPUS_ROOT, fileOf(name)));
      const before = fs.readFileSync(file, 'utf8').replace(/\n*$/, '\n\n');
      fs.writeFileSync(file, before + added);
      return { file, at: before.length };
    };
    const regexBlock = `[[components.${withBlocks}.overlays]]\ndescription = "seeded: a regex that matches nothing"\ntype = "spec-search-replace"\nsection = "%prep"\nregex = '^no such line in this spec$'\nreplacement = "x"\n`;
    const tagBlock = `\n[[components.${withBlocks}.overlays]]\ndescription = "seeded: a tag that is not there"\ntype = "spec-remove-tag"\ntag = "X-No-Such-Tag"\n`;
    const seededRegex = seed(withBlocks, regexBlock + tagBlock);
    const skipText = `[components.${noCheck}.build]\ncheck = { skip = true, skip_reason = "seeded: the spec has no %check" }\n`;
    const seededSkip = seed(noCheck, skipText);

    const r = cli(['check', '.', '--specs-dir', specsDir, '--format', 'json'], tree);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout) as JsonOutput;
    const failures = out.diagnostics.filter((d) => d.severity === 'error');
    const rangeOf = (file: string, start: number, end: number) => new LineIndex(fs.readFileSync(file, 'utf8')).rangeAt(start, end);
    const rel = (f: string) => path.relative(tree, f);
    // An overlay's place is its `[[…overlays]]` header, as in the editor.
    const header = `[[components.${withBlocks}.overlays]]`;
    const regexAt = seededRegex.at;
    const tagAt = seededRegex.at + regexBlock.length + 1;
    const skipAt = seededSkip.at + skipText.indexOf('skip = true');
    assert.deepEqual(
      failures.map((d) => ({ file: d.file, range: d.range, code: d.code })),
      [
        { file: rel(seededRegex.file), range: rangeOf(seededRegex.file, regexAt, regexAt + header.length), code: 'overlay-does-not-apply' },
        { file: rel(seededRegex.file), range: rangeOf(seededRegex.file, tagAt, tagAt + header.length), code: 'overlay-does-not-apply' },
        { file: rel(seededSkip.file), range: rangeOf(seededSkip.file, skipAt, skipAt + 'skip = true'.length), code: 'check-skip-does-not-apply' },
      ].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)),
    );
    const messages = failures.map((d) => d.message);
    assert.deepEqual(messages.sort(), [
      `check.skip prepends \`exit 0\` to %check, which fails against ${path.join(specsDir, noCheck)}: failed to prepend lines to spec:\nsection \`%check\` (package=\`\`) not found:\nsection not found`,
      `spec-remove-tag overlay fails against ${path.join(specsDir, withBlocks)}: failed to remove tag \`X-No-Such-Tag\` from spec:\ntag \`X-No-Such-Tag\` with value \`\` not found in spec:\nno such tag`,
      `spec-search-replace overlay fails against ${path.join(specsDir, withBlocks)}: failed to search and replace in spec:\npattern \`^no such line in this spec$\` not found (section=\`%prep\`, package=\`\`):\npattern not found`,
    ]);
    // The seeded check skip makes one more component worth rendering; it is judged like the others.
    assert.equal(out.overlays.judged, realJudged + 1);

    const text = cli(['check', '.', '--specs-dir', specsDir], tree);
    assert.equal(text.code, 1);
    const regexRange = rangeOf(seededRegex.file, regexAt, regexAt + header.length);
    assert.ok(text.stdout.includes(`${rel(seededRegex.file)}:${regexRange.start.line + 1}:1 error overlay-does-not-apply spec-search-replace overlay fails against `), text.stdout);
    assert.match(text.stderr, /^2\d\d files checked: 3 errors, 3 warnings, \d+ information$/m);

    const sarif = JSON.parse(cli(['check', '.', '--specs-dir', specsDir, '--format', 'sarif'], tree).stdout) as {
      runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[]; properties: { overlays: { judged: number; notJudged: number } } }[];
    };
    const run = sarif.runs[0];
    assert.deepEqual(run?.properties.overlays, { judged: out.overlays.judged, notJudged: out.overlays.notJudged });
    const skipResult = run?.results.find((x) => x.ruleId === 'check-skip-does-not-apply');
    const skipRange = rangeOf(seededSkip.file, skipAt, skipAt + 1);
    assert.deepEqual(skipResult?.locations[0]?.physicalLocation.region && { ...skipResult.locations[0].physicalLocation.region, endLine: undefined, endColumn: undefined }, {
      startLine: skipRange.start.line + 1,
      startColumn: skipRange.start.character + 1,
      endLine: undefined,
      endColumn: undefined,
    });
  });
});
