// Tests for our JSON schemas in schemas/: they compile, accept the whole real corpus, state at least what
// the corpus's vendored azldev schema states, reject seeded mistakes with the exact ajv error, and agree
// with the verdicts of azldev's own Go validation tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import { parse } from 'smol-toml';
import { metadataVectors, overlayVectors } from './azldevVectors';

function findRepoRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + __dirname);
    dir = parent;
  }
  return dir;
}

const repoRoot = findRepoRoot();
const corpusDir = path.resolve(repoRoot, '..', 'shared', 'corpus', 'azurelinux-4.0');
const vendoredSchemaPath = path.join(corpusDir, 'external', 'schemas', 'azldev.schema.json');

type JsonObject = Record<string, unknown>;

function readJson(file: string): JsonObject {
  return JSON.parse(readFileSync(file, 'utf8')) as JsonObject;
}

const mainSchema = readJson(path.join(repoRoot, 'schemas', 'azldev.schema.json'));
const overlayFileSchema = readJson(path.join(repoRoot, 'schemas', 'azldev-overlay-file.schema.json'));

interface Compiled {
  ajv: Ajv2020;
  config: ValidateFunction;
  warnings: string[];
}

/** Compiles as our pipeline does (ajv 2020, allErrors, not strict, no format plugin), keeping ajv's warnings. */
function compile(configSchema: JsonObject): Compiled {
  const warnings: string[] = [];
  const keep = (...args: unknown[]): void => void warnings.push(args.join(' '));
  const ajv = new Ajv2020({ allErrors: true, strict: false, logger: { log: () => undefined, warn: keep, error: keep } });
  ajv.addSchema(configSchema);
  const config = ajv.getSchema(String(configSchema.$id));
  assert.ok(config, 'config schema is registered under its $id');
  return { ajv, config, warnings };
}

const ours = compile(mainSchema);
// The overlay-file schema refers to the main schema's $defs, so it is compiled into the same ajv instance.
const oursOverlayFile = ours.ajv.compile(overlayFileSchema);

/** [instancePath, keyword] of every error, in ajv's order. */
function errorsOf(validate: ValidateFunction, doc: unknown): [string, string][] {
  validate(doc);
  return (validate.errors ?? []).map((e: ErrorObject) => [e.instancePath, e.keyword]);
}

function tomlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tomlFiles(full);
    return entry.name.endsWith('.toml') ? [full] : [];
  });
}

test('both schemas compile; the only ajv warnings are for formats our pipeline leaves unchecked', () => {
  assert.equal(typeof ours.config, 'function');
  assert.equal(typeof oursOverlayFile, 'function');
  assert.equal(oursOverlayFile.schema, overlayFileSchema);
  const unexpected = ours.warnings.filter((w) => !/^unknown format "(date-time|uri)" ignored/.test(w));
  assert.deepEqual(unexpected, []);
});

test('the vendored azldev schema compiles', () => {
  const vendored = compile(readJson(vendoredSchemaPath));
  assert.equal(typeof vendored.config, 'function');
});

test('every TOML file of the corpus validates with no errors against our schema and the vendored one', () => {
  const files = tomlFiles(corpusDir);
  assert.ok(files.length > 200, `expected the whole corpus, found ${files.length} TOML files`);
  const vendored = compile(readJson(vendoredSchemaPath)).config;
  const failures: string[] = [];
  for (const file of files) {
    const doc = parse(readFileSync(file, 'utf8'));
    const rel = path.relative(corpusDir, file);
    for (const [label, validate] of [['ours', ours.config], ['vendored', vendored]] as const) {
      if (!validate(doc)) failures.push(`${label} ${rel}: ${JSON.stringify(validate.errors)}`);
    }
  }
  assert.deepEqual(failures, []);
});

test('our schema keeps every definition, property, type, enum value and closed object of the vendored azldev schema', () => {
  const theirs = readJson(vendoredSchemaPath).$defs as Record<string, JsonObject>;
  const mine = mainSchema.$defs as Record<string, JsonObject>;
  const problems: string[] = [];
  const resolveType = (p: JsonObject): unknown => (typeof p.$ref === 'string' ? mine[p.$ref.replace('#/$defs/', '')]?.type : p.type);
  for (const [name, def] of Object.entries(theirs)) {
    const own = mine[name];
    if (!own) { problems.push(`missing $defs/${name}`); continue; }
    if (def.additionalProperties === false && own.additionalProperties !== false) problems.push(`${name} is no longer closed`);
    if (def.type !== own.type) problems.push(`${name} type ${String(own.type)}`);
    const ownProps = (own.properties ?? {}) as Record<string, JsonObject>;
    for (const [prop, spec] of Object.entries((def.properties ?? {}) as Record<string, JsonObject>)) {
      const mineProp = ownProps[prop];
      if (!mineProp) { problems.push(`${name}.${prop} missing`); continue; }
      if (spec.type !== undefined && spec.type !== resolveType(mineProp)) problems.push(`${name}.${prop} type`);
      if (Array.isArray(spec.enum)) {
        const ownEnum = (mineProp.enum ?? []) as unknown[];
        for (const value of spec.enum) if (!ownEnum.includes(value)) problems.push(`${name}.${prop} lost enum value ${JSON.stringify(value)}`);
      }
      if (spec.$ref !== undefined && spec.$ref !== mineProp.$ref) problems.push(`${name}.${prop} $ref ${String(mineProp.$ref)}`);
    }
  }
  assert.deepEqual(problems, []);
});

test('every property has a title and a description, and every enum documents each value', () => {
  const problems: string[] = [];
  for (const [name, def] of Object.entries(mainSchema.$defs as Record<string, JsonObject>)) {
    for (const [prop, spec] of Object.entries((def.properties ?? {}) as Record<string, JsonObject>)) {
      if (name === 'ComponentEntry') continue;
      if (typeof spec.title !== 'string' || typeof spec.description !== 'string') problems.push(`${name}.${prop} lacks title/description`);
      if (Array.isArray(spec.enum)) {
        const md = spec.markdownEnumDescriptions;
        if (!Array.isArray(md) || md.length !== spec.enum.length) problems.push(`${name}.${prop} markdownEnumDescriptions do not match enum`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

interface SeededCase {
  name: string;
  toml: string;
  errors: [string, string][];
}

const seeded: SeededCase[] = [
  {
    name: 'unknown key in a component',
    toml: '[components.foo]\nspecc = { type = "upstream" }\n',
    errors: [['/components/foo', 'additionalProperties']],
  },
  {
    name: 'spec.type outside its enum',
    toml: '[components.foo]\nspec = { type = "remote" }\n',
    errors: [['/components/foo/spec/type', 'enum']],
  },
  {
    name: 'spec.type of the wrong type',
    toml: '[components.foo]\nspec = { type = 3 }\n',
    errors: [['/components/foo/spec/type', 'type'], ['/components/foo/spec/type', 'enum']],
  },
  {
    name: 'spec-add-tag without tag',
    toml: '[[components.foo.overlays]]\ntype = "spec-add-tag"\nvalue = "pkgconfig(zlib)"\n',
    errors: [['/components/foo/overlays/0', 'required'], ['/components/foo/overlays/0', 'if']],
  },
  {
    name: 'spec-add-tag with an empty tag (azldev treats "" as missing)',
    toml: '[[components.foo.overlays]]\ntype = "spec-add-tag"\ntag = ""\nvalue = "x"\n',
    errors: [['/components/foo/overlays/0/tag', 'minLength'], ['/components/foo/overlays/0', 'if']],
  },
  {
    name: 'check.skip = true without skip_reason',
    toml: '[components.foo.build.check]\nskip = true\n',
    errors: [['/components/foo/build/check', 'required'], ['/components/foo/build/check', 'if']],
  },
  {
    name: 'failure.expected = true without expected-reason',
    toml: '[components.foo.build.failure]\nexpected = true\n',
    errors: [['/components/foo/build/failure', 'required'], ['/components/foo/build/failure', 'if']],
  },
  {
    name: 'unquoted TOML datetime for snapshot',
    toml: "[distros.azl.versions.'4.0']\nrelease-ver = \"4.0\"\ndefault-component-config.spec = { type = \"upstream\", upstream-distro = { name = \"fedora\", snapshot = 2026-02-24T00:00:00-08:00 } }\n",
    errors: [['/distros/azl/versions/4.0/default-component-config/spec/upstream-distro/snapshot', 'type']],
  },
  {
    name: 'snapshot that is a date, not a date-time',
    toml: '[project.default-distro]\nname = "fedora"\nsnapshot = "2026-02-24"\n',
    errors: [['/project/default-distro/snapshot', 'pattern']],
  },
  {
    name: 'a component setting its own snapshot',
    toml: '[components.foo]\nspec = { type = "upstream", upstream-distro = { name = "fedora", snapshot = "2026-02-24T00:00:00Z" } }\n',
    errors: [['/components/foo/spec/upstream-distro/snapshot', 'maxLength']],
  },
  {
    name: 'replace-upstream without replace-reason',
    toml: '[[components.foo.source-files]]\nfilename = "a.tar.gz"\nreplace-upstream = true\norigin = { type = "download", uri = "https://example.com/a.tar.gz" }\n',
    errors: [['/components/foo/source-files/0', 'required'], ['/components/foo/source-files/0', 'if']],
  },
  {
    name: 'spec-remove-subpackage with a section',
    toml: '[[components.foo.overlays]]\ntype = "spec-remove-subpackage"\npackage = "devel"\nsection = "%files"\n',
    errors: [['/components/foo/overlays/0/section', 'maxLength'], ['/components/foo/overlays/0', 'if']],
  },
];

for (const c of seeded) {
  test(`seeded error: ${c.name}`, () => {
    assert.deepEqual(errorsOf(ours.config, parse(c.toml)), c.errors);
  });
}

test('smol-toml gives a Date-like object for an unquoted datetime (the premise of the snapshot case)', () => {
  const doc = parse('snapshot = 2026-02-24T00:00:00-08:00\n') as { snapshot: unknown };
  assert.ok(doc.snapshot instanceof Date);
});

const validOverlayFile = `
[metadata]
category = "upstream-backport"
upstream-status = "upstreamed"
commits = [{ url = "https://src.fedoraproject.org/rpms/ant/c/4ca7a3b" }]

[[overlays]]
description = "Remove openjdk21 binding"
type        = "spec-search-replace"
section     = "%install"
regex       = ".*openjdk21.*"

[[overlays]]
type    = "spec-remove-subpackage"
package = "openjdk21"
`;

test('overlay-file schema accepts a valid overlay document', () => {
  assert.deepEqual(errorsOf(oursOverlayFile, parse(validOverlayFile)), []);
});

const badOverlayFiles: SeededCase[] = [
  {
    name: 'per-overlay metadata',
    toml: '[metadata]\ncategory = "azl-compatibility"\nupstream-status = "inapplicable"\n\n[[overlays]]\ntype = "spec-set-tag"\ntag = "Vendor"\nvalue = "Microsoft"\nmetadata = { category = "azl-branding-policy", upstream-status = "inapplicable" }\n',
    errors: [['/overlays/0/metadata', 'false schema']],
  },
  {
    name: 'no overlays',
    toml: '[metadata]\ncategory = "azl-compatibility"\nupstream-status = "inapplicable"\n',
    errors: [['', 'required']],
  },
  {
    name: '[overlays] written as a table instead of [[overlays]]',
    toml: '[metadata]\ncategory = "azl-compatibility"\nupstream-status = "inapplicable"\n\n[overlays]\ntype = "spec-set-tag"\n',
    errors: [['/overlays', 'type']],
  },
  {
    name: 'missing [metadata]',
    toml: '[[overlays]]\ntype = "spec-set-tag"\ntag = "Vendor"\nvalue = "Microsoft"\n',
    errors: [['', 'required']],
  },
  {
    name: 'metadata without category',
    toml: '[metadata]\ncommits = [{ url = "https://example.com/abc" }]\nupstream-status = "unknown"\n\n[[overlays]]\ntype = "spec-set-tag"\ntag = "Vendor"\nvalue = "Microsoft"\n',
    errors: [['/metadata', 'required']],
  },
  {
    name: 'an overlay missing its value',
    toml: '[metadata]\ncategory = "azl-branding-policy"\nupstream-status = "inapplicable"\n\n[[overlays]]\ntype = "spec-set-tag"\ntag = "Vendor"\n',
    errors: [['/overlays/0', 'required'], ['/overlays/0', 'if']],
  },
  {
    name: 'a key that is not metadata or overlays',
    toml: '[metadata]\ncategory = "azl-branding-policy"\nupstream-status = "inapplicable"\n\n[[overlays]]\ntype = "file-remove"\nfile = "x"\n\n[components.foo]\n',
    errors: [['', 'additionalProperties']],
  },
];

for (const c of badOverlayFiles) {
  test(`overlay-file schema rejects: ${c.name}`, () => {
    assert.deepEqual(errorsOf(oursOverlayFile, parse(c.toml)), c.errors);
  });
}

// Go checks the schema cannot express: the overlay is wrong only by azldev's doublestar glob parser.
const beyondSchema = new Set(['patch-remove with invalid glob pattern']);

test('overlay verdicts match azldev TestComponentOverlay_Validate (inline and in an overlay file)', () => {
  const wrong: string[] = [];
  for (const v of overlayVectors) {
    const expected = beyondSchema.has(v.name) ? true : v.valid;
    const inline = ours.config({ components: { x: { overlays: [v.overlay] } } });
    const inFile = oursOverlayFile({ metadata: { category: 'azl-compatibility', 'upstream-status': 'unknown' }, overlays: [v.overlay] });
    if (inline !== expected || inFile !== expected) wrong.push(`${v.name}: inline ${inline}, file ${inFile}, azldev ${v.valid}`);
  }
  assert.equal(overlayVectors.length, 61);
  assert.deepEqual(wrong, []);
});

test('metadata verdicts match azldev TestOverlayMetadata_Validate (on overlays and on component groups)', () => {
  const wrong: string[] = [];
  for (const v of metadataVectors) {
    const onOverlay = ours.config({ components: { x: { overlays: [{ type: 'spec-set-tag', tag: 'Vendor', value: 'Microsoft', metadata: v.metadata }] } } });
    const onGroup = ours.config({ 'component-groups': { g: { metadata: v.metadata } } });
    if (onOverlay !== v.valid || onGroup !== v.valid) wrong.push(`${v.name}: overlay ${onOverlay}, group ${onGroup}, azldev ${v.valid}`);
  }
  assert.equal(metadataVectors.length, 20);
  assert.deepEqual(wrong, []);
});

// Documents from azldev's loader_test.go and configfile_test.go, with azldev's verdict.
const loaderDocs: { name: string; valid: boolean; toml: string }[] = [
  { name: 'distro with a quoted version key', valid: true, toml: "[distros.abc]\ndescription = \"ABC Distro\"\ndefault-version = \"9.3\"\n\n[distros.abc.versions.'9.3']\ndescription = \"ABC 9.3\"\nrelease-ver = \"9.3\"\ndist-git-branch = \"NinePointThree\"\n" },
  { name: 'project paths', valid: true, toml: '[project]\ndescription = "my project"\nlog-dir = "artifacts/logs"\nwork-dir = "artifacts/work"\noutput-dir = "out"\n' },
  { name: 'component group with members and specs', valid: true, toml: '[components.foo]\n[components.bar]\n\n[component-groups.core]\ncomponents = ["foo", "bar"]\ndescription = "Core components"\nspecs = ["SPECS/**/*.spec"]\n' },
  { name: 'component group metadata', valid: true, toml: '[component-groups.core]\nspecs = ["SPECS/**/*.spec"]\n\n[component-groups.core.metadata]\ncategory = "upstream-backport"\ncommits = [{ url = "https://example.com/commit/abc" }]\nbugs = [{ url = "https://example.com/bug/1" }]\nupstream-status = "upstreamable"\n' },
  { name: 'component group metadata without category', valid: false, toml: '[component-groups.core]\nspecs = ["SPECS/**/*.spec"]\n\n[component-groups.core.metadata]\nbugs = [{ url = "https://example.com/bug/1" }]\n' },
  { name: 'group default build options', valid: true, toml: '[components.foo]\n\n[component-groups.core]\ncomponents = ["foo"]\n\n[component-groups.core.default-component-config.build]\nwith = ["tests"]\nwithout = ["docs"]\n' },
  { name: 'package groups', valid: true, toml: '[package-groups.devel-packages]\ndescription = "Development subpackages"\npackages = ["curl-devel", "wget2-devel"]\n\n[package-groups.devel-packages.default-package-config.publish]\nrpm-channel = "devel"\n' },
  { name: 'package group with an empty package name', valid: false, toml: '[package-groups.bad-group]\npackages = ["curl-devel", ""]\n' },
  { name: 'package group listing a package twice', valid: false, toml: '[package-groups.my-group]\npackages = ["curl-devel", "wget2-devel", "curl-devel"]\n' },
  { name: 'deprecated channel field', valid: true, toml: '[components.curl]\n\n[components.curl.packages.curl-devel.publish]\nchannel = "devel"\n' },
  { name: 'test suites of both kinds', valid: true, toml: '[test-suites.smoke]\ntype = "pytest"\ndescription = "Smoke tests for images"\n\n[test-suites.smoke.pytest]\nworking-dir = "tests"\ntest-paths = ["cases/test_*.py"]\nextra-args = ["--image-path", "{image-path}"]\n\n[test-suites.integration]\ntype = "lisa"\n\n[test-suites.integration.lisa]\ntest-cases = ["verify_cpu_count", "verify_grub"]\n\n[test-suites.integration.lisa.framework]\ngit-url = "https://github.com/microsoft/lisa.git"\nref = "abcdef0123456789abcdef0123456789abcdef01"\n' },
  { name: 'test suite of an unknown type', valid: false, toml: '[test-suites.bad]\ntype = "unsupported"\n' },
  { name: 'pytest suite without [pytest]', valid: false, toml: '[test-suites.smoke]\ntype = "pytest"\n' },
  { name: 'test suite without type', valid: false, toml: '[test-suites.smoke]\ndescription = "no type set"\n' },
  { name: 'test suite named ../escape', valid: false, toml: '[test-suites."../escape"]\ntype = "pytest"\n\n[test-suites."../escape".pytest]\nworking-dir = "tests"\n' },
  { name: 'pytest install mode with working-dir', valid: true, toml: '[test-suites.smoke]\ntype = "pytest"\n\n[test-suites.smoke.pytest]\nworking-dir = "tests"\ninstall = "requirements"\ntest-paths = ["cases/"]\n' },
  { name: 'pytest invalid install mode', valid: false, toml: '[test-suites.smoke]\ntype = "pytest"\n\n[test-suites.smoke.pytest]\ninstall = "invalid"\n' },
  { name: 'image with a test reference', valid: true, toml: '[test-suites.smoke]\ntype = "pytest"\n\n[test-suites.smoke.pytest]\nworking-dir = "tests"\n\n[images.myimage]\ndescription = "Test image"\n\n[images.myimage.tests]\ntest-suites = [{ name = "smoke" }]\n' },
  { name: 'expected failure with reason', valid: true, toml: '[components.test-pkg]\n[components.test-pkg.build.failure]\nexpected = true\nexpected-reason = "Known upstream issue #456"\n' },
  { name: 'check skip with reason', valid: true, toml: '[components.a.build.check]\nskip = true\nskip_reason = "needs network"\n' },
  { name: 'unknown top-level section', valid: false, toml: '[project]\ndescription = "my project"\n\n[some-unknown-section]\nkey = "value"\n' },
  { name: 'source file with hash but no hash-type', valid: false, toml: '[[components.a.source-files]]\nfilename = "source.tar.gz"\nhash = "abc"\norigin = { type = "download", uri = "https://example.com/source.tar.gz" }\n' },
  { name: 'replace-reason without replace-upstream', valid: false, toml: '[[components.a.source-files]]\nfilename = "source.tar.gz"\nreplace-reason = "why"\norigin = { type = "download", uri = "https://example.com/source.tar.gz" }\n' },
  { name: 'replace-upstream with a whitespace-only reason', valid: false, toml: '[[components.a.source-files]]\nfilename = "source.tar.gz"\nreplace-upstream = true\nreplace-reason = "   "\norigin = { type = "download", uri = "https://example.com/source.tar.gz" }\n' },
  { name: 'overlay origin with replace-upstream and no hash', valid: true, toml: '[[components.a.source-files]]\nfilename = "source.tar.gz"\nreplace-upstream = true\nreplace-reason = "repacked by archive overlays"\norigin = { type = "overlay" }\n' },
  { name: 'source file without origin', valid: false, toml: '[[components.a.source-files]]\nfilename = "source.tar.gz"\n' },
  { name: 'download origin without uri', valid: false, toml: '[[components.a.source-files]]\nfilename = "source.tar.gz"\norigin = { type = "download" }\n' },
  { name: 'custom origin with script and inputs', valid: true, toml: '[[components.a.source-files]]\nfilename = "gen.tar.gz"\norigin = { type = "custom", script = "gen.sh", mock-packages = ["tar"], inputs = ["seed.txt"] }\n' },
  { name: 'custom origin without script', valid: false, toml: '[[components.a.source-files]]\nfilename = "gen.tar.gz"\norigin = { type = "custom" }\n' },
  { name: 'script on a download origin', valid: false, toml: '[[components.a.source-files]]\nfilename = "src.tar.gz"\norigin = { type = "download", uri = "https://example.com/src.tar.gz", script = "gen.sh" }\n' },
  { name: 'local spec without path', valid: false, toml: '[components.a]\nspec = { type = "local" }\n' },
  { name: 'upstream-name on a local spec', valid: false, toml: '[components.a]\nspec = { type = "local", path = "a.spec", upstream-name = "b" }\n' },
];

for (const d of loaderDocs) {
  test(`azldev test document (${d.valid ? 'accepted' : 'rejected'} by azldev): ${d.name}`, () => {
    assert.equal(ours.config(parse(d.toml)), d.valid, JSON.stringify(ours.config.errors));
  });
}
