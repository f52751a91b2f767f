// Which files are azldev's, by name alone (no vscode import, so unit tests read it): the project file
// `azldev.toml` and the three kinds of file a project's tree is made of. VS Code has no activation event
// for a file name, so the extension loads when any TOML (or spec) file opens and asks this before it
// shows anything or starts the server.
const AZLDEV_FILE = /(?:^|[\\/])(?:azldev\.toml|[^\\/]+\.(?:comp|distro|overlay)\.toml)$/;

export function isAzldevFileName(fsPath: string): boolean {
  return AZLDEV_FILE.test(fsPath);
}

/** Is `file` inside one of the project folders (the folders holding an azldev.toml)? Paths with `/` or `\`. */
export function isInsideProject(file: string, projectDirs: readonly string[]): boolean {
  const norm = (p: string) => p.replace(/\\/g, '/').replace(/\/+$/, '');
  const f = norm(file);
  return projectDirs.some((dir) => {
    const d = norm(dir);
    return f.startsWith(`${d}/`);
  });
}
