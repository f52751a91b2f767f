// File watching asked of the client by dynamic registration (`client/registerCapability` for
// `workspace/didChangeWatchedFiles`), so any editor that can watch — not only our VS Code client, which
// also watches on its own — tells the server about files created, changed or deleted on disk.
import { DidChangeWatchedFilesNotification, type Connection, type FileSystemWatcher } from 'vscode-languageserver/node';

/** TOML configs and overlay documents, specs, and schema files. */
export const WATCHED_FILE_GLOBS = ['**/*.toml', '**/*.spec', '**/*.schema.json'];

export async function registerFileWatchers(connection: Connection, log: (message: string) => void): Promise<void> {
  const watchers: FileSystemWatcher[] = WATCHED_FILE_GLOBS.map((globPattern) => ({ globPattern }));
  try {
    await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
  } catch (err) {
    log(`The client refused file watchers (${err instanceof Error ? err.message : String(err)}); files changed outside the editor are seen only when opened`);
  }
}
