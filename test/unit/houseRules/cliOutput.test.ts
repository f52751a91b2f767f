// `distro-toml check` as CI runs it (the built dist/cli.js in a child process): --fail-on and the exit codes,
// the summary's counts, --rule over the project's .distro-toml.toml, ignore comments, GitHub workflow
// annotations with their escaping, SARIF that validates against the SARIF 2.1.0 schema with rule metadata
// and fingerprints that survive moved lines, and colour only where it belongs.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { escapeData, escapeProperty, githubAnnotation } from '../../../server/src/output/githubAnnotations';
import { RULE_CODES } from '../../../server/src/core/ruleCatalog';
import { CORPUS_ROOT, DIST, REPO_ROOT, tempProject } from '../../support/paths';
import { sarifSchemaErrors } from '../../support/sarifSchema';

function cli(args: string[], cwd: string, env: Record<string, string> = {}) {
  const clean = { ...process.env };
  delete clean.NO_COLOR;
  delete clean.FORCE_COLOR;
  const r = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), ...args], { cwd, encoding: 'utf8', timeout: 120_000, env: { ...clean, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const AZLDEV = 'includes = ["comps/*.comp.toml"]\n\n[project]\ndefault-distro = { name = "fedora", version = "43" }\n\n[distros.fedora]\ndefault-version = "43"\n\n[distros.fedora.versions.43]\nrelease-ver = "43"\n';
// One information (no description) and one warning (Name: changed).
const COMP = '[components.a]\n\n[[components.a.overlays]]\ntype = "spec-set-tag"\ntag = "Name"\nvalue = "b, 100% \\"odd\\": yes"\n';

describe('check --fail-on and the summary', () => {
  it('exits 1 only when a finding at or above --fail-on is printed, and counts every severity', () => {
    const dir = tempProject({ 'azldev.toml': AZLDEV, 'comps/a.comp.toml': COMP });
    const plain = cli(['check'], dir);
    assert.equal(plain.code, 0, plain.stdout + plain.stderr);
    assert.match(plain.stderr, /^2 files checked: 0 errors, 1 warning, 1 information$/m);
    assert.equal(cli(['check', '--fail-on', 'warning'], dir).code, 1);
    assert.equal(cli(['check', '--fail-on=information'], dir).code, 1);
    const noWarning = cli(['check', '--fail-on', 'warning', '--rule', 'guide-name-tag=information'], dir);
    assert.equal(noWarning.code, 0, noWarning.stdout);
    assert.match(noWarning.stderr, /0 errors, 0 warnings, 2 information$/m);
    assert.equal(cli(['check', '--fail-on', 'hint'], dir).code, 2);
  });

  it('--rule over .distro-toml.toml: the project file sets the team level, the flag overrides it', () => {
    const dir = tempProject({ 'azldev.toml': AZLDEV, 'comps/a.comp.toml': COMP, '.distro-toml.toml': '[rules]\nguide-overlay-description = "error"\n' });
    const team = cli(['check'], dir);
    assert.equal(team.code, 1);
    assert.match(team.stdout, /^comps\/a\.comp\.toml:3:1 error guide-overlay-description /m);
    const local = cli(['check', '--rule', 'guide-overlay-description=off', '--rule', 'guide-name-tag=error'], dir);
    assert.equal(local.code, 1);
    assert.deepEqual(local.stdout.trim().split('\n').map((l) => l.split(' ').slice(1, 3).join(' ')), ['error guide-name-tag']);
  });

  it('a broken .distro-toml.toml fails the check at the bad line; a bad --rule is a usage error', () => {
    const dir = tempProject({ 'azldev.toml': AZLDEV, 'comps/a.comp.toml': COMP, '.distro-toml.toml': '[rules]\nguide-name-tag = "fatal"\n' });
    const r = cli(['check'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^\.distro-toml\.toml:2:18 error house-rules-invalid The level of 'guide-name-tag' must be one of/m);
    const bad = cli(['check', '--rule', 'guide-name-tg=off'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /'guide-name-tg' is not a rule code \(did you mean 'guide-name-tag'\?\)/);
  });

  it('an ignore comment silences the line in CI as in the editor; a stale one is reported', () => {
    const text = COMP.replace('tag = "Name"', 'tag = "Name"  # distro-toml: ignore[guide-name-tag] imported under another name').replace('[[components.a.overlays]]', '# distro-toml: ignore[guide-inline-overlays]\n[[components.a.overlays]]');
    const dir = tempProject({ 'azldev.toml': AZLDEV, 'comps/a.comp.toml': text });
    const r = cli(['check', '--format', 'json'], dir);
    const codes = (JSON.parse(r.stdout) as { diagnostics: { code: string; range: { start: { line: number } } }[] }).diagnostics.map((d) => `${d.range.start.line + 1} ${d.code}`);
    assert.deepEqual(codes, ['3 unused-ignore', '4 guide-overlay-description']);
  });

  it('a stale ignore comment is reported in a file with no other finding, as the editor reports it', () => {
    // The real tree's sdk.packages.toml has no finding; an ignore above its packages array silences nothing.
    const dir = tempProject({});
    fs.cpSync(CORPUS_ROOT, dir, { recursive: true });
    const rel = path.join('base', 'packages', 'sdk.packages.toml');
    const file = path.join(dir, rel);
    const original = fs.readFileSync(file, 'utf8');
    const withIgnore = original.replace('\npackages = [', '\n# distro-toml: ignore[schema-unique-items]\npackages = [');
    assert.notEqual(withIgnore, original);
    const line = withIgnore.slice(0, withIgnore.indexOf('# distro-toml')).split('\n').length;
    fs.chmodSync(file, 0o644);
    fs.writeFileSync(file, withIgnore);
    const found = (args: string[]) => (JSON.parse(cli(['check', '--format', 'json', ...args], dir).stdout) as { diagnostics: { file: string; code: string; range: { start: { line: number } } }[] }).diagnostics.filter((d) => d.file === rel).map((d) => `${d.range.start.line + 1} ${d.code}`);
    assert.deepEqual(found([]), [`${line} unused-ignore`]);
    assert.deepEqual(found([rel]), [`${line} unused-ignore`]);
    fs.writeFileSync(file, original);
    assert.deepEqual(found([]), []);
  });
});

describe('check --format github', () => {
  it('escapes the message and the properties as the runner reads them', () => {
    assert.equal(escapeData('100% done\r\nnext: a, b'), '100%25 done%0D%0Anext: a, b');
    // A name from the tree with an ANSI escape or a bidirectional override reaches the log written out, not raw.
    assert.equal(escapeData('component \u001b]0;owned\u0007x\u202e'), 'component \\x1b]0;owned\\x07x\\u202e');
    assert.equal(escapeProperty('dir\u001b[31m/a.toml'), 'dir\\x1b[31m/a.toml');
    assert.equal(escapeProperty('a:b,c%\n'), 'a%3Ab%2Cc%25%0A');
    assert.equal(
      githubAnnotation({ level: 'warning', file: 'dir,x/a:b.toml', line: 3, col: 1, endLine: 3, endColumn: 9, title: 'guide-name-tag', message: 'it says "50%"\nand more' }),
      '::warning file=dir%2Cx/a%3Ab.toml,line=3,col=1,endLine=3,endColumn=9,title=guide-name-tag::it says "50%25"%0Aand more',
    );
  });

  it('prints one annotation per finding, information as notice', () => {
    const dir = tempProject({ 'azldev.toml': AZLDEV, 'comps/a.comp.toml': COMP.replace('value = "b, 100% \\"odd\\": yes"', 'value = "b"') });
    const r = cli(['check', '--format', 'github'], dir);
    assert.equal(r.code, 0);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 2, r.stdout);
    assert.match(lines[0] as string, /^::notice file=comps\/a\.comp\.toml,line=3,col=1,endLine=3,endColumn=26,title=guide-overlay-description::overlay 1 of component `a` has no description/);
    assert.match(lines[1] as string, /^::warning file=comps\/a\.comp\.toml,line=5,col=7,endLine=5,endColumn=13,title=guide-name-tag::/);
  });
});

type Sarif = {
  runs: {
    tool: { driver: { rules: { id: string; shortDescription: { text: string }; fullDescription: { text: string }; help: { text: string; markdown: string }; defaultConfiguration: { level: string } }[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    invocations: { ruleConfigurationOverrides?: { descriptor: { id: string }; configuration: { level?: string; enabled?: boolean } }[] }[];
    results: { ruleId: string; ruleIndex: number; level: string; partialFingerprints: Record<string, string>; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number } } }[]; relatedLocations?: unknown[] }[];
  }[];
};

describe('check --format sarif', () => {
  it('validates against the SARIF 2.1.0 schema on the real tree', () => {
    const r = cli(['check', '.', '--format', 'sarif', '--hints'], CORPUS_ROOT);
    assert.equal(r.code, 0, r.stderr);
    const log = JSON.parse(r.stdout) as Sarif;
    assert.deepEqual(sarifSchemaErrors(log), []);
    const run = log.runs[0];
    assert.ok(run && run.results.length > 10);
    assert.equal(run.originalUriBaseIds.SRCROOT?.uri, pathToFileURL(fs.realpathSync(CORPUS_ROOT)).href + '/');
    for (const res of run.results) {
      assert.equal(run.tool.driver.rules[res.ruleIndex]?.id, res.ruleId);
      assert.equal(res.locations[0]?.physicalLocation.artifactLocation.uriBaseId, 'SRCROOT');
      assert.ok(!path.isAbsolute(res.locations[0]?.physicalLocation.artifactLocation.uri ?? '/'));
    }
    // The schema checks the shape, not that it says anything: a bad log is refused.
    assert.ok(sarifSchemaErrors({ ...log, runs: [{ ...run, results: [{ ...run.results[0], level: 'information' }] }] }).length > 0);
  });

  it('describes every rule with its help and default level, and carries house-rule levels as overrides', () => {
    const dir = tempProject({
      'azldev.toml': AZLDEV,
      'comps/a.comp.toml': COMP,
      'comps/b.comp.toml': '[components.a]\n',
      '.distro-toml.toml': '[rules]\nguide-name-tag = "error"\n',
    });
    const log = JSON.parse(cli(['check', '--format', 'sarif', '--rule', 'guide-overlay-description=off'], dir).stdout) as Sarif;
    assert.deepEqual(sarifSchemaErrors(log), []);
    const run = log.runs[0];
    assert.ok(run);
    assert.deepEqual(run.tool.driver.rules.map((r) => r.id), [...RULE_CODES]);
    const nameTag = run.tool.driver.rules.find((r) => r.id === 'guide-name-tag');
    assert.equal(nameTag?.defaultConfiguration.level, 'warning');
    assert.match(nameTag?.fullDescription.text ?? '', /never to change it/);
    assert.match(nameTag?.help.markdown ?? '', /^\*\*An overlay that changes `Name:`\.\*\*/);
    assert.deepEqual(
      run.results.map((r) => [r.ruleId, r.level]),
      [
        ['project-duplicate-component', 'error'],
        ['guide-name-tag', 'error'],
        ['project-duplicate-component', 'error'],
      ],
    );
    assert.ok(run.results[0]?.relatedLocations?.length);
    assert.deepEqual(
      run.invocations[0]?.ruleConfigurationOverrides?.map((o) => [o.descriptor.id, o.configuration]),
      [['guide-overlay-description', { enabled: false }]],
    );
  });

  it('keeps each finding\'s fingerprint when lines above it move, and tells two findings apart', () => {
    const files = { 'azldev.toml': AZLDEV, 'comps/a.comp.toml': COMP };
    const dir = tempProject(files);
    const before = JSON.parse(cli(['check', '--format', 'sarif'], dir).stdout) as Sarif;
    fs.writeFileSync(path.join(dir, 'comps/a.comp.toml'), '# a comment\n\n' + COMP);
    const after = JSON.parse(cli(['check', '--format', 'sarif'], dir).stdout) as Sarif;
    const prints = (s: Sarif) => s.runs[0]?.results.map((r) => r.partialFingerprints['distroToml/v1']);
    assert.deepEqual(prints(after), prints(before));
    assert.equal(new Set(prints(before)).size, 2);
    assert.deepEqual(after.runs[0]?.results.map((r) => r.locations[0]?.physicalLocation.region.startLine), before.runs[0]?.results.map((r) => (r.locations[0]?.physicalLocation.region.startLine ?? 0) + 2));
  });
});

describe('colour', () => {
  const dir = () => tempProject({ 'azldev.toml': AZLDEV, 'comps/a.comp.toml': COMP });
  const ESC = '\u001b[';
  it('none when piped, none with NO_COLOR; FORCE_COLOR and --color always turn it on, FORCE_COLOR=0 off', () => {
    const d = dir();
    assert.ok(!cli(['check'], d).stdout.includes(ESC));
    assert.ok(!cli(['check'], d, { NO_COLOR: '1' }).stdout.includes(ESC));
    const forced = cli(['check'], d, { FORCE_COLOR: '1' });
    assert.ok(forced.stdout.includes(`${ESC}33mwarning${ESC}0m`), forced.stdout);
    assert.ok(forced.stderr.includes(`${ESC}33m1 warning${ESC}0m`), forced.stderr);
    assert.ok(!cli(['check'], d, { FORCE_COLOR: '0' }).stdout.includes(ESC));
    assert.ok(cli(['check', '--color', 'always'], d, { NO_COLOR: '1' }).stdout.includes(ESC));
    assert.ok(!cli(['check', '--color=never'], d, { FORCE_COLOR: '1' }).stdout.includes(ESC));
  });
});

describe('check --help', () => {
  it('covers every flag the parser accepts', () => {
    const help = cli(['check', '--help'], CORPUS_ROOT).stdout;
    // The flags check's argument parser tests for (server/src/cliCheckCommand.ts, parseArgs).
    const cliSource = fs.readFileSync(path.join(REPO_ROOT, 'server', 'src', 'cliCheckCommand.ts'), 'utf8');
    const parser = cliSource.slice(cliSource.indexOf('function parseArgs'), cliSource.indexOf('export async function runCheckCommand'));
    const flags = new Set([...parser.matchAll(/a === '(--[a-z-]+)'/g)].map((m) => m[1] as string));
    assert.ok(flags.size >= 10, [...flags].join(' '));
    for (const flag of flags) assert.ok(help.includes(flag), `${flag} is not in --help`);
  });
});
