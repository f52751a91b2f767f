// Where the repository, its build output and the shared corpus are, found from the running test file.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

function findRepoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('repository root (package.json) not found above ' + __dirname);
    dir = parent;
  }
  return dir;
}

export const REPO_ROOT = findRepoRoot();
export const DIST = path.join(REPO_ROOT, 'dist');
export const SCHEMAS_DIR = path.join(REPO_ROOT, 'schemas');
export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');
/** The shared corpus beside the checkout, or beside a folder above it (a git worktree one level down). */
function findCorpus(): string {
  const first = path.resolve(REPO_ROOT, '..', 'shared', 'corpus', 'azurelinux-4.0');
  for (let dir = path.dirname(REPO_ROOT); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared', 'corpus', 'azurelinux-4.0');
    if (fs.existsSync(candidate)) return candidate;
  }
  return first;
}

export const CORPUS_ROOT = findCorpus();

/** Every file below `dir` whose name ends with `suffix`, sorted. */
export function filesBelow(dir: string, suffix: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(suffix)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

const madeDirs: string[] = [];

/** A fresh temporary directory named `prefix…`, removed when the test process exits. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  if (madeDirs.push(dir) === 1) process.on('exit', () => madeDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  return dir;
}

/** A fresh temporary directory holding the given files (relative paths), removed when the test process exits. */
export function tempProject(files: Record<string, string | Buffer>): string {
  const dir = tempDir('distro-toml-test-');
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
  return dir;
}
