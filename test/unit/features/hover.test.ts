// Hover: a component's effective config with each value's origin (on marked projects and on the real
// tree: the check-skip group's build.check.skip, the distro's spec.upstream-distro), a group member's
// summary, and the schema's words for other keys and values.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hover } from '../../../server/src/core/features/hover';
import { c, corpus, corpusOffset, lineAt, markedProject } from './featureHarness';

const PROJECT = {
  'azldev.toml': 'includes = ["distro.toml", "groups.toml", "comps/*.comp.toml"]\n[project]\ndefault-distro = { name = "azl" }\n[default-component-config.build]\nwith = ["proj"]\n',
  'distro.toml': '[distros.azl]\ndefault-version = "1"\n[distros.azl.versions.1.default-component-config]\nspec = { type = "upstream", upstream-distro = { name = "azl", version = "1" } }\n',
  'groups.toml': '[component-groups.skip]\ncomponents = ["foo"]\n[component-groups.skip.default-component-config.build]\ncheck = { skip = true, skip_reason = "flaky" }\nwith = ["grp"]\n',
};

describe('hover on a component', () => {
  it('says in a few lines what the component is and inherits, and links to its full effective config', () => {
    const m = markedProject({ ...PROJECT, 'comps/foo.comp.toml': '[components.«f‸oo»]\n\n[components.foo.build]\nwith = ["own"]\n' });
    const h = hover(m.service, m.file, m.offset);
    assert.deepEqual(h?.span, m.spans.get(m.file)?.[0]);
    const md = h?.markdown ?? '';
    assert.match(md, /^\*\*Component `foo`\*\* — defined in \[comps\/foo\.comp\.toml:1\]\(file:\/\/\/p\/comps\/foo\.comp\.toml#L1\)/);
    assert.match(md, /distro azl 1 · upstream spec/);
    assert.match(md, /Groups: `skip`/);
    assert.match(md, /Inherits from: distro azl 1 default-component-config \(\[distro\.toml:3\]\(file:\/\/\/p\/distro\.toml#L3\)\)/);
    assert.match(md, /component group skip default-component-config \(\[groups\.toml:3\]/);
    // The whole config is one click away, not in the hover.
    assert.doesNotMatch(md, /```toml/);
    const link = /\[Show Effective Config\]\(command:distroToml\.showEffectiveConfig\?([^)]+)\)/.exec(md);
    assert.deepEqual(JSON.parse(decodeURIComponent(link?.[1] ?? '""')), [{ uri: 'file:///p/comps/foo.comp.toml', component: 'foo' }]);
    assert.ok(md.split('\n').length <= 10, md);
  });

  it("on a key inside a component, shows the effective value and the layer it comes from", () => {
    const m = markedProject({ ...PROJECT, 'comps/foo.comp.toml': '[components.foo.build]\ncheck = { skip = true, skip_re‸ason = "mine" }\n' });
    const md = hover(m.service, m.file, m.offset)?.markdown ?? '';
    assert.match(md, /Effective: `"mine"` — from component foo \(\[comps\/foo\.comp\.toml:2\]\(file:\/\/\/p\/comps\/foo\.comp\.toml#L2\)\)/);
    // A false never clears what a group set (mergo's rule, azldev's merge): the hover says so.
    const falsy = markedProject({ ...PROJECT, 'comps/foo.comp.toml': '[components.foo.build]\ncheck = { sk‸ip = false }\n' });
    assert.match(hover(falsy.service, falsy.file, falsy.offset)?.markdown ?? '', /Effective: `true` — from component group skip default-component-config \(\[groups\.toml:4\]/);
    const inherited = markedProject({ ...PROJECT, 'comps/foo.comp.toml': '[components.foo.spec]\nty‸pe = "upstream"\n' });
    assert.match(hover(inherited.service, inherited.file, inherited.offset)?.markdown ?? '', /Effective: `"upstream"` — from component foo/);
  });

  it('summarises the component on a group member, without the whole config', () => {
    const m = markedProject({ ...PROJECT, 'groups.toml': PROJECT['groups.toml'].replace('["foo"]', '[«"f‸oo"»]'), 'comps/foo.comp.toml': '[components.foo]\n' });
    const h = hover(m.service, m.file, m.offset);
    assert.deepEqual(h?.span, m.spans.get(m.file)?.[0]);
    assert.match(h?.markdown ?? '', /^\*\*Component `foo`\*\* — defined in \[comps\/foo\.comp\.toml:1\]/);
    assert.match(h?.markdown ?? '', /distro azl 1 · upstream spec/);
    assert.doesNotMatch(h?.markdown ?? '', /```toml/);
  });
});

describe('hover on other keys', () => {
  it("shows a key's schema title and description", () => {
    const m = markedProject({ 'azldev.toml': '[components.foo]\n[components.foo.build]\ncheck = { «sk‸ip» = true, skip_reason = "x" }\n' });
    const h = hover(m.service, m.file, m.offset);
    assert.deepEqual(h?.span, m.spans.get(m.file)?.[0]);
    assert.match(h?.markdown ?? '', /^\*\*Skip %check\*\* \(`skip`\) — boolean\n\nWhen `true`, azldev prepends/);
  });

  it("describes the enum value written, not the table of every value", () => {
    const m = markedProject({ 'azldev.toml': '[components.foo]\n[[components.foo.overlays]]\ntype = «"spec-se‸t-tag"»\ntag = "a"\nvalue = "b"\n' });
    const md = hover(m.service, m.file, m.offset)?.markdown ?? '';
    assert.match(md, /^\*\*Overlay type\*\* \(`type`\)/);
    assert.match(md, /\n`"spec-set-tag"` — Set a tag /);
    assert.doesNotMatch(md, /spec-add-tag/);
    const unknown = markedProject({ 'azldev.toml': '[components.foo]\n[[components.foo.overlays]]\ntype = "spec-no‸pe"\n' });
    assert.match(hover(unknown.service, unknown.file, unknown.offset)?.markdown ?? '', /One of 17 values \(completion lists them\)\./);
  });

  it('documents a table header key and a key of a per-file overlay document', () => {
    const header = markedProject({ 'azldev.toml': '[components.foo.bu‸ild]\n' });
    assert.match(hover(header.service, header.file, header.offset)?.markdown ?? '', /^\*\*Build configuration\*\*|^\*\*Build\*\*/);
    const doc = markedProject({ 'x.overlay.toml': '[metadata]\ncategory = "build"\n[[overlays]]\ntype = "patch-add"\nsou‸rce = "a.patch"\n' });
    assert.match(hover(doc.service, doc.file, doc.offset)?.markdown ?? '', /\(`source`\)/);
    const meta = markedProject({ 'x.overlay.toml': '[metadata]\ncateg‸ory = "build"\n[[overlays]]\ntype = "patch-add"\nsource = "a.patch"\n' });
    assert.match(hover(meta.service, meta.file, meta.offset)?.markdown ?? '', /\(`category`\)/);
  });

  it('says nothing where the schema knows no key', () => {
    const m = markedProject({ 'azldev.toml': '[components.foo]\nno-such‸-key = 1\n' });
    assert.equal(hover(m.service, m.file, m.offset), undefined);
  });
});

describe('hover on the real tree', () => {
  const service = corpus();

  it("git inherits build.check.skip from check-skip-initial-failures and spec.upstream-distro from azurelinux 4.0-stage2", () => {
    const comps = c('base/comps/components.toml');
    const md = hover(service, comps, corpusOffset(service, comps, '[components.git]', 13))?.markdown ?? '';
    const group = c('base/comps/component-check-disablement.toml');
    const groupLine = lineAt(service, group, corpusOffset(service, group, '[component-groups.check-skip-initial-failures.default-component-config', 0));
    const distro = c('distro/azurelinux.distro.toml');
    const stage2Line = lineAt(service, distro, corpusOffset(service, distro, "[distros.azurelinux.versions.'4.0-stage2'.default-component-config]", 0));
    assert.ok(md.includes('Groups: `check-skip-initial-failures`'), md);
    assert.ok(md.includes(`Inherits from: distro azurelinux 4.0-stage2 default-component-config ([distro/azurelinux.distro.toml:${stage2Line}]`), md);
    assert.ok(md.includes(`component group check-skip-initial-failures default-component-config ([base/comps/component-check-disablement.toml:${groupLine}]`), md);
  });
});
