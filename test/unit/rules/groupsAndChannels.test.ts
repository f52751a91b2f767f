// Package-group membership and publish channel names (azldev package.go, project.go, component.go tags).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectNone, expectOne } from './ruleHarness';

describe('package groups', () => {
  it('rejects empty and repeated package names', () => {
    expectOne('[package-groups.base]\npackages = ["bash", ""]\n', 'package-group-empty-package', '""');
    const text = '[package-groups.base]\npackages = ["bash", "zsh", "bash"]\n';
    const d = expectOne(text, 'package-group-duplicate-package', '"bash"');
    assert.equal(d.span.start, text.lastIndexOf('"bash"'));
  });

  it('rejects a package in two groups', () => {
    const text = '[package-groups.a]\npackages = ["bash"]\n[package-groups.b]\npackages = ["bash"]\n';
    const d = expectOne(text, 'package-group-package-in-two-groups', '"bash"');
    assert.equal(d.span.start, text.lastIndexOf('"bash"'));
    expectNone('[package-groups.a]\npackages = ["bash"]\n[package-groups.b]\npackages = ["zsh"]\n');
  });
});

describe('publish channels', () => {
  it('rejects path-like channel names everywhere azldev checks them', () => {
    expectOne('[components.curl.publish]\nrpm-channel = "a/b"\n', 'publish-channel-invalid', '"a/b"');
    expectOne('[components.curl.packages.curl-devel.publish]\ndebuginfo-channel = ".."\n', 'publish-channel-invalid', '".."');
    expectOne('[default-package-config.publish]\nchannel = "x\\\\y"\n', 'publish-channel-invalid', '"x\\\\y"');
    expectOne('[package-groups.g.default-package-config.publish]\nrpm-channel = "."\n', 'publish-channel-invalid', '"."');
    expectOne('[images.vm.publish]\nchannels = ["base", ""]\n', 'publish-channel-invalid', '""');
  });

  it('accepts plain names', () => {
    expectNone('[components.curl.publish]\nrpm-channel = "base"\nsrpm-channel = "none"\n[images.vm.publish]\nchannels = ["base", "extras"]\n');
  });
});
