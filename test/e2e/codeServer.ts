// Runs a real VS Code (code-server) for the e2e tests: a fresh user-data and extensions dir, the packaged
// VSIX installed into it, a server on a free local port, and a clean stop of every process it started.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { codeServerDir } from './repoRoot';

export interface RunningCodeServer {
  url: string;
  /** The folder (or .code-workspace file) VS Code has open. */
  folder: string;
  /** Everything code-server printed, for failure messages. */
  log(): string;
  /** Process ids of the language servers running under this code-server (our dist/server.js). */
  languageServerPids(): number[];
  stop(): Promise<void>;
}

/** Settings that keep the workbench quiet and deterministic: no welcome page, no tips, no update checks. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  // No download of Fedora's repository metadata from the test machine: the cached package index only.
  'distroToml.packageIndex.offline': true,
  'update.mode': 'none',
  'window.commandCenter': false,
};

export function codeServerBinary(repoRoot: string): string {
  const bin = path.join(codeServerDir(repoRoot), 'node_modules', '.bin', 'code-server');
  if (!fs.existsSync(bin)) throw new Error(`code-server not found at ${bin}; run scripts/e2e-install-code-server.sh (npm run test:e2e does)`);
  return bin;
}

/**
 * How the workbench treats the folder: `off` disables workspace trust (every folder trusted, as most test
 * set-ups do); `restricted` keeps it on and never prompts, so the folder opens untrusted, in Restricted Mode.
 */
export type TrustMode = 'off' | 'restricted';

/** The trust mode the suite runs in: DISTRO_TOML_E2E_TRUST=restricted runs it in Restricted Mode. */
export function suiteTrustMode(): TrustMode {
  return process.env.DISTRO_TOML_E2E_TRUST === 'restricted' ? 'restricted' : 'off';
}

/** `userSettings` are added to the quiet defaults above (the machine-scoped ones only take effect there). */
export async function startCodeServer(repoRoot: string, vsix: string, folder: string, trust: TrustMode = 'off', userSettings: Record<string, unknown> = {}): Promise<RunningCodeServer> {
  const bin = codeServerBinary(repoRoot);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'distro-toml-e2e-'));
  const userData = path.join(home, 'user-data');
  const extensions = path.join(home, 'extensions');
  // VS Code's IPC and git sockets, and what the language server writes to the temporary directory, go under home,
  // which stop() removes (in the system's temporary directory they were left behind, ~17 sockets a run).
  const tmp = path.join(home, 'tmp');
  fs.mkdirSync(tmp);
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  const settings = {
    ...USER_SETTINGS,
    ...(trust === 'restricted' ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.emptyWindow': false } : {}),
    ...userSettings,
  };
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));

  const dirs = ['--user-data-dir', userData, '--extensions-dir', extensions];
  const installed = execFileSync(bin, [...dirs, '--install-extension', vsix], { encoding: 'utf8', stdio: 'pipe' });
  if (!/successfully installed/i.test(installed)) throw new Error(`installing ${vsix} failed:\n${installed}`);

  const port = await freePort();
  const child = spawn(
    bin,
    ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, ...dirs, '--disable-telemetry', '--disable-update-check',
      ...(trust === 'off' ? ['--disable-workspace-trust'] : []), '--disable-getting-started-override', folder],
    // Its own process group, so stop() ends the extension host and language server it spawns as well.
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, HOME: home, TMPDIR: tmp } },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child, () => output);
  return {
    // A .code-workspace file opens as a (multi-root) workspace; anything else as a folder.
    url: `${url}/?${folder.endsWith('.code-workspace') ? 'workspace' : 'folder'}=${encodeURIComponent(folder)}`,
    folder,
    log: () => output,
    languageServerPids: () => languageServerPids(child, extensions),
    stop: async () => {
      await stopGroup(child);
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${log()}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`code-server did not answer on ${url} within 60 s:\n${log()}`);
}

function languageServerPids(child: ChildProcess, extensionsDir: string): number[] {
  if (child.pid === undefined) return [];
  const table = execFileSync('ps', ['-o', 'pid=,args=', '-g', String(child.pid)], { encoding: 'utf8' });
  const server = path.join(extensionsDir, 'distro-toml.distro-toml-');
  return table
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && m[2]?.includes(server) === true && m[2].includes('server.js'))
    .map((m) => Number(m[1]));
}

async function stopGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const exited = child.exitCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(pid, 'SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  // Whatever of the group is still alive (an extension host slow to exit, say) goes now.
  signalGroup(pid, 'SIGKILL');
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
