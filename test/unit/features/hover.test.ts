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
  it("shows the effective config with every value's layer, file and line", () => {
    const m = markedProject({ ...PROJECT, 'comps/foo.comp.toml': '[components.«f‸oo»]\n\n[components.foo.build]\nwith = ["own"]\n' });
    const h = hover(m.service, m.file, m.offset);
    assert.deepEqual(h?.span, m.spans.get(m.file)?.[0]);
    const toml = /```toml\n([\s\S]*?)\n```/.exec(h?.markdown ?? '')?.[1];
    assert.equal(
      toml,
      [
        '[components.foo.spec]',
        'type = "upstream"  # from distro azl 1 default-component-config (distro.toml:4)',
        '',
        '[components.foo.spec.upstream-distro]',
        'name = "azl"  # from distro azl 1 default-component-config (distro.toml:4)',
        'version = "1"  # from distro azl 1 default-component-config (distro.toml:4)',
        '',
        '[components.foo.build]',
        'with = [',
        '  "proj",  # from project default-component-config (azldev.toml:5)',
        '  "grp",  # from component group skip default-component-config (groups.toml:5)',
        '  "own",  # from component foo (comps/foo.comp.toml:4)',
        ']',
        '',
        '[components.foo.build.check]',
        'skip = true  # from component group skip default-component-config (groups.toml:4)',
        'skip_reason = "flaky"  # from component group skip default-component-config (groups.toml:4)',
      ].join('\n'),
    );
    assert.match(h?.markdown ?? '', /Groups: `skip`/);
    assert.match(h?.markdown ?? '', /1\. distro azl 1 default-component-config — \[distro\.toml:3\]\(file:\/\/\/p\/distro\.toml#L3\)/);
    assert.match(h?.markdown ?? '', /4\. component foo — \[comps\/foo\.comp\.toml:1\]\(file:\/\/\/p\/comps\/foo\.comp\.toml#L1\)/);
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

  it("lists an enum's values with their descriptions and marks the one written", () => {
    const m = markedProject({ 'azldev.toml': '[components.foo]\n[[components.foo.overlays]]\ntype = «"spec-se‸t-tag"»\ntag = "a"\nvalue = "b"\n' });
    const md = hover(m.service, m.file, m.offset)?.markdown ?? '';
    assert.match(md, /^\*\*Overlay type\*\* \(`type`\)/);
    assert.match(md, /- `"spec-set-tag"` — Set a tag .*← this value/);
    assert.match(md, /- `"spec-add-tag"` — Add a tag/);
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
    const groupLine = lineAt(service, group, corpusOffset(service, group, 'check = { skip = true', 0));
    const distro = c('distro/azurelinux.distro.toml');
    const stage2 = corpusOffset(service, distro, "[distros.azurelinux.versions.'4.0-stage2'.default-component-config]", 0);
    const distroLine = lineAt(service, distro, corpusOffset(service, distro, 'spec = { type = "upstream"', 0, 1));
    assert.ok(lineAt(service, distro, stage2) < distroLine);
    assert.ok(md.includes(`skip = true  # from component group check-skip-initial-failures default-component-config (base/comps/component-check-disablement.toml:${groupLine})`), md);
    assert.ok(md.includes(`name = "fedora"  # from distro azurelinux 4.0-stage2 default-component-config (distro/azurelinux.distro.toml:${distroLine})`), md);
    assert.ok(md.includes('Groups: `check-skip-initial-failures`'));
  });

  it('takes under 50 ms on a component of the real tree', () => {
    const file = c('base/comps/sssd/sssd.comp.toml');
    const offset = corpusOffset(service, file, '[components.sssd]', 13);
    hover(service, file, offset);
    const started = process.hrtime.bigint();
    const md = hover(service, file, offset)?.markdown ?? '';
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.match(md, /\[\[components\.sssd\.overlays\]\]  # from component sssd/);
    assert.ok(ms < 50, `hover took ${ms.toFixed(1)} ms`);
  });
});
