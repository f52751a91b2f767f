// Render benchmark: time of the render pipeline (macros file, overlays, check skip, header, Release) on
// (1) the corpus kernel.spec (~7,900 lines) with 24 overlays of every spec type, and (2) every corpus component
// that has overlays, a macros file or a check skip, with azldev's rendered specs standing in for the cached
// upstream specs (no network). There is no peer to compare with: azldev needs a mock chroot and dist-git.
// Usage: node bench/render.mjs [--runs N] [--json]
import { build } from 'esbuild';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmtMs, median, table } from './lib/stats.mjs';
import { treeRoot } from './lib/tools.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] || 0) || 20;
const asJson = process.argv.includes('--json');

// The core is not a public bundle; compile just the render entry points for this run.
const outFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'distro-toml-bench-')), 'render-core.cjs');
await build({
  stdin: {
    contents: `export { renderComponent, directorySource, collectOverlays } from './server/src/core/render';
export { loadProject } from './server/src/core/project/projectModel';
export { effectiveComponent } from './server/src/core/project/effectiveConfig';
export { DocumentCache } from './server/src/core/documentCache';
export { diskFileSystem } from './server/src/core/fs';
export { parseToml } from './server/src/core/toml';`,
    resolveDir: repo,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: outFile,
  logLevel: 'warning',
});
const core = createRequire(import.meta.url)(outFile);

const tree = treeRoot();
const rendered = path.resolve(tree, '..', 'rendered-specs');
const model = core.loadProject(new core.DocumentCache(core.diskFileSystem), path.join(tree, 'azldev.toml'));
const noFiles = core.directorySource(path.join(os.tmpdir(), 'distro-toml-bench-no-files'), '');
const history = async () => ({ ok: true, commits: 1 });

/** A provider returning one fixed spec text. */
const fixed = (text) => async () => ({ ok: true, tree: { specText: text, files: noFiles, origin: 'bench' } });

async function time(fn) {
  const t0 = process.hrtime.bigint();
  const r = await fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, r };
}

// (1) kernel.spec with 24 overlays.
const kernelSpec = fs.readFileSync(path.join(rendered, 'k', 'kernel', 'kernel.spec'), 'utf8');
const kernelOverlays = [
  ['spec-add-tag', { tag: 'Provides', value: 'azl-kernel' }],
  ['spec-add-tag', { tag: 'BuildRequires', value: 'azl-tools' }],
  ['spec-insert-tag', { tag: 'Source9000', value: 'azl-config' }],
  ['spec-insert-tag', { tag: 'Source9001', value: 'azl-extra' }],
  ['spec-set-tag', { tag: 'Vendor', value: 'Microsoft' }],
  ['spec-set-tag', { tag: 'URL', value: 'https://aka.ms/azurelinux' }],
  ['spec-update-tag', { tag: 'License', value: 'GPL-2.0-only' }],
  ['spec-remove-tag', { tag: 'Provides', value: 'azl-kernel' }],
  ['spec-prepend-lines', { lines: ['%global azl 1'] }],
  ['spec-append-lines', { lines: ['# end'] }],
  ['spec-prepend-lines', { section: '%prep', lines: ['echo azl prep'] }],
  ['spec-append-lines', { section: '%build', lines: ['echo azl build'] }],
  ['spec-prepend-lines', { section: '%install', lines: ['echo azl install'] }],
  ['spec-append-lines', { section: '%install', lines: ['echo azl install end'] }],
  ['spec-search-replace', { regex: 'fedoraproject\\.org', replacement: 'example.org' }],
  ['spec-search-replace', { section: '%build', regex: '\\bmake\\b', replacement: 'make V=1' }],
  ['spec-search-replace', { regex: '(?i)fedora', replacement: 'AzureLinux' }],
  ['spec-search-replace', { regex: 'x86_64', replacement: 'X86_64' }],
  ['spec-search-replace', { regex: '%\\{\\?dist\\}', replacement: '%{?dist}%{?azl}' }],
  ['spec-add-tag', { tag: 'Requires', value: 'azl-base' }],
  ['spec-append-lines', { section: '%changelog', lines: ['- azl'] }],
  ['spec-prepend-lines', { section: '%files', lines: ['%doc AZL'] }],
  ['spec-search-replace', { regex: 'kernel-tools', replacement: 'azl-kernel-tools' }],
  ['spec-add-tag', { tag: 'Conflicts', value: 'kernel-fedora' }],
];
const kernelToml =
  '[components.kernel]\nbuild = { with = ["azl"], defines = { azl_flavor = "std" } }\n' +
  kernelOverlays
    .map(([type, f]) => `[[components.kernel.overlays]]\ntype = "${type}"\n` + Object.entries(f).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join('\n') + '\n')
    .join('\n');
const benchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'distro-toml-bench-kernel-'));
fs.writeFileSync(path.join(benchDir, 'azldev.toml'), kernelToml);
const kernelModel = core.loadProject(new core.DocumentCache(core.diskFileSystem), path.join(benchDir, 'azldev.toml'));
const kernelEnv = { fs: core.diskFileSystem, specs: fixed(kernelSpec), releaseHistory: history };
const first = await core.renderComponent(kernelModel, 'kernel', kernelEnv);
const failedKernel = first.overlays.filter((o) => !o.ok).map((o) => `${o.index} ${o.type}: ${o.message}`);
if (failedKernel.length) throw new Error(`kernel bench overlays failed:\n${failedKernel.join('\n')}`);
const kernelTimes = [];
for (let i = 0; i < runs; i++) kernelTimes.push((await time(() => core.renderComponent(kernelModel, 'kernel', kernelEnv))).ms);

// (2) every corpus component with something to render beyond the header.
const comps = [];
for (const letter of fs.readdirSync(rendered)) {
  for (const name of fs.readdirSync(path.join(rendered, letter))) {
    const eff = core.effectiveComponent(model, name);
    const def = model.unions.components.get(name);
    if (!eff || !def) continue;
    const collected = core.collectOverlays(core.diskFileSystem, eff, def.file);
    const build = eff.config.entries.get('build');
    if (collected.ok && (collected.overlays.length > 0 || build)) comps.push({ name, text: fs.readFileSync(path.join(rendered, letter, name, `${name}.spec`), 'utf8'), overlays: collected.ok ? collected.overlays.length : 0 });
  }
}
const perComp = [];
let overlaysApplied = 0;
const allTimes = [];
for (let i = 0; i < Math.max(3, Math.floor(runs / 4)); i++) {
  const t0 = process.hrtime.bigint();
  for (const c of comps) {
    const { ms, r } = await time(() => core.renderComponent(model, c.name, { fs: core.diskFileSystem, specs: fixed(c.text), releaseHistory: history }));
    if (i === 0) {
      perComp.push(ms);
      overlaysApplied += r.overlays.length;
    }
  }
  allTimes.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
perComp.sort((a, b) => a - b);
const p95 = perComp[Math.floor(perComp.length * 0.95)] ?? 0;

const result = {
  kernel: { lines: kernelSpec.split('\n').length, overlays: first.overlays.length, medianMs: median(kernelTimes), minMs: Math.min(...kernelTimes), runs },
  corpus: { components: comps.length, overlaysApplied, totalMedianMs: median(allTimes), perComponentMedianMs: median(perComp), perComponentP95Ms: p95 },
};
if (asJson) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
else {
  process.stdout.write(
    table(
      ['workload', 'size', 'median ms', 'other (ms)'],
      [
        ['kernel.spec render', `${result.kernel.lines} lines, ${result.kernel.overlays} overlays`, fmtMs(result.kernel.medianMs), `min ${fmtMs(result.kernel.minMs)} over ${runs} runs`],
        ['corpus components with overlays', `${comps.length} components, ${overlaysApplied} overlays`, fmtMs(result.corpus.totalMedianMs), `per component: median ${fmtMs(result.corpus.perComponentMedianMs)}, p95 ${fmtMs(p95)}`],
      ],
    ) + '\n',
  );
}
fs.rmSync(benchDir, { recursive: true, force: true });
fs.rmSync(path.dirname(outFile), { recursive: true, force: true });
