// What the project commands (`render`, `render --all --check`, `review`, `upstream sync`) share before their own
// work: help and usage errors answered the same way, and the project found from `--project` (the nearest
// azldev.toml at or above it) or a clear message with exit 2.
import * as path from 'node:path';
import { diskFileSystem } from './core/fs';
import { findProjectRoot, PROJECT_FILE } from './core/project/root';

interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** A parser's answer that is no arguments: `help` prints the usage (exit 0), anything else is a usage error (exit 2). */
export function usageExit(answer: string, usage: string, io: Io): number {
  if (answer === 'help') {
    io.stdout(usage + '\n');
    return 0;
  }
  io.stderr(`distro-toml: ${answer}\n\n${usage}\n`);
  return 2;
}

/** The project root for `--project DIR` (relative to `cwd`), or undefined after saying there is none. */
export function projectRootOrSay(cwd: string, project: string, io: Io): string | undefined {
  const start = path.resolve(cwd, project);
  const root = findProjectRoot(diskFileSystem, path.join(start, PROJECT_FILE));
  if (root === undefined) io.stderr(`distro-toml: no ${PROJECT_FILE} at or above ${start}\n`);
  return root;
}
