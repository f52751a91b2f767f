// The render against azldev's own output: every component of the real tree whose rendered spec is in
// corpus/rendered-specs and whose input can be had offline is rendered and compared byte for byte (spec and
// NAME.azl.macros). Local specs are in the tree. Upstream specs are reconstructed from the rendered spec by
// undoing the overlays whose effect can be undone exactly (corpusInversion.ts) and leaving out the %autorelease
// block rpmautospec puts at the top; the others are counted as skipped.
// The tree has no git history, so the commit count of the Release bump is read off the rendered Release.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { DocumentCache } from '../../../server/src/core/documentCache';
import { diskFileSystem } from '../../../server/src/core/fs';
import { effectiveComponent, effectiveToJS } from '../../../server/src/core/project/effectiveConfig';
import { loadProject } from '../../../server/src/core/project/projectModel';
import { collectOverlays, createSpecProvider, directorySource, renderComponent, type SpecProvider } from '../../../server/src/core/render';
import { CORPUS_ROOT } from '../../support/paths';
import { invertRender } from './corpusInversion';

const RENDERED = path.resolve(CORPUS_ROOT, '..', 'rendered-specs');
const model = loadProject(new DocumentCache(diskFileSystem), path.join(CORPUS_ROOT, 'azldev.toml'));

function renderedDirs(): string[] {
  const out: string[] = [];
  for (const letter of fs.readdirSync(RENDERED).sort()) for (const name of fs.readdirSync(path.join(RENDERED, letter)).sort()) out.push(path.join(RENDERED, letter, name));
  return out;
}

function releaseNumber(spec: string): number | undefined {
  const m = /^Release:\s*(\d+)/im.exec(spec);
  return m ? Number(m[1]) : undefined;
}

const RPMAUTOSPEC_END = '## END: Set by rpmautospec\n\n';

function withoutRpmautospecBlock(spec: string): string {
  if (!spec.startsWith('## START: Set by rpmautospec\n')) return spec;
  const end = spec.indexOf(RPMAUTOSPEC_END);
  return end < 0 ? spec : spec.slice(end + RPMAUTOSPEC_END.length);
}

function plain(name: string): Record<string, unknown> {
  const eff = effectiveComponent(model, name);
  return eff ? (effectiveToJS(eff.config) as Record<string, unknown>) : {};
}

describe('corpus: byte-for-byte against azldev-rendered specs', () => {
  const dirs = renderedDirs();
  const local: string[] = [];
  const verified: string[] = [];
  const withOverlays: string[] = [];
  const skipped = new Map<string, string[]>();
  const skip = (reason: string, name: string) => skipped.set(reason, [...(skipped.get(reason) ?? []), name]);

  test('local components render identically (spec and macros file)', async () => {
    for (const dir of dirs) {
      const name = path.basename(dir);
      const spec = plain(name)['spec'] as Record<string, unknown> | undefined;
      if (spec?.['type'] !== 'local') continue;
      local.push(name);
      const expected = fs.readFileSync(path.join(dir, `${name}.spec`), 'utf8');
      const def = model.unions.components.get(name);
      assert.ok(def);
      const input = fs.readFileSync(path.join(path.dirname(def.file), `${name}.spec`), 'utf8');
      const commits = (releaseNumber(expected) ?? 0) - (releaseNumber(input) ?? 0);
      assert.ok(commits >= 1, `${name}: the rendered Release is bumped`);
      const r = await renderComponent(model, name, { fs: diskFileSystem, specs: createSpecProvider({}), releaseHistory: async () => ({ ok: true, commits }) });
      assert.equal(r.ok, true, `${name}: ${r.errors.join('; ')}`);
      assert.equal(r.spec, expected, name);
      const macros = path.join(dir, `${name}.azl.macros`);
      if (fs.existsSync(macros)) assert.equal(r.files?.readText(`${name}.azl.macros`), fs.readFileSync(macros, 'utf8'));
      else assert.equal(r.files?.has(`${name}.azl.macros`), false);
    }
    assert.deepEqual(local.sort(), ['azurelinux-release', 'azurelinux-repos', 'azurelinux-stage1-compat']);
  });

  test('upstream components reconstructed by undoing invertible overlays render identically', async () => {
    for (const dir of dirs) {
      const name = path.basename(dir);
      const cfg = plain(name);
      const spec = cfg['spec'] as Record<string, unknown> | undefined;
      if (spec?.['type'] === 'local') continue;
      const eff = effectiveComponent(model, name);
      const def = model.unions.components.get(name);
      if (!eff || !def) {
        skip('not in the tree', name);
        continue;
      }
      // rpmautospec ran after azldev and put its %autorelease block first; that block is its output, not azldev's.
      const expected = withoutRpmautospecBlock(fs.readFileSync(path.join(dir, `${name}.spec`), 'utf8'));
      const collected = collectOverlays(diskFileSystem, eff, def.file, model.root);
      assert.ok(collected.ok);
      const build = (cfg['build'] ?? {}) as Record<string, unknown>;
      const check = (build['check'] ?? {}) as Record<string, unknown>;
      const macrosPath = path.join(dir, `${name}.azl.macros`);
      const inverted = invertRender({
        rendered: expected,
        userOverlays: collected.overlays.map((p) => p.overlay),
        ...(check['skip'] === true ? { checkSkipReason: String(check['skip_reason'] ?? '') } : {}),
        ...(fs.existsSync(macrosPath) ? { macrosFileName: `${name}.azl.macros` } : {}),
      });
      if (!inverted.ok) {
        skip(inverted.reason, name);
        continue;
      }
      const specs: SpecProvider = async () => ({ ok: true, tree: { specText: inverted.spec, files: directorySource(path.join(dir, 'no-sidecar-files'), ''), origin: dir } });
      // The reconstructed input already carries the rendered Release, so no commits are added on top.
      const r = await renderComponent(model, name, { fs: diskFileSystem, specs, releaseHistory: async () => ({ ok: true, commits: 0 }) });
      assert.equal(r.spec, expected, name);
      for (const o of r.overlays) if (!o.type.startsWith('file-')) assert.equal(o.ok, true, `${name}: overlay ${o.index} ${o.type}: ${o.message}`);
      if (fs.existsSync(macrosPath)) assert.equal(r.files?.readText(`${name}.azl.macros`), fs.readFileSync(macrosPath, 'utf8'), `${name} macros`);
      verified.push(name);
      if (r.overlays.some((o) => o.kind !== 'header')) withOverlays.push(name);
    }
    const skippedCount = [...skipped.values()].reduce((n, l) => n + l.length, 0);
    process.stdout.write(
      `# corpus: ${dirs.length} rendered specs; ${local.length} local and ${verified.length} reconstructed upstream specs (${withOverlays.length} with overlays, a macros file or a check skip) match byte for byte; ${skippedCount} skipped: ` +
        [...skipped].map(([reason, names]) => `${reason} (${names.length}${names.length <= 5 ? ': ' + names.join(', ') : ''})`).join('; ') +
        '\n',
    );
    assert.equal(verified.length + local.length + skippedCount, dirs.length);
    assert.ok(verified.length >= 500, `only ${verified.length} upstream specs verified`);
    assert.ok(withOverlays.length >= 20, `only ${withOverlays.length} verified specs exercise more than the header`);
  });
});
