// Document symbols (outline) and workspace symbols: the shape of the outline on a small document, one
// symbol per component of the real components.toml (and how long that takes), and query matching.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'smol-toml';
import { documentSymbols, type DocumentSymbolData } from '../../../server/src/core/features/symbols';
import { matchScore, workspaceSymbols, WORKSPACE_SYMBOL_LIMIT } from '../../../server/src/core/features/symbolsWorkspace';
import { c, corpus, markedProject, p } from './featureHarness';

/** name [detail] (kind) with children, for a readable comparison. */
function outline(symbols: DocumentSymbolData[]): unknown[] {
  return symbols.map((s) => {
    const label = `${s.name}${s.detail ? ` [${s.detail}]` : ''} (${s.kind})`;
    return s.children.length ? [label, outline(s.children)] : label;
  });
}

describe('document symbols', () => {
  it('outlines components with spec, build and overlays, distros with versions, groups, project', () => {
    const text = [
      '«[project]',
      'description = "d"»',
      '«[components.«foo»]',
      'spec = { type = "local", path = "foo.spec" }',
      '[components.foo.build]',
      'with = ["x"]',
      '[[components.foo.overlays]]',
      'type = "spec-add-tag"',
      'description = "Add Vendor"',
      'tag = "Vendor"',
      'value = "v"',
      '[[components.foo.overlays]]',
      'type = "spec-remove-section"',
      'section = "%check"»',
      '[components."odd.name"]',
      '[distros.fedora]',
      'description = "Fedora"',
      '[distros.fedora.versions.43]',
      'description = "F43"',
      '[component-groups.g]',
      'components = ["foo", "odd.name"]',
      '[package-groups.pg]',
      'packages = ["a", "b", "c"]',
      '',
    ].join('\n');
    const m = markedProject({ 'azldev.toml': text });
    const symbols = documentSymbols(m.service, p('azldev.toml'));
    assert.deepEqual(outline(symbols), [
      ['project (object)', ['description (property)']],
      [
        'components (namespace)',
        [
          ['foo [local] (module)', ['spec [local] (object)', ['build (object)', ['with (array)']], 'spec-add-tag [Add Vendor] (event)', 'spec-remove-section (event)']],
          'odd.name (module)',
        ],
      ],
      ['distros (namespace)', [['fedora [Fedora] (namespace)', ['43 [F43] (enumMember)']]]],
      ['component-groups (namespace)', ['g [2 components] (array)']],
      ['package-groups (namespace)', ['pg [3 packages] (array)']],
    ]);
    const [projectSpan, fooSpan, fooKey] = m.spans.get(p('azldev.toml')) ?? [];
    assert.deepEqual(symbols[0]?.span, projectSpan);
    const foo = symbols[1]?.children[0];
    assert.deepEqual([foo?.span, foo?.selectionSpan], [fooSpan, fooKey], 'a component covers its header, sub-tables and overlays');
  });

  it('outlines an overlay document by overlay type', () => {
    const m = markedProject({ 'x.overlay.toml': '[metadata]\ncategory = "build"\n[[overlays]]\ntype = "patch-add"\ndescription = "Fix"\nsource = "a.patch"\n' });
    assert.deepEqual(outline(documentSymbols(m.service, p('x.overlay.toml'))), [['metadata (object)', ['category (property)']], ['overlays (array)', ['patch-add [Fix] (event)']]]);
  });

  it('gives one symbol per component of the real components.toml', () => {
    const service = corpus();
    const file = c('base/comps/components.toml');
    const expected = Object.keys((parse(fs.readFileSync(file, 'utf8')) as { components: object }).components).length;
    service.cache.get(file);
    const started = process.hrtime.bigint();
    const symbols = documentSymbols(service, file);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const components = symbols.find((s) => s.name === 'components');
    assert.equal(components?.children.length, expected);
    assert.ok(expected > 7000);
    process.stdout.write(`# document symbols of components.toml: ${ms.toFixed(1)} ms (figure only; speed goals live in bench/)\n`);
  });
});

describe('workspace symbols', () => {
  it('ranks exact, prefix, substring and in-order matches, case-insensitively', () => {
    assert.deepEqual(['gcc', 'GCC-x', 'mingw-gcc', 'glibc-common', 'bash'].map((n) => matchScore(n, 'gcc')), [0, 1, 2, 4, undefined]);
    const m = markedProject({
      'azldev.toml': 'includes = ["*.toml"]\n',
      'a.toml': '[components.mingw-gcc]\n[components.gcc]\n[components.gcc-toolset]\n[components.bash]\n[component-groups.gcc-group]\ncomponents = ["gcc"]\n[distros.fedora.versions.gcc42]\n',
    });
    const model = m.service.projectOf(p('azldev.toml'));
    assert.ok(model);
    const found = workspaceSymbols([model], 'gcc');
    assert.deepEqual(found.map((s) => [s.name, s.containerName]), [
      ['gcc', 'component'],
      ['gcc42', 'distro fedora'],
      ['gcc-group', 'component group'],
      ['gcc-toolset', 'component'],
      ['mingw-gcc', 'component'],
    ]);
  });

  it('searches the real tree and caps the answer', () => {
    const service = corpus();
    const model = service.projectOf(c('azldev.toml'));
    assert.ok(model);
    const started = process.hrtime.bigint();
    const gcc = workspaceSymbols([model], 'gcc');
    const all = workspaceSymbols([model], 'a');
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.equal(gcc[0]?.name, 'gcc');
    assert.equal(gcc[0]?.file, c('base/comps/gcc/gcc.comp.toml'));
    assert.ok(gcc.every((s) => matchScore(s.name, 'gcc') !== undefined));
    assert.equal(all.length, WORKSPACE_SYMBOL_LIMIT);
    assert.ok(workspaceSymbols([model], 'azurelinux').some((s) => s.containerName === 'distro'));
    process.stdout.write(`# two workspace symbol queries on the real tree: ${ms.toFixed(1)} ms (figure only)\n`);
  });
});
