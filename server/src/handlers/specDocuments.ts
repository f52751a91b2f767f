// Which open documents are RPM specs (language `rpm-spec`, or a `.spec` path) — files of the tree and the
// Render Preview's `distro-toml-render:/NAME/NAME.spec` views, whose text arrives by didOpen/didChange like
// any other document — with their parsed model (once per version) and, for a preview, the macros azldev's
// generated macros file defines for the component.
import * as path from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { parseSpec, type SpecDocument } from '../core/spec';
import { generatedMacros, type GeneratedMacro, type SettingLink } from '../core/specFeatures';
import type { ServerContext } from './context';
import { rangeIn, requestDocument } from './definitionLocations';

/** The Render Preview's scheme (client/src/preview/renderedSpec.ts). */
export const RENDER_SCHEME = 'distro-toml-render';

export interface OpenSpec {
  document: TextDocument;
  spec: SpecDocument;
  /** The generated macros file's macros, for a rendered preview; [] otherwise. */
  generated: GeneratedMacro[];
  /** A link to the TOML setting a generated macro comes from. */
  linkOf(g: GeneratedMacro): SettingLink | undefined;
}

const parsed = new Map<string, { version: number; spec: SpecDocument }>();

export function isSpecDocument(document: TextDocument): boolean {
  return document.languageId === 'rpm-spec' || URI.parse(document.uri).path.endsWith('.spec');
}

/** True when `uri` is an open spec document: requests about it are the spec features' to answer. */
export function isOpenSpec(ctx: ServerContext, uri: string): boolean {
  const document = ctx.documents.get(uri);
  return document !== undefined && isSpecDocument(document);
}

/** Forgets a closed document's model. */
export function forgetSpec(uri: string): void {
  parsed.delete(uri);
}

function specOf(document: TextDocument): SpecDocument {
  const hit = parsed.get(document.uri);
  if (hit?.version === document.version) return hit.spec;
  const spec = parseSpec(document.getText());
  parsed.set(document.uri, { version: document.version, spec });
  return spec;
}

/** `distro-toml-render:/NAME/NAME.spec?<project file URI>` → the component and the project file; not the upstream view. */
function previewTarget(uri: string): { component: string; projectUri: string } | undefined {
  const parsedUri = URI.parse(uri);
  if (parsedUri.scheme !== RENDER_SCHEME || parsedUri.path.endsWith('.upstream.spec')) return undefined;
  const component = parsedUri.path.split('/')[1];
  return component && parsedUri.query ? { component, projectUri: parsedUri.query } : undefined;
}

export function openSpec(ctx: ServerContext, uri: string): OpenSpec | undefined {
  const document = ctx.documents.get(uri);
  if (!document || !isSpecDocument(document)) return undefined;
  const target = previewTarget(uri);
  const req = target ? requestDocument(ctx, target.projectUri) : undefined;
  const model = req ? req.service.projectOf(req.file) : undefined;
  let generated: GeneratedMacro[] = [];
  try {
    generated = target && model ? generatedMacros(model, target.component) : [];
  } catch (err) {
    ctx.log(`Generated macros of ${target?.component ?? '?'} unavailable: ${err instanceof Error ? err.message : String(err)}`);
  }
  return {
    document,
    spec: specOf(document),
    generated,
    linkOf(g) {
      if (!req) return undefined;
      const line = rangeIn(req.service, g.file, g.span).start.line + 1;
      const label = model ? path.relative(model.root, g.file) : g.file;
      return { uri: ctx.uriOf(g.file), label, line };
    },
  };
}
