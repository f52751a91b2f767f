// The pieces below the fetch: primary.xml read in chunks of any size, dependency strings as rpm reads them, and
// the name queries (prefix, fuzzy, did-you-mean) over a built index.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { buildIndexFromPrimary } from '../../../server/src/core/packages/buildIndex';
import { parseDependencies } from '../../../server/src/core/packages/depString';
import { decodeIndex, encodeIndex } from '../../../server/src/core/packages/indexFormat';
import { PackageIndex } from '../../../server/src/core/packages/queries';
import { RepoIndex } from '../../../server/src/core/packages/repoIndex';
import { parseRepomd } from '../../../server/src/core/packages/repomd';
import { DEP_EQUAL, DEP_GREATER, DEP_LESS, DEP_PRE } from '../../../server/src/core/packages/primaryXml';
import { XmlScanner } from '../../../server/src/core/packages/xmlScanner';

const PRIMARY = `<?xml version="1.0" encoding="UTF-8"?>
<metadata xmlns="http://linux.duke.edu/metadata/common" xmlns:rpm="http://linux.duke.edu/metadata/rpm" packages="3">
<package type="rpm">
  <name>gcr</name><arch>x86_64</arch><version epoch="1" ver="4.3.1" rel="2.fc43"/>
  <checksum type="sha256" pkgid="YES">00</checksum>
  <summary>A library for &lt;crypto&gt; UI &amp; more &#x263A;</summary>
  <description><![CDATA[<not a tag> & not an entity]]></description>
  <url>https://gitlab.gnome.org/GNOME/gcr</url>
  <format>
    <rpm:sourcerpm>gcr-4.3.1-2.fc43.src.rpm</rpm:sourcerpm>
    <rpm:provides>
      <rpm:entry name="gcr" flags="EQ" epoch="1" ver="4.3.1" rel="2.fc43"/>
      <rpm:entry name="pkgconfig(gcr-4)" flags="EQ" epoch="0" ver="4.3.1"/>
      <rpm:entry name="libgcr-4.so.4()(64bit)"/>
    </rpm:provides>
    <rpm:requires>
      <rpm:entry name="/bin/sh" pre="1"/>
      <rpm:entry name="glib2" flags="GE" epoch="0" ver="2.80"/>
      <rpm:entry name="(gnupg2 if gpg-agent)"/>
    </rpm:requires>
    <file>/usr/bin/gcr-viewer</file>
    <file type="dir">/etc/gcr</file>
  </format>
</package>
<package type="rpm">
  <name>gcr-base</name><arch>x86_64</arch><version epoch="0" ver="3.41.2" rel="3.fc43"/>
  <summary>gcr base</summary><url></url>
  <format><rpm:sourcerpm>gcr3-3.41.2-3.fc43.src.rpm</rpm:sourcerpm>
    <rpm:provides><rpm:entry name="pkgconfig(gcr-base-3)" flags="EQ" epoch="0" ver="3.41.2"/></rpm:provides>
  </format>
</package>
<package type="rpm">
  <name>gcr3</name><arch>src</arch><version epoch="0" ver="3.41.2" rel="3.fc43"/>
  <summary>gcr 3 sources</summary><url/>
  <format><rpm:sourcerpm></rpm:sourcerpm></format>
</package>
</metadata>
`;

async function indexIn(chunkSize: number): Promise<PackageIndex> {
  const bytes = Buffer.from(PRIMARY, 'utf8');
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  const data = await buildIndexFromPrimary(chunks, { url: 'test://', revision: '1', primaryChecksum: 'x', syncedAt: 0 });
  // Through the on-disk format, as the editor and the CLI load it.
  return new PackageIndex([new RepoIndex(decodeIndex(Buffer.concat(encodeIndex(data))))]);
}

test('primary.xml read in chunks of every size from 1 byte gives the same packages, text decoded', async () => {
  let first: unknown;
  for (const size of [1, 2, 3, 7, 64, 4096, 1 << 20]) {
    const idx = await indexIn(size);
    const gcr = idx.binary('gcr')[0];
    assert.ok(gcr, `chunk size ${size}`);
    assert.equal(gcr.summary, 'A library for <crypto> UI & more ☺');
    assert.equal(gcr.evr, '1:4.3.1-2.fc43');
    assert.equal(gcr.sourceName, 'gcr');
    const repo = idx.repos[0] as RepoIndex;
    const snapshot = JSON.stringify({ p: repo.dependencies(0, 'provides'), r: repo.dependencies(0, 'requires'), f: repo.files(0), b: idx.binariesOf('gcr3').map((p) => p.name) });
    if (first === undefined) first = snapshot;
    assert.equal(snapshot, first, `chunk size ${size}`);
  }
  const idx = await indexIn(5);
  const repo = idx.repos[0] as RepoIndex;
  assert.deepEqual(repo.dependencies(0, 'requires'), [
    { name: '/bin/sh', flags: DEP_PRE, evr: '' },
    { name: 'glib2', flags: DEP_GREATER | DEP_EQUAL, evr: '2.80' },
    { name: '(gnupg2 if gpg-agent)', flags: 0, evr: '' },
  ]);
  assert.deepEqual(repo.files(0), ['/usr/bin/gcr-viewer', '/etc/gcr']);
  assert.deepEqual(idx.sourceOf('gcr-base'), ['gcr3']);
  assert.deepEqual(idx.source('gcr3')?.packages.map((p) => p.arch), ['src']);
  assert.deepEqual(idx.whatProvides('pkgconfig(gcr-4)', DEP_GREATER | DEP_EQUAL, '4.0').map((p) => p.name), ['gcr']);
  assert.deepEqual(idx.whatProvides('pkgconfig(gcr-4)', DEP_LESS, '4.0'), []);
  assert.equal(idx.capabilityStatus('pkgconfig(gcr-4)', DEP_LESS, '4.0').status, 'unsatisfied');
  assert.deepEqual(idx.whatProvides('/etc/gcr').map((p) => p.name), ['gcr']);
});

test('names: prefix completion, fuzzy search and did-you-mean', async () => {
  const idx = await indexIn(4096);
  assert.deepEqual(idx.complete('gcr', 'binary'), ['gcr', 'gcr-base']);
  assert.deepEqual(idx.complete('gcr-', 'binary'), ['gcr-base']);
  assert.deepEqual(idx.complete('gcr', 'source'), ['gcr', 'gcr3']);
  assert.deepEqual(idx.complete('zzz', 'binary'), []);
  assert.deepEqual(idx.fuzzy('gcrbs', 'binary'), ['gcr-base']);
  assert.deepEqual(idx.didYouMean('gcr-bsae', 'binary'), ['gcr-base']);
  assert.deepEqual(idx.didYouMean('gcr4', 'source'), ['gcr', 'gcr3']);
});

test('dependency values as rpm reads them: several names, operators, rich expressions and macros', () => {
  const v = 'glib2 >= 2.80, pkgconfig(gcr-4)  libfoo.so.1()(64bit) (python3dist(a) or (b if c else d >= 1.0)) %{name}-libs%{?_isa} = %{version}';
  const parsed = parseDependencies(v, new Map([['name', 'gcr'], ['version', '4.3.1']]));
  assert.deepEqual(parsed.errors, []);
  assert.deepEqual(parsed.refs.map((r) => [r.name, r.flags, r.evr, v.slice(r.start, r.end), r.loose]), [
    ['glib2', DEP_GREATER | DEP_EQUAL, '2.80', 'glib2', false],
    ['pkgconfig(gcr-4)', 0, '', 'pkgconfig(gcr-4)', false],
    ['libfoo.so.1()(64bit)', 0, '', 'libfoo.so.1()(64bit)', false],
    ['python3dist(a)', 0, '', 'python3dist(a)', false],
    ['b', 0, '', 'b', false],
    ['c', 0, '', 'c', false],
    ['d', DEP_GREATER | DEP_EQUAL, '1.0', 'd', false],
    ['gcr-libs', DEP_EQUAL, '4.3.1', '%{name}-libs%{?_isa}', false],
  ]);
  const loose = parseDependencies('%{unknown_macro}-devel');
  assert.equal(loose.refs[0]?.loose, true);
  assert.deepEqual(parseDependencies('foo >=').errors.map((e) => e.message), ["'>=' after 'foo' needs a version"]);
  assert.deepEqual(parseDependencies('(a or b').errors.map((e) => e.message), ["a rich dependency is missing ')'"]);
});

test('a closing parenthesis that closes nothing is an error at its place, and the reading goes on (the fuzz suite found it looping for ever)', () => {
  const r = parseDependencies('a ) b)', new Map());
  assert.deepEqual(r.refs.map((x) => [x.name, x.start, x.end]), [['a', 0, 1], ['b', 4, 5]]);
  assert.deepEqual(r.errors, [{ message: "')' closes nothing", start: 2, end: 3 }, { message: "')' closes nothing", start: 5, end: 6 }]);
  assert.deepEqual(parseDependencies(')))', new Map()).errors.length, 3);
});

test('repomd.xml: revision, locations, sizes and checksums of each metadata type', () => {
  const md = parseRepomd(Buffer.from(`<?xml version="1.0"?><repomd xmlns="http://linux.duke.edu/metadata/repo"><revision> 1745 </revision>
    <data type="primary"><checksum type="sha256">AB12</checksum><open-checksum type="sha256">cd</open-checksum>
    <location href="repodata/x-primary.xml.zst"/><size>10</size><open-size>20</open-size></data>
    <data type="filelists"><checksum type="sha256">ee</checksum><location href="repodata/f.xml.gz"/></data></repomd>`));
  assert.equal(md.revision, '1745');
  assert.deepEqual(md.entries.get('primary'), { type: 'primary', href: 'repodata/x-primary.xml.zst', checksum: { type: 'sha256', value: 'ab12' }, openChecksum: { type: 'sha256', value: 'cd' }, size: 10, openSize: 20 });
  assert.equal(md.entries.get('filelists')?.href, 'repodata/f.xml.gz');
  assert.throws(() => parseRepomd(Buffer.from('<repomd><data type="primary"><size>1e9</size></data></repomd>')), /not a number/);
});

test("a '<' inside an attribute's value is refused wherever the value is, read whole or a byte at a time; one after the tag is not", () => {
  const read = (xml: string, chunk: number): string => {
    const seen: string[] = [];
    const s = new XmlScanner({ open: (t) => (seen.push(`${t.name}:${Array.from({ length: t.attrCount }, (_, i) => t.attrValue(i)).join(',')}`), false), close: () => undefined });
    const b = Buffer.from(xml);
    try {
      for (let i = 0; i < b.length; i += chunk) s.write(b.subarray(i, i + chunk));
      s.end();
    } catch (e) {
      return (e as Error).message;
    }
    return seen.join(' ');
  };
  const cases: [string, string][] = [
    ['<m><e a="x<y" b="1"/></m>', "'<' inside the value of attribute 'a' of <e>"],
    ['<m><e a="1" b="2" c="x<y"/></m>', "'<' inside the value of attribute 'c' of <e>"],
    ["<m><e a='1' b='<'/></m>", "'<' inside the value of attribute 'b' of <e>"],
    ['<m><e a="1" b="2"/><f c="&lt;"/></m>', 'm: e:1,2 f:<'],
    ['<m><e a="1"><f b="2"/></e></m>', 'm: e:1 f:2'],
  ];
  for (const [xml, want] of cases) for (const chunk of [1, 3, 1000]) assert.equal(read(xml, chunk), want, `${xml} in chunks of ${chunk}`);
});

test('tokens longer than the part of a chunk joined to the last one: every chunking reads the same elements, attributes and text', () => {
  // The scanner joins only the head of a new chunk to the unfinished token the last one ended in, and scans the rest
  // of the chunk in place; a token longer than that head (a long text, attribute value, comment or CDATA section)
  // must still be read whole, and text split across chunks captured whole.
  const small = Array.from({ length: 2_000 }, (_, i) => `<t>n${i} &amp; m</t><e v="${i}" w='&lt;${i}'/>`).join('\n');
  const doc = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<!-- ${'c'.repeat(80_000)} -->`,
    '<root a="1">',
    '<t>short &amp; sweet</t>',
    `<t>${'y'.repeat(100_000)}&lt;${'z'.repeat(30_000)}</t>`,
    `<e v="${'v'.repeat(90_000)}&amp;w" w='2'/>`,
    `<t><![CDATA[${'k'.repeat(70_000)} & <raw>]]>tail &#x263A;</t>`,
    '<t/><u><t>nested</t>skipped</u>',
    small,
    `<t>${'é'.repeat(40_000)}</t>`,
    `<!-- ${'d'.repeat(300_000)} --><e v="${'w'.repeat(300_000)}"/>`,
    '</root>',
    '',
  ].join('\n');
  const sum = (str: string): string => `${str.length}:${str.slice(0, 12)}…${str.slice(-12)}`;
  const read = (chunk: number): string[] => {
    const events: string[] = [];
    const s = new XmlScanner({
      open: (t) => {
        events.push(`<${t.name}${Array.from({ length: t.attrCount }, (_, i) => ` ${t.attrName(i)}=${sum(t.attrValue(i))}`).join('')}>`);
        return t.name === 't';
      },
      close: (name, text) => {
        const str = text?.string();
        events.push(`</${name}>${str === undefined ? '' : sum(str)}`);
      },
    });
    // One buffer for every chunk, overwritten once the scanner has it back, as a reader reusing its buffer does.
    const b = Buffer.from(doc, 'utf8');
    const scratch = Buffer.alloc(Math.min(chunk, b.length));
    for (let i = 0; i < b.length; i += chunk) {
      const n = b.copy(scratch, 0, i, i + chunk);
      s.write(scratch.subarray(0, n));
      scratch.fill(0x21);
    }
    s.end();
    return events;
  };
  const whole = read(1 << 30);
  // An open and a close each: root, six <t>, two <e>, <u>, and 2,000 small <t> and <e>.
  assert.equal(whole.length, 2 * (1 + 6 + 2 + 1 + 2 * 2_000));
  assert.ok(whole.includes(`</t>${sum(`${'y'.repeat(100_000)}<${'z'.repeat(30_000)}`)}`), 'a long text with an entity, decoded');
  assert.ok(whole.includes(`<e v=${sum(`${'v'.repeat(90_000)}&w`)} w=${sum('2')}>`), 'a long attribute value with an entity, decoded');
  assert.ok(whole.includes(`</t>${sum(`${'k'.repeat(70_000)} & <raw>tail ☺`)}`), 'CDATA then text: joined, the CDATA left as it is');
  assert.ok(whole.includes(`</t>${sum('é'.repeat(40_000))}`), 'multi-byte characters split at any byte');
  assert.ok(whole.includes(`<e v=${sum('w'.repeat(300_000))}>`), 'an attribute value longer than a chunk');
  for (const chunk of [97, 4_096, 65_535, 65_536, 65_537, 100_003, 300_007]) assert.deepEqual(read(chunk), whole, `chunks of ${chunk} bytes`);
});
