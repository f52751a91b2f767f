// Build rules (azldev build.go): check.skip needs skip_reason, failure.expected needs expected-reason.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectNone, expectOne } from './ruleHarness';

describe('build rules', () => {
  it('requires skip_reason when check.skip is true, on the check table', () => {
    const text = '[components.curl]\nbuild = { check = { skip = true } }\n';
    const d = expectOne(text, 'build-skip-reason-required', '{ skip = true }');
    assert.equal(d.severity, 'error');
    assert.deepEqual(d.data, { field: 'skip_reason', table: 'build.check' });
    assert.match(d.message, /check\.skip_reason is required when check\.skip is true \(component `curl`\)/);
  });

  it('spans the header for [components.x.build.check]', () => {
    expectOne('[components.curl.build.check]\nskip = true\n', 'build-skip-reason-required', '[components.curl.build.check]');
  });

  it('spans an empty skip_reason itself', () => {
    expectOne('[components.curl.build.check]\nskip = true\nskip_reason = ""\n', 'build-skip-reason-required', '""');
  });

  it('requires expected-reason when failure.expected is true', () => {
    const d = expectOne('[components.curl.build.failure]\nexpected = true\n', 'build-expected-reason-required', '[components.curl.build.failure]');
    assert.deepEqual(d.data, { field: 'expected-reason', table: 'build.failure' });
  });

  it('only warns in a default-component-config, which azldev does not check', () => {
    const d = expectOne('[default-component-config.build.check]\nskip = true\n', 'build-skip-reason-required', '[default-component-config.build.check]');
    assert.equal(d.severity, 'warning');
  });

  it('accepts the valid counterparts', () => {
    expectNone('[components.curl.build]\ncheck = { skip = true, skip_reason = "needs network" }\nfailure = { expected = true, expected-reason = "gcc 15" }\n');
    expectNone('[components.curl.build]\ncheck = { skip = false }\nfailure = { expected = false }\n');
    expectNone('[components.curl.build]\ncheck = { skip = "yes" }\n');
  });
});
