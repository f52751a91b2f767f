// Generates a Fedora-scale binary repository for bench/repodata.mjs: primary.xml with N packages whose names
// are seeded from the tree's package lists (`"name", # srpm: source`), ~10 provides and ~15 requires each,
// compressed with zstd as Fedora ships it, and a repomd.xml with its checksums and sizes.
import { execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Names and their source packages from the tree's `base/packages/*.packages.toml`. @param {string} tree */
export function seedNames(tree) {
  const dir = path.join(tree, 'base', 'packages');
  /** @type {{ name: string, source: string }[]} */
  const out = [];
  const seen = new Set();
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.toml')).sort()) {
    for (const m of fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/^\s*"([^"]+)",?\s*(?:#\s*srpm:\s*(\S+))?/gm)) {
      const name = /** @type {string} */ (m[1]);
      if (seen.has(name)) continue;
      seen.add(name);
      out.push({ name, source: m[2] ?? name });
    }
  }
  return out;
}

/** @param {string} s */
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A deterministic generator (mulberry32). @param {number} seed */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Writes `dir/primary.xml`, `dir/repodata/*-primary.xml.zst` and `dir/repodata/repomd.xml`.
 * @param {string} dir @param {{ name: string, source: string }[]} seeds @param {number} count
 * @returns {{ names: string[], capabilities: string[], versioned: string[] }} what queries may ask
 */
export function generateRepo(dir, seeds, count) {
  fs.mkdirSync(path.join(dir, 'repodata'), { recursive: true });
  const r = rng(110);
  const xmlPath = path.join(dir, 'primary.xml');
  const fd = fs.openSync(xmlPath, 'w');
  const names = [], capabilities = [], versioned = [];
  let buf = `<?xml version="1.0" encoding="UTF-8"?>\n<metadata xmlns="http://linux.duke.edu/metadata/common" xmlns:rpm="http://linux.duke.edu/metadata/rpm" packages="${count}">\n`;
  for (let i = 0; i < count; i++) {
    const seed = /** @type {{ name: string, source: string }} */ (seeds[i % seeds.length]);
    const round = Math.floor(i / seeds.length);
    const name = round ? `${seed.name}-x${round}` : seed.name;
    const source = round ? `${seed.source}-x${round}` : seed.source;
    const ver = `${1 + (i % 9)}.${i % 37}.${i % 11}`, rel = `${1 + (i % 5)}.fc43`;
    const evr = `epoch="0" ver="${ver}" rel="${rel}"`;
    const n = esc(name);
    names.push(name);
    const provides = [
      `<rpm:entry name="${n}" flags="EQ" ${evr}/>`,
      `<rpm:entry name="${n}(x86-64)" flags="EQ" ${evr}/>`,
      `<rpm:entry name="lib${n}.so.${i % 4}()(64bit)"/>`,
      `<rpm:entry name="lib${n}-aux.so.1()(64bit)"/>`,
      `<rpm:entry name="pkgconfig(${n})" flags="EQ" epoch="0" ver="${ver}"/>`,
      `<rpm:entry name="config(${n})" flags="EQ" ${evr}/>`,
      `<rpm:entry name="python3dist(${n})" flags="EQ" epoch="0" ver="${ver}"/>`,
      `<rpm:entry name="python3.13dist(${n})" flags="EQ" epoch="0" ver="${ver}"/>`,
      `<rpm:entry name="perl(${n}::Util)" flags="EQ" epoch="0" ver="${ver}"/>`,
      `<rpm:entry name="bundled(${n}-core)" flags="EQ" epoch="0" ver="${ver}"/>`,
    ];
    if (i % 50 === 0) {
      capabilities.push(`lib${name}.so.${i % 4}()(64bit)`, `pkgconfig(${name})`, `/usr/bin/${name}`);
      versioned.push(`pkgconfig(${name}) >= ${1 + (i % 9)}.0`, `${name} < 5`);
    }
    const requires = [
      '<rpm:entry name="/bin/sh" pre="1"/>',
      '<rpm:entry name="libc.so.6()(64bit)"/>',
      '<rpm:entry name="libc.so.6(GLIBC_2.34)(64bit)"/>',
      '<rpm:entry name="rtld(GNU_HASH)"/>',
    ];
    for (let k = 0; k < 11 && i > 0; k++) {
      const j = Math.floor(r() * i);
      const other = esc(/** @type {string} */ (names[j]));
      const kind = Math.floor(r() * 3);
      requires.push(kind === 0 ? `<rpm:entry name="lib${other}.so.${j % 4}()(64bit)"/>` : kind === 1 ? `<rpm:entry name="pkgconfig(${other})" flags="GE" epoch="0" ver="1.0"/>` : `<rpm:entry name="${other}"/>`);
    }
    buf += `<package type="rpm">
  <name>${n}</name>
  <arch>x86_64</arch>
  <version ${evr}/>
  <checksum type="sha256" pkgid="YES">${crypto.createHash('sha256').update(name).digest('hex')}</checksum>
  <summary>The ${n} package &amp; its tools</summary>
  <description>${n} is a generated package for the package-index benchmark. It stands for one of Fedora's binary packages.</description>
  <packager>Fedora Project</packager>
  <url>https://example.org/${n}</url>
  <time file="1700000000" build="1700000000"/>
  <size package="123456" installed="456789" archive="460000"/>
  <location href="Packages/${n[0]}/${n}-${ver}-${rel}.x86_64.rpm"/>
  <format>
    <rpm:license>MIT</rpm:license>
    <rpm:vendor>Fedora Project</rpm:vendor>
    <rpm:group>Unspecified</rpm:group>
    <rpm:buildhost>buildvm.fedoraproject.org</rpm:buildhost>
    <rpm:sourcerpm>${esc(source)}-${ver}-${rel}.src.rpm</rpm:sourcerpm>
    <rpm:header-range start="4504" end="31337"/>
    <rpm:provides>
      ${provides.join('\n      ')}
    </rpm:provides>
    <rpm:requires>
      ${requires.join('\n      ')}
    </rpm:requires>
    <file>/usr/bin/${n}</file>
    <file>/usr/sbin/${n}-helper</file>
    <file>/etc/${n}.conf</file>
  </format>
</package>
`;
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf);
      buf = '';
    }
  }
  fs.writeSync(fd, buf + '</metadata>\n');
  fs.closeSync(fd);
  const zstPath = path.join(dir, 'primary.xml.zst');
  execFileSync('zstd', ['-q', '-f', '-T1', '-3', xmlPath, '-o', zstPath]);
  const sha = (/** @type {string} */ f) => execFileSync('sha256sum', [f], { encoding: 'utf8' }).split(' ')[0];
  const sum = sha(zstPath);
  const href = `repodata/${sum}-primary.xml.zst`;
  fs.renameSync(zstPath, path.join(dir, href));
  fs.writeFileSync(path.join(dir, 'repodata', 'repomd.xml'), `<?xml version="1.0" encoding="UTF-8"?>
<repomd xmlns="http://linux.duke.edu/metadata/repo" xmlns:rpm="http://linux.duke.edu/metadata/rpm">
  <revision>${count}</revision>
  <data type="primary">
    <checksum type="sha256">${sum}</checksum>
    <open-checksum type="sha256">${sha(xmlPath)}</open-checksum>
    <location href="${href}"/>
    <timestamp>1700000000</timestamp>
    <size>${fs.statSync(path.join(dir, href)).size}</size>
    <open-size>${fs.statSync(xmlPath).size}</open-size>
  </data>
</repomd>
`);
  return { names, capabilities, versioned };
}
