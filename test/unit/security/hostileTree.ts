// Hostile copies of a small project for the security tests: a temp tree the test then arms (a link, a
// FIFO, a path leaving the project), and the built CLI run on it with a timeout, so a hang fails the test.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DIST, tempProject } from '../../support/paths';

/** A project root with one component (a local spec and a patch beside it) found through `**` includes. */
export function smallProject(extra: Record<string, string | Buffer> = {}): string {
  return tempProject({
    'azldev.toml': 'includes = ["base/comps/**/*.comp.toml"]\n\n[project]\ndescription = "hostile"\ndefault-distro = { name = "fedora", version = "43" }\n\n[distros.fedora.versions.43]\n',
    'base/comps/a/a.comp.toml': '[components.a]\nspec = { type = "local", path = "a.spec" }\n',
    'base/comps/a/a.spec': 'Name: a\nVersion: 1\nRelease: 1%{?dist}\nSummary: a\nLicense: MIT\nSource0: fix.patch\n\n%description\na\n',
    'base/comps/a/fix.patch': 'patch body\n',
    ...extra,
  });
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Set when the run was killed by the timeout. */
  timedOut: boolean;
  ms: number;
}

/** `node dist/cli.js ARGS` in `cwd`, killed after `timeoutMs` and given at most 512 MB of heap. */
export function cli(args: string[], cwd: string, env: Record<string, string> = {}, timeoutMs = 30_000): CliRun {
  const started = Date.now();
  const r = spawnSync(process.execPath, ['--max-old-space-size=512', path.join(DIST, 'cli.js'), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: timeoutMs,
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, timedOut: r.error !== undefined && /ETIMEDOUT/.test(String(r.error)), ms: Date.now() - started };
}

/** Lines of `check` text output with this code. */
export function linesWithCode(stdout: string, code: string): string[] {
  return stdout.split('\n').filter((l) => l.includes(` ${code} `));
}

/** Every file below `dir`, with its text. */
export function filesBelow(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.set(path.relative(dir, p), fs.readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}
