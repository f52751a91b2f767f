// Find references of a component: the definition (when asked for), group members and other components'
// upstream-name, from the header key or from a group member; on marked projects and the real tree.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { findReferences } from '../../../server/src/core/features/references';
import { c, corpus, corpusOffset, markedProject, p } from './featureHarness';

const FILES = {
  'azldev.toml': 'includes = ["*.comp.toml", "groups.toml"]\n',
  'a.comp.toml': '[components.«bash»]\n[components.bash.build]\nwith = ["x"]\n',
  'b.comp.toml': '[components.bash-completion]\nspec = { type = "upstream", upstream-name = «"bash"» }\n[components.zsh]\nspec = { upstream-name = "zsh-upstream" }\n',
  'groups.toml': '[component-groups.shells]\ncomponents = [«"bash"», "zsh"]\n[component-groups.core]\ncomponents = [«"bash"»]\n[package-groups.p]\npackages = ["bash"]\n',
};

describe('references on a small project', () => {
  it('lists the definition, every group listing it, and upstream-name uses, from the header key', () => {
    const m = markedProject({ ...FILES, 'a.comp.toml': '[components.«ba‸sh»]\n[components.bash.build]\nwith = ["x"]\n' });
    const refs = findReferences(m.service, m.file, m.offset, true);
    assert.deepEqual(refs, [
      { file: p('a.comp.toml'), span: m.spans.get(p('a.comp.toml'))?.[0], kind: 'definition' },
      { file: p('groups.toml'), span: m.spans.get(p('groups.toml'))?.[0], kind: 'group-member' },
      { file: p('groups.toml'), span: m.spans.get(p('groups.toml'))?.[1], kind: 'group-member' },
      { file: p('b.comp.toml'), span: m.spans.get(p('b.comp.toml'))?.[0], kind: 'upstream-name' },
    ]);
  });

  it('works from a group member and from a sub-table header of the component, and leaves out the declaration when asked', () => {
    const fromMember = markedProject({ ...FILES, 'groups.toml': '[component-groups.shells]\ncomponents = [«"ba‸sh"», "zsh"]\n[component-groups.core]\ncomponents = [«"bash"»]\n' });
    const refs = findReferences(fromMember.service, fromMember.file, fromMember.offset, false);
    assert.deepEqual(refs?.map((r) => r.kind), ['group-member', 'group-member', 'upstream-name']);
    const fromSubTable = markedProject({ ...FILES, 'a.comp.toml': '[components.bash]\n[components.ba‸sh.build]\nwith = ["x"]\n' });
    assert.equal(findReferences(fromSubTable.service, fromSubTable.file, fromSubTable.offset, true)?.length, 4);
  });

  it('says nothing off a component', () => {
    const m = markedProject({ ...FILES, 'a.comp.toml': '[components.bash]\n[components.bash.build]\nwith = ["‸x"]\n' });
    assert.equal(findReferences(m.service, m.file, m.offset, true), undefined);
  });
});

describe('references on the real tree', () => {
  const service = corpus();

  it('finds git in components.toml and in the check-skip group, from either place', () => {
    const comps = c('base/comps/components.toml');
    const group = c('base/comps/component-check-disablement.toml');
    const fromHeader = findReferences(service, comps, corpusOffset(service, comps, '[components.git]', 13), true);
    assert.deepEqual(fromHeader?.map((r) => [r.file, r.kind]), [[comps, 'definition'], [group, 'group-member']]);
    const groupText = fs.readFileSync(group, 'utf8');
    const member = fromHeader?.[1];
    assert.equal(groupText.slice(member?.span.start, member?.span.end), '"git"');
    const fromMember = findReferences(service, group, corpusOffset(service, group, '"git"', 2), true);
    assert.deepEqual(fromMember, fromHeader);
  });
});

describe('references of a binary package', () => {
  it("from a package-group member: every group listing it and the components' packages.NAME settings", () => {
    const m = markedProject({
      'azldev.toml': 'includes = ["*.toml"]\n[components.zlib.packages.«zlib-devel»]\npublish = { channel = "rpm-sdk" }\n',
      'a.toml': '[package-groups.a]\npackages = [«"zlib-de‸vel"», "zlib"]\n',
      'b.toml': '[package-groups.b]\npackages = [«"zlib-devel"»]\n',
    });
    const refs = findReferences(m.service, m.file, m.offset, true) ?? [];
    const expected = [...(m.spans.get(p('a.toml')) ?? []).map((span) => ({ file: p('a.toml'), span })), ...(m.spans.get(p('b.toml')) ?? []).map((span) => ({ file: p('b.toml'), span })), ...(m.spans.get(p('azldev.toml')) ?? []).map((span) => ({ file: p('azldev.toml'), span }))];
    assert.deepEqual(
      refs.map((r) => ({ file: r.file, span: r.span })).sort((x, y) => x.file.localeCompare(y.file)),
      expected.sort((x, y) => x.file.localeCompare(y.file)),
    );
  });

  it('on the real tree: 389-ds-base-devel is listed once, in base.packages.toml', () => {
    const service = corpus();
    const file = c('base/packages/base.packages.toml');
    const refs = findReferences(service, file, corpusOffset(service, file, '"389-ds-base-devel"', 3), true) ?? [];
    assert.deepEqual(refs.map((r) => [r.file, r.kind]), [[file, 'package-member']]);
  });
});
