// Render-time failures in the editor and in `distro-toml check` are the same findings: a `check.skip` on a spec
// without %check is marked at `skip = true` while typing, and the CLI reports it and a failing overlay with the
// very codes, ranges and words the language server publishes.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { DIST, tempProject } from '../support/paths';
import { LspClient } from './lspClient';

const SPEC = 'Name:           hello\nVersion:        1.0\nRelease:        1%{?dist}\nSummary:        Hello\nLicense:        MIT\n\n%description\nHello.\n\n%prep\n\n%build\n\n%install\n\n%files\n\n%changelog\n';

const COMP = [
  '[components.hello]',
  'spec = { type = "local", path = "hello.spec" }',
  '',
  '[components.hello.build]',
  'check = { skip = true, skip_reason = "no test suite upstream" }',
  '',
  '[[components.hello.overlays]]',
  'description = "Fix a path that is not there"',
  'type = "spec-search-replace"',
  'section = "%build"',
  'regex = "no-such-text"',
  'replacement = "x"',
  '',
  '# Nothing but a check skip: still rendered while typing.',
  '[components.bye]',
  'spec = { type = "local", path = "bye/bye.spec" }',
  'build.check = { skip = true, skip_reason = "flaky" }',
  '',
].join('\n');

const PROJECT = {
  'azldev.toml': 'includes = ["comps/**/*.comp.toml"]\n\n[project]\ndescription = "overlay check"\n',
  'comps/hello/hello.comp.toml': COMP,
  'comps/hello/hello.spec': SPEC,
  'comps/hello/bye/bye.spec': SPEC.replace('hello', 'bye'),
};

const RENDER_CODES = new Set(['overlay-does-not-apply', 'check-skip-does-not-apply']);

describe('render-time findings in the editor and the CLI', () => {
  const clients: LspClient[] = [];
  const dirs: string[] = [];
  after(() => {
    clients.forEach((c) => c.kill());
    dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
  });

  it('marks check.skip on a spec without %check at `skip = true`, and the CLI reports what the editor does', async () => {
    const dir = tempProject(PROJECT);
    dirs.push(dir);
    const client = new LspClient();
    clients.push(client);
    await client.initialize(dir, { diagnostics: { debounceMs: 0 } });
    const file = path.join(dir, 'comps', 'hello', 'hello.comp.toml');
    const uri = client.open(file, COMP, 1);

    const lines = COMP.split('\n');
    const fromEditor = await client.waitFor(() => {
      const list = client.diagnostics.get(uri)?.diagnostics.filter((d) => RENDER_CODES.has(String(d.code)));
      return list && list.length === 3 ? list : undefined;
    }, 20_000, 'the three render-time findings');
    const skip = fromEditor.filter((d) => d.code === 'check-skip-does-not-apply').sort((a, b) => a.range.start.line - b.range.start.line);
    const helloAt = lines.indexOf('check = { skip = true, skip_reason = "no test suite upstream" }');
    const byeAt = lines.indexOf('build.check = { skip = true, skip_reason = "flaky" }');
    assert.deepEqual(skip.map((d) => [d.range, d.severity]), [
      [{ start: { line: helloAt, character: 10 }, end: { line: helloAt, character: 21 } }, 1],
      [{ start: { line: byeAt, character: 16 }, end: { line: byeAt, character: 27 } }, 1],
    ]);
    assert.match(String(skip[0]?.message ?? ''), /^check\.skip prepends `exit 0` to %check, which fails against .*hello: failed to prepend lines to spec:\nsection `%check` \(package=``\) not found:\nsection not found$/);

    const cli = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), 'check', '--format', 'json'], { cwd: dir, encoding: 'utf8', timeout: 60_000, env: { ...process.env, XDG_CACHE_HOME: path.join(dir, 'no-cache') } });
    assert.equal(cli.status, 1, cli.stderr);
    const out = JSON.parse(cli.stdout) as { diagnostics: { range: Diagnostic['range']; message: string; code: string; file: string }[]; overlays: { judged: number; notJudged: number } };
    const fromCli = out.diagnostics.filter((d) => RENDER_CODES.has(d.code));
    const comparable = (list: { range: Diagnostic['range']; code?: unknown; message: unknown }[]) => list.map((d) => ({ range: d.range, code: d.code, message: String(d.message) })).sort((a, b) => a.range.start.line - b.range.start.line);
    assert.deepEqual(comparable(fromCli), comparable(fromEditor));
    assert.ok(fromCli.every((d) => d.file === path.join('comps', 'hello', 'hello.comp.toml')));
    assert.deepEqual(out.overlays, { ...out.overlays, judged: 2, notJudged: 0 });
    assert.ok(!fs.existsSync(path.join(dir, 'no-cache')), 'check does not create the upstream cache');

    // With a %check section the skip applies and its mark goes away; the other component's stays.
    fs.writeFileSync(path.join(dir, 'comps', 'hello', 'hello.spec'), SPEC.replace('%files', '%check\nmake test\n\n%files'));
    client.change(uri, 2, COMP + '\n');
    const left = await client.waitFor(() => {
      const p = client.diagnostics.get(uri);
      const marks = p?.diagnostics.filter((d) => d.code === 'check-skip-does-not-apply');
      return p?.version === 2 && marks?.length === 1 ? marks : undefined;
    }, 20_000, 'one skip mark cleared');
    assert.equal(left[0]?.range.start.line, byeAt);
    await client.shutdown();
  });
});
