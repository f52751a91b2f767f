// Which open documents are RPM specs (language `rpm-spec`, or a `.spec` path) — files of the tree and the
// Render Preview's `distro-toml-render:/NAME/NAME.spec` views, whose text arrives by didOpen/didChange like
// any other document — with their parsed model (once per version) and, for a preview, the macros azldev's
// generated macros file defines for the component.
import * as path from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { LanguageService } from '../core/languageService';
import { effectiveComponent } from '../core/project/effectiveConfig';
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

/**
 * A `.spec` file of the tree that is a component's local spec (`NAME/NAME.spec` for component NAME with
 * spec.type "local" and this path): azldev loads that component's generated macros into it too.
 */
function localSpecTarget(ctx: ServerContext, uri: string): { component: string; projectUri: string } | undefined {
  const file = ctx.filePathOf(uri);
  if (!file) return undefined;
  const component = path.basename(file, '.spec');
  const model = ctx.service().projectOf(file);
  const config = model ? effectiveComponent(model, component)?.config : undefined;
  const spec = config?.entries.get('spec');
  const kind = spec?.kind === 'table' ? spec.entries.get('type') : undefined;
  const specPath = spec?.kind === 'table' ? spec.entries.get('path') : undefined;
  if (kind?.kind !== 'value' || kind.value !== 'local' || specPath?.kind !== 'value' || typeof specPath.value !== 'string') return undefined;
  if (path.resolve(path.dirname(specPath.origin.file), specPath.value) !== file) return undefined;
  return { component, projectUri: ctx.uriOf(specPath.origin.file) };
}

export function openSpec(ctx: ServerContext, uri: string): OpenSpec | undefined {
  const document = ctx.documents.get(uri);
  if (!document || !isSpecDocument(document)) return undefined;
  let target: { component: string; projectUri: string } | undefined;
  let generated: GeneratedMacro[] = [];
  let req: ReturnType<typeof requestDocument>;
  let model: ReturnType<LanguageService['projectOf']>;
  try {
    target = previewTarget(uri) ?? localSpecTarget(ctx, uri);
    req = target ? requestDocument(ctx, target.projectUri) : undefined;
    model = req ? req.service.projectOf(req.file) : undefined;
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
