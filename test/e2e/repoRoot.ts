// Locates the repository (the folder with package.json above this file) and the tools the e2e tests use.
import * as fs from 'node:fs';
import * as path from 'node:path';

export function findRepoRoot(from: string = __dirname): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

/** Where scripts/e2e-install-code-server.sh puts code-server (overridable for a shared install). */
export function codeServerDir(repoRoot: string): string {
  return process.env.DISTRO_TOML_CODE_SERVER_DIR ?? path.join(repoRoot, '.vscode-test', 'code-server');
}

/** VS Code's own node_modules inside the code-server install (vscode-textmate, vscode-oniguruma). */
export function vscodeModulesDir(repoRoot: string): string {
  return path.join(codeServerDir(repoRoot), 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules');
}
