// Lints from the tree's overlay authoring guide: the mistakes maintainers keep making that azldev itself
// accepts. Reported as information (legacy files keep working) except where the overlay would change
// what the package is: touching `Name:` is a warning. Each carries `data` for its quick fix.
import type { CoreDiagnostic, Span } from '../diagnostics';
import { overlaysOf, sitesWithPathsOrOverlays, type ComponentConfigSite } from '../rules/componentConfigs';
import { DiagnosticSink } from '../rules/diagnosticSink';
import { childArray, readString, tablesOf } from '../rules/modelValues';
import type { ModelTable, TomlDocument } from '../toml';

export interface LintContext {
  file: string;
  doc: TomlDocument;
  kind: 'config' | 'overlay-file';
}

/** Tags a spec has at most once per package: a regex over one of them is a spec-set-tag or spec-remove-tag. */
const SINGLE_TAGS = new Set(['version', 'release', 'epoch', 'summary', 'license', 'url', 'vendor', 'group', 'packager', 'distribution', 'buildarch']);

/**
 * Tags a regex rewrite of which `spec-update-tag` renders byte for byte the same: whole `Tag:` lines of the main
 * package (sub-packages do not carry these), which update-tag rewrites as `Tag: value` and, like the regex,
 * fails on when the spec has none.
 */
const REWRITABLE_TAGS = new Set(['version', 'release', 'epoch', 'url', 'vendor', 'packager', 'distribution']);

/** `^Release:.*`, `^Release:\s*.*$`, `^(?i)release: .*`: the whole line of one tag, from its start to its end. */
const WHOLE_TAG_LINE = /^\^(\(\?i\))?([A-Za-z][A-Za-z0-9]*):(\\s\*|\\s\+| \*| )?\.\*\$?$/;

/** The `spec-update-tag` that renders the same as this regex rewrite of one whole tag line, when there is one. */
export function equivalentTagUpdate(regex: string, replacement: string): { tag: string; value: string } | undefined {
  const m = WHOLE_TAG_LINE.exec(regex);
  const tag = m?.[2];
  if (!m || !tag || !REWRITABLE_TAGS.has(tag.toLowerCase())) return undefined;
  // update-tag writes `Tag: value` with the tag as the overlay names it: the replacement must read exactly so.
  if (/[\r\n]/.test(replacement)) return undefined;
  const r = new RegExp(`^(${tag}): (\\S(?:.*\\S)?)$`, m[1] ? 'i' : '').exec(replacement);
  return r ? { tag: r[1] as string, value: r[2] as string } : undefined;
}

/** A spec-search-replace regex that only rewrites one single-valued tag line, and the targeted type that says so. */
function targetedAlternative(regex: string, replacement: string): string | undefined {
  const tag = /^\^?(?:\(\?i\))?([A-Za-z][A-Za-z0-9]*):/.exec(regex)?.[1];
  if (!tag || !SINGLE_TAGS.has(tag.toLowerCase())) return undefined;
  if (replacement === '') return `spec-remove-tag (tag = "${tag}")`;
  if (new RegExp(`^${tag}:`, 'i').test(replacement)) return `spec-set-tag (tag = "${tag}")`;
  return undefined;
}

function checkOverlayTable(sink: DiagnosticSink, text: string, table: ModelTable, where: string, componentName: string | undefined): void {
  const type = readString(table, 'type');
  const typeValue = type.state === 'value' ? type.value : undefined;
  const description = readString(table, 'description');
  if (description.state === 'absent' || (description.state === 'value' && description.value.trim() === '')) {
    const span: Span = description.state === 'value' ? description.span : table.span;
    sink.report('information', span, 'guide-overlay-description', `${where} has no description: the authoring guide asks every overlay to say why it exists (description = "...")`, {
      field: 'description',
    });
  }

  const tag = readString(table, 'tag');
  const value = readString(table, 'value');
  // Setting Name: to the component's own name (an upstream package imported under another name) is the intended use.
  const renamesToComponent = value.state === 'value' && value.value === componentName;
  if (tag.state === 'value' && tag.value.toLowerCase() === 'name' && typeValue?.startsWith('spec-') && typeValue.endsWith('-tag') && !renamesToComponent) {
    sink.warning(tag.span, 'guide-name-tag', `${where} changes the Name: tag; the authoring guide says never to change Name: — the component name, rendered-spec path and package names all derive from it`);
  }

  if (componentName) {
    const pkg = readString(table, 'package');
    if (pkg.state === 'value' && pkg.value.startsWith(componentName + '-') && pkg.value.length > componentName.length + 1) {
      const short = pkg.value.slice(componentName.length + 1);
      sink.report('information', pkg.span, 'guide-package-short-name', `${where}: 'package' is the sub-package suffix as written after %package (%files ${short} → package = "${short}"), unless the spec declares it with -n`, {
        suggestion: short,
      });
    }
  }

  if (typeValue !== 'spec-search-replace' && typeValue !== 'file-search-replace') return;
  const regex = readString(table, 'regex');
  const replacement = readString(table, 'replacement');
  if (replacement.state === 'value' && /\$(\d|\{\w+\})/.test(replacement.value)) {
    sink.report(
      'information',
      replacement.span,
      'guide-literal-backreference',
      `${where}: '${/\$(\d|\{\w+\})/.exec(replacement.value)?.[0] ?? '$1'}' in replacement is literal text — azldev does not expand back-references, so it is written into the spec as is`,
    );
  }
  if (regex.state !== 'value') return;
  const written = text.slice(regex.span.start, regex.span.end);
  // `"\\.spec$"`: every backslash of the pattern doubled; a literal string says the same as written.
  if (written.startsWith('"') && !written.startsWith('"""') && written.includes('\\\\') && !/['\u0000-\u001f\u007f]/.test(regex.value)) {
    sink.report('information', regex.span, 'guide-regex-basic-string', `${where}: the regex is a basic string, so each of its backslashes is doubled; write it as a literal string, '${regex.value}', which holds the pattern as written`, {
      literal: `'${regex.value}'`,
    });
  }
  if (/\(\?[a-zA-Z]*s[a-zA-Z]*[):]/.test(regex.value)) {
    sink.report('information', regex.span, 'guide-dotall-regex', `${where}: the authoring guide asks for no (?s) multi-line regexes; match line by line, or use spec-remove-section / spec-append-lines`);
  }
  if (/^\^?(\(\?i\))?Name\s*:/i.test(regex.value)) {
    sink.warning(regex.span, 'guide-name-tag', `${where} rewrites the Name: tag; the authoring guide says never to change Name:`);
  }
  if (typeValue === 'spec-search-replace') {
    // An unscoped search is judged against the spec, where it is at hand (render/scopeAdvice.ts): whether a
    // section can scope it depends on where its regex matches, which the file alone cannot tell.
    const replacementText = replacement.state === 'value' ? replacement.value : '';
    const alt = targetedAlternative(regex.value, replacementText);
    if (alt) {
      // Whether the targeted overlay renders the same depends on the spec (a body line may start with `Tag:` too):
      // judged where the spec is at hand (render/scopeAdvice.ts), which offers the rewrite.
      sink.report('information', regex.span, 'guide-prefer-targeted', `${where} rewrites one tag line with a regex; the authoring guide prefers the targeted overlay ${alt}`);
    }
  }
}

export function runAuthoringGuide(ctx: LintContext): CoreDiagnostic[] {
  const sink = new DiagnosticSink(ctx.file);
  const root = ctx.doc.root;
  if (ctx.kind === 'overlay-file') {
    tablesOf(childArray(root, 'overlays')).forEach(({ index, table }) => checkOverlayTable(sink, ctx.doc.syntax.text, table, `overlay ${index + 1} of this overlay file`, undefined));
    return sink.diagnostics;
  }
  // Only the sites with overlays (or paths), as checkConfigPaths, and by index.
  const sites = sitesWithPathsOrOverlays(root);
  for (let i = 0; i < sites.length; i++) {
    const site = sites[i] as ComponentConfigSite;
    const overlays = site.table.entries.get('overlays');
    if (overlays?.node.type === 'array' && overlays.node.origin === 'inline' && overlays.node.items.length) {
      sink.report(
        'information',
        overlays.keySpan,
        'guide-inline-overlays',
        `${site.label} writes its overlays as an inline array; the authoring guide asks for one [[...overlays]] block per overlay (legacy inline syntax is not to be copied for new work)`,
        site.kind === 'component' && site.name !== undefined ? { component: site.name } : undefined,
      );
    }
    // Most sites have no overlays: skip building their (empty) overlay list.
    if (overlays) for (const o of overlaysOf(site)) checkOverlayTable(sink, ctx.doc.syntax.text, o.table, o.where, site.kind === 'component' ? site.name : undefined);
  }
  return sink.diagnostics;
}
