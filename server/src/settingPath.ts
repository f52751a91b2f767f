// A folder or file a setting names: `~` or `~/…` is the user's home folder (VS Code and the LSP clients pass
// settings as written and never expand it, so `~/.cache/x` would otherwise become a folder named `~` inside
// the workspace), anything else is relative to the workspace folder.
import * as os from 'node:os';
import * as path from 'node:path';

export function settingPath(base: string, value: string): string {
  if (value === '~' || value.startsWith('~/') || (path.sep === '\\' && value.startsWith('~\\'))) return path.join(os.homedir(), value.slice(1));
  return path.resolve(base, value);
}
