// Runs one golden render case from test/fixtures/render/<case>/: comp.toml (with any overlay and source files
// beside it) becomes a project, input.spec and files/ are the upstream tree, and an optional `commits` file says
// how many project commits changed the component. Returns what the render produced, as the golden files hold it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DocumentCache } from '../../../server/src/core/documentCache';
import { diskFileSystem } from '../../../server/src/core/fs';
import { loadProject } from '../../../server/src/core/project/projectModel';
import { directorySource, renderComponent, type RenderedComponent, type SpecProvider } from '../../../server/src/core/render';
import { REPO_ROOT, tempProject } from '../../support/paths';

export const GOLDEN_DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'render');
const INPUTS = new Set(['input.spec', 'files', 'commits', 'expected.spec', 'expected.results', 'expected-files']);

function copyTree(dir: string, prefix: string, out: Record<string, Buffer>): void {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (prefix === '' && INPUTS.has(e.name)) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) copyTree(p, prefix + e.name + '/', out);
    else out[prefix + e.name] = fs.readFileSync(p);
  }
}

export interface GoldenOutput {
  spec: string;
  results: string;
  files: Map<string, Buffer>;
}

/** The per-overlay results, errors, notes and Release outcome, one per line, in a reviewable form. */
export function describeResults(r: RenderedComponent, projectDir: string): string {
  const lines: string[] = [];
  for (const o of r.overlays) {
    const where = o.origin ? ` @ ${path.relative(projectDir, o.origin.file)}` : '';
    lines.push(`overlay ${o.index} ${o.type} [${o.kind}]${where}: ${o.ok ? 'ok' : 'FAILED'}${o.message ? ' — ' + o.message.replace(/\n/g, '\\n') : ''}`);
  }
  for (const e of r.errors) lines.push(`error: ${e.split(projectDir).join('<project>').replace(/\n/g, '\\n')}`);
  for (const n of r.notes) lines.push(`note: ${n}`);
  if (r.release) lines.push(`release: ${r.release.message}`);
  lines.push(`ok: ${r.ok}`);
  return lines.join('\n') + '\n';
}

export async function runGoldenCase(caseDir: string): Promise<{ output: GoldenOutput; rendered: RenderedComponent }> {
  const files: Record<string, Buffer> = {};
  copyTree(caseDir, '', files);
  files['azldev.toml'] = Buffer.from('includes = ["comp.toml"]\n');
  const project = tempProject(files);
  try {
    const model = loadProject(new DocumentCache(diskFileSystem), path.join(project, 'azldev.toml'));
    const name = [...model.unions.components.keys()][0] as string;
    const specs: SpecProvider = async () => ({
      ok: true,
      tree: { specText: fs.readFileSync(path.join(caseDir, 'input.spec'), 'utf8'), files: directorySource(path.join(caseDir, 'files'), ''), origin: caseDir },
    });
    const commitsFile = path.join(caseDir, 'commits');
    const commits = fs.existsSync(commitsFile) ? Number(fs.readFileSync(commitsFile, 'utf8').trim()) : 0;
    const rendered = await renderComponent(model, name, { fs: diskFileSystem, specs, releaseHistory: async () => ({ ok: true, commits }) });
    const out = new Map<string, Buffer>();
    for (const n of rendered.files?.names() ?? []) out.set(n, Buffer.from(rendered.files?.read(n) ?? new Uint8Array()));
    return { output: { spec: rendered.spec ?? '', results: describeResults(rendered, project), files: out }, rendered };
  } finally {
    fs.rmSync(project, { recursive: true, force: true });
  }
}
