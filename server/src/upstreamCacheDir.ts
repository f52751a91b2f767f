// Where dist-git clones are cached by default: `render` and the editor's previews fill it, `check` reads it
// offline, `upstream unlock` clears its stale locks. A module of its own so that each command loads only this.
import * as os from 'node:os';
import * as path from 'node:path';

export function defaultUpstreamCacheDir(): string {
  return path.join(process.env['XDG_CACHE_HOME'] || path.join(os.homedir(), '.cache'), 'distro-toml', 'upstream');
}
