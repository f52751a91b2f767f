// source-files rules (azldev configfile.go validateSourceFiles and friends), one seeded mistake each.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectNone, expectOne } from './ruleHarness';

const sf = (body: string) => `[[components.curl.source-files]]\n${body}\n`;
const download = 'origin = { type = "download", uri = "https://example.org/a.tar.gz" }';

describe('source-files rules', () => {
  it('accepts a complete download entry', () => {
    expectNone(sf(`filename = "a.tar.gz"\nhash = "abc"\nhash-type = "SHA512"\n${download}`));
  });

  it('rejects unsafe filenames', () => {
    const d = expectOne(sf(`filename = "sub/a.tar.gz"\n${download}`), 'source-file-invalid-filename', '"sub/a.tar.gz"');
    assert.match(d.message, /must be a simple filename without directory components/);
    expectOne(sf(`filename = "a b.tar.gz"\n${download}`), 'source-file-invalid-filename', '"a b.tar.gz"');
    expectOne(sf(`filename = ""\n${download}`), 'source-file-invalid-filename', '""');
  });

  it('rejects duplicate filenames, on the second', () => {
    const text = sf(`filename = "a.tar.gz"\n${download}`) + sf(`filename = "a.tar.gz" # again\n${download}`);
    const d = expectOne(text, 'source-file-duplicate', '"a.tar.gz"');
    assert.equal(d.span.start, text.lastIndexOf('"a.tar.gz"'));
  });

  it('requires hash-type with hash', () => {
    const d = expectOne(sf(`filename = "a.tar.gz"\nhash = "abc"\n${download}`), 'source-file-hash-type-required', '[[components.curl.source-files]]');
    assert.deepEqual(d.data, { field: 'hash-type' });
  });

  it('pairs replace-upstream and replace-reason', () => {
    expectOne(sf(`filename = "a.tar.gz"\nreplace-upstream = true\n${download}`), 'source-file-replace-reason-required', '[[components.curl.source-files]]');
    expectOne(sf(`filename = "a.tar.gz"\nreplace-upstream = true\nreplace-reason = "  "\n${download}`), 'source-file-replace-reason-required', '"  "');
    expectOne(sf(`filename = "a.tar.gz"\nreplace-reason = "why"\n${download}`), 'source-file-replace-reason-unexpected', '"why"');
    expectNone(sf(`filename = "a.tar.gz"\nreplace-upstream = true\nreplace-reason = "CVE fix"\n${download}`));
  });

  it('requires an origin', () => {
    const d = expectOne(sf('filename = "a.tar.gz"'), 'source-file-origin-required', '[[components.curl.source-files]]');
    assert.deepEqual(d.data, { field: 'origin' });
  });

  it('requires a uri with a scheme for download origins', () => {
    expectOne(sf('filename = "a.tar.gz"\norigin = { type = "download" }'), 'source-file-uri-required', '{ type = "download" }');
    expectOne(sf('filename = "a.tar.gz"\norigin = { type = "download", uri = "example.org/a" }'), 'source-file-uri-invalid', '"example.org/a"');
  });

  it('checks custom origins', () => {
    expectOne(sf('filename = "a.tar.gz"\norigin = { type = "custom" }'), 'source-file-script-required', '{ type = "custom" }');
    expectOne(sf('filename = "a.tar.gz"\norigin = { type = "custom", script = "../gen.sh" }'), 'source-file-invalid-script', '"../gen.sh"');
    expectOne(sf('filename = "a.tar.gz"\norigin = { type = "custom", script = "gen.sh", uri = "https://x.org/a" }'), 'source-file-uri-unexpected', '"https://x.org/a"');
    expectOne(sf('filename = "a.tar.gz"\norigin = { type = "custom", script = "gen.sh", inputs = ["a", "a"] }'), 'source-file-duplicate-input', '"a"');
    expectOne(sf('filename = "a.tar.gz"\norigin = { type = "custom", script = "gen.sh", inputs = ["gen.sh"] }'), 'source-file-input-is-script', '"gen.sh"');
    expectOne(sf('filename = "a.tar.gz"\norigin = { type = "custom", script = "gen.sh", inputs = ["x/y"] }'), 'source-file-invalid-input', '"x/y"');
    expectNone(sf('filename = "a.tar.gz"\norigin = { type = "custom", script = "gen.sh", inputs = ["a.tar.gz.orig"], mock-packages = ["git"] }'));
  });

  it('keeps custom-only fields on custom origins', () => {
    const d = expectOne(sf('filename = "a.tar.gz"\norigin = { type = "download", uri = "https://x.org/a", mock-packages = ["git"] }'), 'source-file-custom-only-field', '["git"]');
    assert.deepEqual(d.data, { field: 'mock-packages' });
  });

  it('requires replace-upstream for overlay origins and no uri', () => {
    // The archive overlay that repacks a.tar.gz, which an overlay origin pairs with.
    const repack = '[[components.curl.overlays]]\ntype = "file-remove"\narchive = "a.tar.gz"\nfile = "tests/**"\n';
    expectOne(repack + sf('filename = "a.tar.gz"\norigin = { type = "overlay" }'), 'source-file-overlay-requires-replace-upstream', '[[components.curl.source-files]]');
    expectOne(repack + sf('filename = "a.tar.gz"\nreplace-upstream = true\nreplace-reason = "repacked"\norigin = { type = "overlay", uri = "https://x.org" }'), 'source-file-uri-unexpected', '"https://x.org"');
    expectNone(repack + sf('filename = "a.tar.gz"\nreplace-upstream = true\nreplace-reason = "repacked"\nhash = "h"\nhash-type = "SHA512"\norigin = { type = "overlay" }'));
  });

  it('only warns in a default-component-config', () => {
    const d = expectOne('[[default-component-config.source-files]]\nfilename = "a.tar.gz"\n', 'source-file-origin-required', '[[default-component-config.source-files]]');
    assert.equal(d.severity, 'warning');
  });
});
