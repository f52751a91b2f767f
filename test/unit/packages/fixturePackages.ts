// The packages the package-index tests build into real repositories: hand-picked cases (epochs, `~` and `^`
// versions, two versions of one package, capabilities of every shape, rich requires, files inside and outside
// primary's file list, text needing XML escapes) plus a seeded generated set for the differential test.
import type { FixtureSpec } from '../../support/rpmRepoFixture';
import { prng as rng } from '../../support/prng';

const HAND_PICKED: FixtureSpec[] = [
  {
    name: 'glib-demo',
    version: '2.84.1',
    release: '1.fc43',
    summary: 'GLib demo & <escapes> "quoted" – ünïcode',
    preamble: ['Provides: pkgconfig(glib-demo-2.0) = 2.84.1', 'Provides: libglib-demo-2.0.so.0()(64bit)', 'Requires: (gcr-base or gcr-alt)', 'Requires(post): /usr/bin/sh-demo'],
    files: ['/usr/bin/glib-demo-tool', '/etc/glib-demo.conf', '/usr/share/glib-demo/data.txt'],
    subpackages: [
      { name: 'glib-demo-devel', summary: 'GLib demo headers', preamble: ['Requires: glib-demo = 2.84.1-1.fc43', 'Provides: pkgconfig(gio-demo-2.0) = 2.84.1'], files: ['/usr/include/glib-demo.h'] },
    ],
  },
  {
    name: 'shdemo',
    epoch: 2,
    version: '5.2.37',
    release: '3.fc43',
    summary: 'A shell with an epoch',
    preamble: ['Provides: /usr/bin/sh-demo', 'Provides: shdemo-compat = 1:4.0'],
    files: ['/usr/bin/shdemo', '/usr/sbin/shdemo-admin'],
  },
  {
    name: 'tildedemo',
    version: '1.0~rc1',
    release: '1',
    summary: 'A pre-release version',
    preamble: ['Provides: tilde-cap = 1.0~rc1-1'],
  },
  {
    name: 'caretdemo',
    version: '1.0^20250101git1',
    release: '2',
    summary: 'A post-release snapshot',
    preamble: ['Provides: caret-cap = 1.0^20250101git1-2'],
  },
  { name: 'twoversions', version: '1.0', release: '1', summary: 'The old one', preamble: ['Provides: multi-cap = 1.0'] },
  { name: 'twoversions', version: '2.0', release: '1', summary: 'The new one', preamble: ['Provides: multi-cap = 2.0'] },
  {
    name: 'perl-Foo-Bar',
    version: '0.42',
    release: '7.fc43',
    summary: 'Perl and Python capabilities',
    preamble: ['Provides: perl(Foo::Bar) = 0.42', 'Provides: python3dist(foo-bar) = 0.42', 'Provides: python3.13dist(foo-bar) = 0.42', 'Requires: perl(strict)', 'Requires: (gcr-base >= 3.0 with gcr-base < 4.0)'],
    subpackages: [{ name: 'gcr-base', summary: 'gcr base', preamble: ['Provides: pkgconfig(gcr-base-3) = 3.41.2', 'Provides: libgcr-base-3.so.1()(64bit)'], files: ['/usr/libexec/gcr-base/bin/helper'] }],
  },
];


function generated(count: number): FixtureSpec[] {
  const r = rng(14);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const ops = ['>=', '<', '=', '>', '<='];
  const specs: FixtureSpec[] = [];
  const caps: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = `gen${i}`;
    const version = `${1 + Math.floor(r() * 4)}.${Math.floor(r() * 20)}`;
    const provides = [`Provides: libgen${i}.so.${i % 3}()(64bit)`, `Provides: pkgconfig(gen${i}) = ${version}`, `Provides: gen-virtual-${i % 5}`];
    const requires = caps.length ? [0, 1, 2].map(() => {
      const cap = pick(caps);
      return r() < 0.5 ? `Requires: ${cap}` : `Requires: ${cap} ${pick(ops)} ${1 + Math.floor(r() * 4)}.${Math.floor(r() * 20)}`;
    }) : [];
    caps.push(`pkgconfig(gen${i})`, `libgen${i}.so.${i % 3}()(64bit)`);
    specs.push({
      name,
      version,
      release: `${1 + (i % 3)}.fc43`,
      summary: `Generated package ${i}`,
      preamble: [...provides, ...requires],
      files: [`/usr/bin/gen${i}`, `/usr/share/gen${i}/readme`],
      subpackages: i % 2 ? [{ name: `gen${i}-libs`, summary: `Libraries of gen${i}`, preamble: [`Provides: gen${i}-abi = ${i}`], files: [`/etc/gen${i}.d/libs.conf`] }] : [],
    });
  }
  return specs;
}

export const FIXTURE_SPECS: readonly FixtureSpec[] = [...HAND_PICKED, ...generated(24)];
