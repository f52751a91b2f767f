// Renaming a component: every key naming it and every group member, one edit per place; the Fedora package
// it builds stays the same (upstream-name takes the old name where the name was the source); refusals say
// why. Checked by applying the edits and loading the project again: same effective config, no new findings.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { diskFileSystem, memoryFileSystem } from '../../../server/src/core/fs';
import { prepareRename, renameComponent } from '../../../server/src/core/features/rename';
import { createLanguageService, type LanguageService } from '../../../server/src/core/languageService';
import { effectiveComponent } from '../../../server/src/core/project/effectiveConfig';
import { CORPUS_ROOT, SCHEMAS_DIR } from '../../support/paths';
import { markedProject, p } from './featureHarness';
import { applyOffsetEdits } from '../../support/offsetEdits';


function effectiveJson(service: LanguageService, file: string, name: string): unknown {
  const model = service.projectOf(file);
  const eff = model && effectiveComponent(model, name);
  const plain = (n: unknown): unknown => {
    const node = n as { kind: string; entries?: Map<string, unknown>; items?: { value: unknown }[]; value?: unknown };
    if (node.kind === 'table') return Object.fromEntries([...(node.entries ?? new Map<string, unknown>())].map(([k, v]) => [k, plain(v)]));
    if (node.kind === 'array') return (node.items ?? []).map((i) => plain(i.value));
    return node.value;
  };
  return eff ? { config: plain(eff.config), groups: eff.groups } : undefined;
}

const PROJECT = {
  'azldev.toml': 'includes = ["comps/*.toml"]\n',
  'comps/groups.toml': '[component-groups.net]\ncomponents = ["curl", "wget"]\n[component-groups.net.default-component-config.build]\nwith = ["net"]\n',
  'comps/wget.toml': '[components.wget]\n',
};

describe('rename a component', () => {
  it('rewrites its headers, sub-tables, overlays and group members, and keeps its Fedora source package', () => {
    const comp = '[components.cu‸rl]\nspec = { type = "upstream" }\n\n[components.curl.build]\nwithout = ["tests"]\n\n[[components.curl.overlays]]\ntype = "spec-add-tag"\ntag = "Vendor"\nvalue = "x"\n';
    const m = markedProject({ ...PROJECT, 'comps/curl.toml': comp });
    const before = effectiveJson(m.service, m.file, 'curl') as { config: { spec: Record<string, unknown> } };
    const r = renameComponent(m.service, m.file, m.offset, 'curl-ng');
    assert.ok(r.ok, r.ok ? '' : r.reason);
    if (!r.ok) return;
    const files: Record<string, string> = {};
    for (const [rel, text] of Object.entries({ ...PROJECT, 'comps/curl.toml': comp.replace('‸', '') })) files[p(rel)] = applyOffsetEdits(text, r.edits[p(rel)] ?? []);
    assert.equal(
      files[p('comps/curl.toml')],
      '[components.curl-ng]\nspec = { type = "upstream", upstream-name = "curl" }\n\n[components.curl-ng.build]\nwithout = ["tests"]\n\n[[components.curl-ng.overlays]]\ntype = "spec-add-tag"\ntag = "Vendor"\nvalue = "x"\n',
    );
    assert.equal(files[p('comps/groups.toml')], PROJECT['comps/groups.toml'].replace('"curl"', '"curl-ng"'));
    const after = createLanguageService({ fs: memoryFileSystem(files), schema: 'bundled', bundledSchemaDir: SCHEMAS_DIR });
    before.config.spec['upstream-name'] = 'curl';
    assert.deepEqual(effectiveJson(after, p('comps/curl.toml'), 'curl-ng'), before);
    assert.equal(after.projectOf(p('azldev.toml'))?.unions.components.has('curl'), false);
  });

  it('quotes a name that is no bare key, and renames from a group member too', () => {
    const m = markedProject({ ...PROJECT, 'comps/groups.toml': PROJECT['comps/groups.toml'].replace('"wget"', '"wg‸et"') });
    const r = renameComponent(m.service, m.file, m.offset, 'wget1.21');
    assert.ok(r.ok);
    if (!r.ok) return;
    assert.equal(applyOffsetEdits(PROJECT['comps/wget.toml'], r.edits[p('comps/wget.toml')] ?? []), '[components."wget1.21"]\nspec = { type = "upstream", upstream-name = "wget" }\n');
  });

  it('refuses with a reason: a name taken, a name azldev cannot use, a cursor on no component', () => {
    const m = markedProject({ ...PROJECT, 'comps/curl.toml': '[components.cu‸rl]\n' });
    const taken = renameComponent(m.service, m.file, m.offset, 'wget');
    assert.deepEqual(taken, { ok: false, reason: 'A component `wget` is already defined; renaming would define it twice.' });
    for (const bad of ['', 'a b', '../x', '-x', '.x']) assert.equal(renameComponent(m.service, m.file, m.offset, bad).ok, false, JSON.stringify(bad));
    const off = markedProject({ ...PROJECT, 'comps/curl.toml': '[components.curl]\nsp‸ec = { type = "upstream" }\n' });
    assert.equal(prepareRename(off.service, off.file, off.offset).ok, false);
  });
});

describe('rename on the real tree', () => {
  it('git → git-core: every group listing git follows, the effective config is the same, and no new finding appears', () => {
    const service = createLanguageService({ fs: diskFileSystem, schema: 'bundled', bundledSchemaDir: SCHEMAS_DIR });
    const comps = path.join(CORPUS_ROOT, 'base/comps/components.toml');
    const text = fs.readFileSync(comps, 'utf8');
    const offset = text.indexOf('[components.git]') + 13;
    const before = effectiveJson(service, comps, 'git') as { config: { spec: Record<string, unknown> }; groups: string[] };
    const r = renameComponent(service, comps, offset, 'git-core');
    assert.ok(r.ok, r.ok ? '' : r.reason);
    if (!r.ok) return;
    const edited = new Map(Object.entries(r.edits).map(([f, e]) => [f, applyOffsetEdits(fs.readFileSync(f, 'utf8'), e)]));
    assert.ok(edited.size >= 2, 'the component file and the group that lists it');
    const overlay = { ...diskFileSystem, readFile: (f: string) => edited.get(f) ?? diskFileSystem.readFile(f) };
    const after = createLanguageService({ fs: overlay, schema: 'bundled', bundledSchemaDir: SCHEMAS_DIR });
    before.config.spec['upstream-name'] = 'git';
    assert.deepEqual(effectiveJson(after, comps, 'git-core'), before);
    const findings = (s: LanguageService) => s.checkProject(CORPUS_ROOT).diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').length;
    const listed = (s: LanguageService) => s.checkProject(CORPUS_ROOT).diagnostics.filter((d) => d.severity === "error" || d.severity === "warning").map((d) => `${d.file}: ${d.code} ${d.message}`);
    assert.deepEqual(listed(after), listed(service));
  });
});
