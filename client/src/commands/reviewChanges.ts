// "Distro TOML: Review Changes": what the uncommitted and branch changes do to every component. The base is the
// merge base of HEAD with the default branch, read through the built-in Git extension (only the files the change
// touched); the server compares the effective configs and specs of both sides and lists the affected components;
// picking one opens the diff editor on its effective spec (or its effective config when the spec is not at hand).
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { gitApi, GitStatus, type GitRepository } from '../git';
import { reviewChangesRequest, type ReviewChangesParams, type ReviewedComponent } from '../lsp_ext';
import { reviewDocumentUri } from '../preview/reviewDocuments';

export const REVIEW_CHANGES = 'distroToml.reviewChanges';

const BASE_CANDIDATES = ['origin/HEAD', 'origin/main', 'origin/master', 'main', 'master'];

async function defaultBase(repo: GitRepository): Promise<{ ref: string; label: string } | undefined> {
  for (const candidate of BASE_CANDIDATES) {
    try {
      const commit = await repo.getMergeBase('HEAD', candidate);
      if (commit) return { ref: commit, label: `merge-base(HEAD, ${candidate}) ${commit.slice(0, 12)}` };
    } catch {
      // No such ref here; try the next.
    }
  }
  const head = repo.state.HEAD?.commit;
  return head ? { ref: head, label: `HEAD ${head.slice(0, 12)}` } : undefined;
}

async function show(repo: GitRepository, ref: string, file: string): Promise<string | null> {
  try {
    return await repo.show(ref, file);
  } catch {
    return null;
  }
}

/** The files under `root` the change touched, each with its text at `ref` (null: the change added it). */
async function baseFiles(repo: GitRepository, ref: string, root: string): Promise<ReviewChangesParams['base']['files']> {
  const changes = [...(await repo.diffWith(ref)), ...(repo.state.untrackedChanges ?? []), ...repo.state.workingTreeChanges.filter((c) => c.status === GitStatus.UNTRACKED)];
  const out = new Map<string, string | null>();
  const inside = (p: string) => p === root || p.startsWith(root + path.sep);
  for (const c of changes) {
    const original = c.originalUri.fsPath;
    const current = (c.renameUri ?? c.uri).fsPath;
    const added = c.status === GitStatus.UNTRACKED || c.status === GitStatus.INDEX_ADDED || c.status === GitStatus.INTENT_TO_ADD;
    if (current !== original && inside(current)) out.set(current, null);
    if (inside(original)) out.set(original, added ? null : await show(repo, ref, original));
  }
  return [...out].map(([file, text]) => ({ uri: vscode.Uri.file(file).toString(), text }));
}

function describe(c: ReviewedComponent): string {
  const spec = c.spec.status === 'changed' ? 'spec changed' : c.spec.status === 'not-checked' ? 'spec not checked' : 'spec unchanged';
  const f = c.spec.failures;
  const fails = f?.base && f.head ? ' · render fails on both sides' : f?.head ? ' · render fails at the head' : f?.base ? ' · render fails at the base' : '';
  return `${c.change} · ${c.configChanged ? 'config changed' : 'config unchanged'} · ${spec}${fails}`;
}

export function reviewChanges(ctx: Ctx) {
  return async (): Promise<void> => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    const projectFiles = await vscode.workspace.findFiles('**/azldev.toml', '**/node_modules/**', 2);
    const project = projectFiles[0] ?? (folder ? vscode.Uri.joinPath(folder.uri, 'azldev.toml') : undefined);
    if (!project || projectFiles.length === 0) {
      void vscode.window.showInformationMessage('Review Changes works in an azldev project: no azldev.toml in this workspace.');
      return;
    }
    const git = await gitApi();
    if (!git) {
      void vscode.window.showWarningMessage('Review Changes reads the base revision through the built-in Git extension, which is not available (disabled, or the workspace is in Restricted Mode).');
      return;
    }
    const repo = git.getRepository(project) ?? git.repositories[0];
    if (!repo) {
      void vscode.window.showInformationMessage('Review Changes compares git revisions: the project is not in a git repository the Git extension has opened.');
      return;
    }
    const base = await defaultBase(repo);
    if (!base) {
      void vscode.window.showInformationMessage('Review Changes needs a commit to compare with; the repository has none yet.');
      return;
    }
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Distro TOML: reviewing changes since ${base.label}`, cancellable: true },
      async (_progress, token) => {
        const files = await baseFiles(repo, base.ref, path.dirname(project.fsPath));
        return ctx.languageClient.sendRequest(reviewChangesRequest, { uri: project.toString(), base: { label: base.label, files } }, token);
      },
    );
    if (!result) return;
    ctx.output.info(`Review Changes: ${result.components.length} of ${result.compared} components affected since ${result.base}`);
    if (result.components.length === 0) {
      void vscode.window.showInformationMessage(`No component's effective config or spec changes since ${result.base} (${result.compared} compared).`);
      return;
    }
    const picked = await vscode.window.showQuickPick(
      result.components.map((c) => ({ label: c.name, description: describe(c), ...(c.spec.reason ? { detail: c.spec.reason } : {}), component: c })),
      { placeHolder: `${result.components.length} of ${result.compared} components affected since ${result.base}: pick one to see its diff`, matchOnDescription: true },
    );
    if (!picked) return;
    const c = picked.component;
    const what = c.spec.status === 'changed' || !c.configChanged ? 'spec' : 'config';
    await vscode.commands.executeCommand(
      'vscode.diff',
      reviewDocumentUri(result.id, c.name, 'base', what),
      reviewDocumentUri(result.id, c.name, 'head', what),
      `${c.name}: effective ${what} (${result.base} ↔ working tree)`,
    );
  };
}
