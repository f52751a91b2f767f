// Fuzz the repository-metadata readers: primary.xml mutated at random and fed in chunks of random sizes,
// repomd.xml mutated, dependency strings of random text, and rpm's version comparison on random versions.
// Untrusted bytes may be refused (XmlError, PrimaryFormatError, RepomdError), never crash or hang a reader;
// spans stay inside their text; rpmvercmp is a total order (reflexive, antisymmetric, transitive on triples).
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDependencies } from '../../server/src/core/packages/depString';
import { PrimaryFormatError, PrimaryXmlReader, XmlError, type PrimarySink } from '../../server/src/core/packages/primaryXml';
import { parseRepomd, RepomdError } from '../../server/src/core/packages/repomd';
import { rpmvercmp } from '../../server/src/core/packages/rpmvercmp';
import { prng } from '../unit/incremental/editCorpus';
import { defineFuzzTarget, isMainThread, type FuzzReporter } from './harness';

const PRIMARY_CASES = 1500;
const REPOMD_CASES = 800;
const DEP_CASES = 3000;
const VERCMP_CASES = 5000;

function primaryXml(packages: number): string {
  const pkgs: string[] = [];
  for (let i = 0; i < packages; i++) {
    pkgs.push(`<package type="rpm"><name>pkg${i}</name><arch>x86_64</arch><version epoch="${i % 2}" ver="1.${i}" rel="${i}.fc43"/><checksum type="sha256" pkgid="YES">${'a'.repeat(64)}</checksum><summary>Summary &amp; more ${i}</summary><description>d</description><url>https://example.org/${i}</url><format><rpm:license>MIT</rpm:license><rpm:sourcerpm>src${i % 3}-1.0-1.src.rpm</rpm:sourcerpm><rpm:provides><rpm:entry name="pkg${i}" flags="EQ" epoch="0" ver="1.${i}" rel="${i}"/><rpm:entry name="pkgconfig(p${i})"/></rpm:provides><rpm:requires><rpm:entry name="libc.so.6()(64bit)"/><rpm:entry name="pkg${(i + 1) % packages}" flags="GE" ver="1.0"/></rpm:requires><file>/usr/bin/p${i}</file><file type="dir">/etc/p${i}</file></format></package>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<metadata xmlns="http://linux.duke.edu/metadata/common" xmlns:rpm="http://linux.duke.edu/metadata/rpm" packages="${packages}">\n${pkgs.join('\n')}\n</metadata>\n`;
}

const REPOMD = `<?xml version="1.0" encoding="UTF-8"?>
<repomd xmlns="http://linux.duke.edu/metadata/repo" xmlns:rpm="http://linux.duke.edu/metadata/rpm">
  <revision>1733000000</revision>
  <data type="primary">
    <checksum type="sha256">${'b'.repeat(64)}</checksum>
    <open-checksum type="sha256">${'c'.repeat(64)}</open-checksum>
    <location href="repodata/${'b'.repeat(64)}-primary.xml.zst"/>
    <timestamp>1733000000</timestamp>
    <size>1234</size>
    <open-size>5678</open-size>
  </data>
</repomd>
`;

const TOKENS = ['<', '>', '</', '/>', '"', "'", '=', '&amp;', '&lt;', '&#x41;', '&#99999999;', '&bogus;', '<!DOCTYPE x [<!ENTITY a "aaaa">]>', '&a;', '<![CDATA[', ']]>', '<!--', '-->', '<?x?>', '\u0000', '\uFFFD', 'packages="9"', '<package>', '</package>', '<rpm:entry name="x"/>', '\n'];

function mutate(text: string, rand: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(rand() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rand() * (out.length + 1));
    const kind = rand();
    if (kind < 0.4) out = out.slice(0, at) + (TOKENS[Math.floor(rand() * TOKENS.length)] as string) + out.slice(at);
    else if (kind < 0.7) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(rand() * 40));
    else if (kind < 0.85) out = out.slice(0, at) + out.slice(at, at + Math.floor(rand() * 200)).repeat(2 + Math.floor(rand() * 3)) + out.slice(at);
    else out = out.slice(0, at);
  }
  return out;
}

function nullSink(counts: { deps: number; files: number }): PrimarySink {
  return {
    beginPackage: () => undefined,
    field: (_f, bytes, start, end) => {
      if (start < 0 || end < start || end > bytes.length) throw new Error(`field range ${start}..${end} outside ${bytes.length}`);
    },
    dependency: (_k, name, start, end, _flags, evr, evrLength) => {
      if (start < 0 || end < start || end > name.length || evrLength < 0 || evrLength > evr.length) throw new Error('dependency range outside its bytes');
      counts.deps++;
    },
    file: () => {
      counts.files++;
    },
    endPackage: () => undefined,
  };
}

function expectedRefusal(err: unknown): boolean {
  return err instanceof XmlError || err instanceof PrimaryFormatError || err instanceof RepomdError;
}

const run = defineFuzzTarget(__filename, 'repository metadata', (r: FuzzReporter, seed, scale) => {
  const rand = prng(seed ^ 0x9e37);
  const stats = { cases: 0, primaryAccepted: 0, primaryRefused: 0, repomdAccepted: 0, repomdRefused: 0, deps: 0, files: 0, refs: 0 };
  const base = primaryXml(12);
  const encoder = new TextEncoder();
  for (let k = 0; k < PRIMARY_CASES * scale; k++) {
    const text = k === 0 ? base : mutate(base, rand);
    r.begin(`primary ${k}`, () => text);
    const bytes = encoder.encode(text);
    const counts = { deps: 0, files: 0 };
    const reader = new PrimaryXmlReader(nullSink(counts));
    try {
      for (let at = 0; at < bytes.length; ) {
        const size = 1 + Math.floor(rand() * 700);
        reader.write(bytes.subarray(at, at + size));
        at += size;
      }
      reader.end();
      stats.primaryAccepted++;
    } catch (err) {
      if (!expectedRefusal(err)) r.fail(`primary reader threw something other than a refusal: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      stats.primaryRefused++;
    }
    stats.deps += counts.deps;
    stats.files += counts.files;
    stats.cases++;
  }
  for (let k = 0; k < REPOMD_CASES * scale; k++) {
    const text = k === 0 ? REPOMD : mutate(REPOMD, rand);
    r.begin(`repomd ${k}`, () => text);
    try {
      parseRepomd(encoder.encode(text));
      stats.repomdAccepted++;
    } catch (err) {
      if (!expectedRefusal(err)) r.fail(`repomd parser threw something other than a refusal: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      stats.repomdRefused++;
    }
    stats.cases++;
  }
  const depAlphabet = ['a', 'b', '(', ')', ' ', ',', '>=', '<', '=', ' or ', ' and ', ' if ', ' else ', ' with ', ' without ', ' unless ', '%{name}', '%{?_isa}', '%{', '}', '1.2-3', ':', '/usr/bin/x', 'pkgconfig(glib-2.0)', 'perl(Foo::Bar)', '\n'];
  for (let k = 0; k < DEP_CASES * scale; k++) {
    let text = '';
    const n = Math.floor(rand() * 24);
    for (let i = 0; i < n; i++) text += depAlphabet[Math.floor(rand() * depAlphabet.length)];
    r.begin(`dependency ${JSON.stringify(text)}`, () => text);
    const parsed = parseDependencies(text, new Map([['name', 'demo']]));
    for (const ref of parsed.refs) {
      if (!(ref.start >= 0 && ref.end >= ref.start && ref.end <= text.length)) r.fail(`dependency ref ${JSON.stringify(ref)} outside ${JSON.stringify(text)}`);
    }
    for (const e of parsed.errors) if (!(e.start >= 0 && e.end >= e.start && e.end <= text.length)) r.fail(`dependency error span outside the text: ${JSON.stringify(e)}`);
    stats.refs += parsed.refs.length;
    stats.cases++;
  }
  const verAlphabet = ['0', '1', '9', '10', 'a', 'Z', '.', '_', '~', '^', '+', '-', 'rc', 'alpha', '', '00'];
  const version = () => {
    let v = '';
    const n = Math.floor(rand() * 7);
    for (let i = 0; i < n; i++) v += verAlphabet[Math.floor(rand() * verAlphabet.length)];
    return v;
  };
  const sign = (n: number) => (n > 0 ? 1 : n < 0 ? -1 : 0);
  for (let k = 0; k < VERCMP_CASES * scale; k++) {
    const [a, b, c] = [version(), version(), version()];
    r.begin(`rpmvercmp ${JSON.stringify([a, b, c])}`, () => JSON.stringify([a, b, c]));
    if (rpmvercmp(a, a) !== 0) r.fail(`rpmvercmp(${a}, ${a}) is not 0`);
    if (sign(rpmvercmp(a, b)) !== -sign(rpmvercmp(b, a))) r.fail(`rpmvercmp is not antisymmetric on ${a} and ${b}`);
    if (rpmvercmp(a, b) <= 0 && rpmvercmp(b, c) <= 0 && rpmvercmp(a, c) > 0) r.fail(`rpmvercmp is not transitive on ${a} ≤ ${b} ≤ ${c}`);
    stats.cases++;
  }
  return stats;
});

if (isMainThread) {
  test('fuzz: repository metadata readers and rpm version comparison on hostile input', { timeout: 30 * 60_000 }, async () => {
    const stats = await run();
    console.log(`repository metadata fuzz: ${JSON.stringify(stats)}`);
    assert.ok(stats.primaryAccepted > 0 && stats.primaryRefused > 0, 'both accepted and refused primaries were seen');
    assert.ok(stats.deps > 0 && stats.refs > 0);
  });
}
