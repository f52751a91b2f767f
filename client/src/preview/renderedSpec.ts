// Read-only virtual documents for rendered specs (`distro-toml-render:/NAME/NAME.spec`, with a summary and
// the preview banner above the spec), the bare effective spec the diff shows
// (`distro-toml-render:/NAME/NAME.effective.spec`) and the upstream spec it started from
// (`distro-toml-render:/NAME/NAME.upstream.spec`), asked of the server and re-rendered when the TOML
// changes — the shape of rust-analyzer's "View Syntax Tree".
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { renderRequest, type RenderedView } from '../lsp_ext';
import { LiveDocumentProvider } from './liveDocuments';

export const RENDER_SCHEME = 'distro-toml-render';

/** The URI of a component's rendered (or upstream) spec; the query remembers the project file it belongs to. */
export function renderUri(component: string, projectFile: vscode.Uri, which: 'rendered' | 'effective' | 'upstream'): vscode.Uri {
  const name = which === 'rendered' ? `${component}.spec` : `${component}.${which}.spec`;
  return vscode.Uri.from({ scheme: RENDER_SCHEME, path: `/${component}/${name}`, query: projectFile.toString() });
}

function summary(view: RenderedView): string {
  const lines: string[] = [];
  for (const e of view.errors) lines.push(`# ERROR: ${e.replace(/\n/g, '\n#   ')}`);
  for (const o of view.overlays) {
    if (o.ok) continue;
    // Named as the Problems panel names it, with where it is written and what it is for.
    const where = o.location ? ` at ${vscode.workspace.asRelativePath(vscode.Uri.parse(o.location.uri))}:${o.location.range.start.line + 1}` : '';
    const what = o.description ? ` — ${o.description.replace(/\n/g, ' ')}` : '';
    lines.push(`# ${o.label ?? `azldev's ${o.kind} step`} (${o.type})${where} FAILED: ${o.message.replace(/\n/g, ' ')}${what}`);
  }
  for (const n of view.notes) lines.push(`# note: ${n.replace(/\n/g, ' ')}`);
  if (view.release) lines.push(`# release: ${view.release}`);
  if (view.source) lines.push(`# spec from: ${view.source}`);
  return lines.length ? lines.join('\n') + '\n' : '';
}

export class RenderedSpecProvider extends LiveDocumentProvider {
  constructor(private readonly client: () => LanguageClient) {
    // Rendering costs more than a config view: wait a little longer after the last edit.
    super(RENDER_SCHEME, 400);
  }

  protected async content(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const component = uri.path.split('/')[1] ?? '';
    const upstream = uri.path.endsWith('.upstream.spec');
    const bare = uri.path.endsWith('.effective.spec');
    // Rendering may clone or fetch the upstream dist-git repository: show that it is under way.
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `Distro TOML: rendering ${component}` },
      () => this.client().sendRequest(renderRequest, { uri: uri.query, component }, token),
    );
    if (!result || !('component' in result)) return `# Distro TOML: component '${component}' is not defined in this project.\n`;
    if (upstream) return result.upstreamSpec ?? `# Distro TOML: the upstream spec of '${component}' is not available.\n${summary(result)}`;
    if (result.spec === undefined) return `# Distro TOML: '${component}' could not be rendered.\n${summary(result)}`;
    // The diff compares spec with spec: no summary or banner lines that would show as added.
    return bare ? result.spec : `${summary(result)}${result.banner ? `${result.banner}\n` : ''}${result.spec}`;
  }
}
