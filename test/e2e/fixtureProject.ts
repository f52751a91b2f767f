// Builds the project the e2e test opens: a copy of examples/ (or of the project named by
// DISTRO_TOML_E2E_PROJECT, e.g. the whole Azure Linux tree) in a temporary folder, with one unknown key
// seeded into a component file so the language server has a known error to report.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const SEEDED_KEY = 'not-an-azldev-key';

export interface FixtureProject {
  folder: string;
  /** The seeded file, relative to the folder (forward slashes, as Quick Open takes it). */
  file: string;
  /** 1-based line of the seeded key. */
  line: number;
  remove(): void;
}

export function createFixtureProject(repoRoot: string): FixtureProject {
  const source = path.resolve(repoRoot, process.env.DISTRO_TOML_E2E_PROJECT ?? 'examples');
  if (!fs.existsSync(path.join(source, 'azldev.toml'))) throw new Error(`${source} has no azldev.toml to open`);
  const folder = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'distro-toml-project-')), path.basename(source));
  fs.cpSync(source, folder, { recursive: true });

  for (const file of compFiles(folder)) {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    // The first plain [components.NAME] table: an unknown key there is the schema's additionalProperties error.
    const header = lines.findIndex((l) => /^\[components\.(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')\]\s*(?:#.*)?$/.test(l));
    if (header === -1) continue;
    lines.splice(header + 1, 0, `${SEEDED_KEY} = true`);
    fs.writeFileSync(file, lines.join('\n'));
    return {
      folder,
      file: path.relative(folder, file).split(path.sep).join('/'),
      line: header + 2,
      remove: () => fs.rmSync(path.dirname(folder), { recursive: true, force: true }),
    };
  }
  throw new Error(`no *.comp.toml with a [components.NAME] table under ${source}`);
}

function compFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) return compFiles(p);
      return entry.name.endsWith('.comp.toml') ? [p] : [];
    });
}
