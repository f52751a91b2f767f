// Quick fixes for our diagnostics, chosen by each diagnostic's code and read from its `data` (which the
// server publishes and clients send back): rename a misspelt key, pick an allowed value, quote a date-time,
// add a required key or overlay field with a placeholder from the schema, remove a duplicate or unused key,
// replace or drop an unknown group member, add an unincluded file to the nearest includes list.
import * as nodePath from 'node:path';
import type { CoreDiagnostic } from '../diagnostics';
import { PROJECT_FILE } from '../project/root';
import { editDistance, closest } from '../schema/suggest';
import { lookup, type ModelNode, type ModelScalar, type TomlDocument } from '../toml';
import { allKeyValues, appendArrayItem, insertKey, keyValueAt, nodesWithSpan, removeArrayItem, removeKeyValue, type LocatedKeyValue } from './codeActionsEdits';
import type { OffsetEdit } from './completion';
import { inlineOverlaysToBlocks } from './codeActionsInlineOverlays';
import { describeOverlay } from './overlayDescription';
import { removeIgnoredCode } from './codeActionsHouseRules';
import { packageQuickFixes } from './codeActionsPackages';
import { isOverlayPath, tomlString } from './completionOverlays';
import { SchemaWalk, type FeatureEnv } from './schemaWalk';

export interface CoreCodeAction {
  title: string;
  diagnostic: CoreDiagnostic;
  isPreferred: boolean;
  /** Edits by absolute file path (an include fix edits another file). */
  edits: Record<string, OffsetEdit[]>;
}

type Path = (string | number)[];

interface Fixing {
  env: FeatureEnv;
  file: string;
  doc: TomlDocument;
  d: CoreDiagnostic;
  out: CoreCodeAction[];
}

/** Most alternatives offered for one diagnostic. */
const MAX_CHOICES = 20;

export function codeActions(env: FeatureEnv, file: string, text: string, diagnostics: readonly CoreDiagnostic[]): CoreCodeAction[] {
  const doc = env.service.cache.withText(file, text).doc;
  const out: CoreCodeAction[] = [];
  for (const d of diagnostics) {
    const fix = FIXES[d.code];
    if (fix) fix({ env, file, doc, d, out });
    else out.push(...packageQuickFixes(file, d));
  }
  return out;
}

function add(f: Fixing, title: string, edits: OffsetEdit[] | OffsetEdit | undefined, preferred = false, file = f.file): void {
  const list = edits === undefined ? [] : Array.isArray(edits) ? edits : [edits];
  if (!list.length) return;
  f.out.push({ title, diagnostic: f.d, isPreferred: preferred, edits: { [file]: list } });
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const bareKey = (k: string) => (/^[A-Za-z0-9_-]+$/.test(k) ? k : JSON.stringify(k));

/** The scalar whose span is the diagnostic's, with its path. */
function scalarAt(f: Fixing): { path: Path; node: ModelScalar } | undefined {
  const hit = nodesWithSpan(f.doc, f.d.span).find((n) => n.node.type === 'scalar');
  return hit ? { path: hit.path, node: hit.node as ModelScalar } : undefined;
}

/** The deepest table at the diagnostic's span whose path passes `accept`. */
function tablePathAt(f: Fixing, accept: (path: Path) => boolean): Path | undefined {
  const hits = nodesWithSpan(f.doc, f.d.span).filter((n) => n.node.type === 'table' && accept(n.path));
  return hits[hits.length - 1]?.path;
}

/** The same kind of string the user wrote (basic or literal quotes). */
function replacementText(node: ModelNode | undefined, value: unknown): string {
  if (typeof value !== 'string') return String(value);
  if (node?.type === 'scalar' && node.syntax.kind === 'string' && node.syntax.style === 'literal' && !value.includes("'")) return `'${value}'`;
  return JSON.stringify(value);
}

/** A value to insert for a key the schema describes: its first example or enum value, else a plain placeholder. */
function placeholder(f: Fixing, tablePath: Path, key: string): string {
  const docs = f.env.schemas.documentsFor(f.env.service, f.file);
  const root = f.env.service.classify(f.file) === 'overlay-file' ? docs.overlayFile : docs.config;
  const walk = SchemaWalk.at(docs, root, f.doc.root, [...tablePath, key]);
  const example = walk.examples()[0] ?? walk.enumValues().find((e) => e.value !== '')?.value;
  const text = (v: unknown): string | undefined =>
    typeof v === 'string' ? tomlString(v) : typeof v === 'number' || typeof v === 'boolean' ? String(v) : Array.isArray(v) ? `[${v.map((x) => text(x) ?? '""').join(', ')}]` : undefined;
  const fromExample = text(example);
  if (fromExample !== undefined) return fromExample;
  switch (walk.shape()) {
    case 'boolean':
      return 'true';
    case 'table':
      return '{}';
    case 'array':
      return `[${tomlString(key)}]`;
    case 'integer':
    case 'number':
      return '0';
    default:
      return tomlString(key);
  }
}

/** Adds `field` to the table at `tablePath`, or fills it in when the diagnostic points at its empty value. */
function addField(f: Fixing, field: string, tablePath: Path | undefined, value?: string): void {
  const scalar = scalarAt(f);
  if (scalar && scalar.path[scalar.path.length - 1] === field) {
    const v = value ?? placeholder(f, scalar.path.slice(0, -1), field);
    add(f, `Set '${field}' to ${v}`, { ...scalar.node.span, newText: v }, true);
    return;
  }
  if (!tablePath) return;
  const v = value ?? placeholder(f, tablePath, field);
  add(f, `Add ${bareKey(field)} = ${v}`, insertKey(f.doc, tablePath, field, v), true);
}

/** The key/value whose key or value the diagnostic points at. */
function pairAt(f: Fixing): LocatedKeyValue | undefined {
  return keyValueAt(f.doc, f.d.span) ?? allKeyValues(f.doc).find(({ kv }) => kv.value && kv.value.span.start === f.d.span.start && kv.value.span.end === f.d.span.end);
}

function removePair(f: Fixing, preferred: boolean): void {
  const at = pairAt(f);
  if (!at) return;
  const name = at.kv.key.segments.map((s) => s.value).join('.');
  add(f, `Remove '${name}'`, removeKeyValue(f.doc.syntax.text, at), preferred);
}

function replaceChoices(f: Fixing, choices: readonly unknown[], preferred: unknown): void {
  const node = scalarAt(f)?.node;
  const ordered = [...choices].sort((a, b) => Number(b === preferred) - Number(a === preferred)).slice(0, MAX_CHOICES);
  for (const c of ordered) {
    if (typeof c !== 'string' && typeof c !== 'number' && typeof c !== 'boolean') continue;
    add(f, `Change to ${JSON.stringify(c)}`, { ...f.d.span, newText: replacementText(node, c) }, c === preferred);
  }
}

/** The candidates nearest to `word` by edit distance, within the same bound `closest` uses. */
function nearest(word: string, candidates: Iterable<string>, count: number): string[] {
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  const w = word.toLowerCase();
  const scored: { c: string; d: number }[] = [];
  for (const c of candidates) {
    if (Math.abs(c.length - word.length) > limit) continue;
    const d = editDistance(w, c.toLowerCase());
    if (d <= limit) scored.push({ c, d });
  }
  return scored.sort((a, b) => a.d - b.d || (a.c < b.c ? -1 : 1)).slice(0, count).map((s) => s.c);
}

function fixUnknownGroupMember(f: Fixing): void {
  const name = str(f.d.data?.name);
  const at = scalarAt(f);
  const model = f.env.service.projectOf(f.file);
  if (!name || !at || !model) return;
  const best = closest(name, [...model.unions.components.keys()]);
  const names = nearest(name, model.unions.components.keys(), 3);
  if (best && !names.includes(best)) names.unshift(best);
  for (const n of names) add(f, `Change to '${n}'`, { ...at.node.span, newText: replacementText(at.node, n) }, n === best);
  const arrayNode = lookup(f.doc.root, at.path.slice(0, -1));
  const index = at.path[at.path.length - 1];
  if (arrayNode?.type === 'array' && arrayNode.syntax && typeof index === 'number') {
    add(f, `Remove '${name}' from the group`, removeArrayItem(f.doc.syntax.text, arrayNode.syntax, index), !best);
  }
}

/**
 * The include list nearest to an unincluded file: the included file with an `includes` array in the
 * deepest directory above it. The new entry is the path relative to that file.
 */
function fixNotIncluded(f: Fixing): void {
  if (f.d.data?.root === undefined) return;
  const model = f.env.service.projectOf(f.file);
  if (!model) return;
  let best: { file: string; depth: number } | undefined;
  for (const inc of model.files) {
    const dir = nodePath.dirname(inc.path);
    const rel = nodePath.relative(dir, f.file);
    if (rel.startsWith('..') || nodePath.isAbsolute(rel)) continue;
    const includes = f.env.service.cache.get(inc.path)?.doc.root.entries.get('includes')?.node;
    if (includes?.type !== 'array' || !includes.syntax) continue;
    const depth = dir.split(nodePath.sep).length;
    if (!best || depth > best.depth) best = { file: inc.path, depth };
  }
  const target = best?.file ?? nodePath.join(model.root, PROJECT_FILE);
  const entry = f.env.service.cache.get(target);
  const includes = entry?.doc.root.entries.get('includes')?.node;
  if (!entry) return;
  const rel = nodePath.relative(nodePath.dirname(target), f.file).split(nodePath.sep).join('/');
  const item = JSON.stringify(rel);
  const shown = nodePath.relative(model.root, target);
  if (includes?.type === 'array' && includes.syntax) {
    add(f, `Add "${rel}" to the includes of ${shown}`, appendArrayItem(entry.text, includes.syntax, item), true, target);
  } else if (!includes) {
    add(f, `Add includes = ["${rel}"] to ${shown}`, { start: 0, end: 0, newText: `includes = [${item}]\n\n` }, true, target);
  }
}

type Fix = (f: Fixing) => void;

const FIXES: Record<string, Fix> = {
  'guide-regex-basic-string': (f) => {
    const literal = str(f.d.data?.literal);
    if (literal) add(f, `Write the regex as a literal string: ${literal}`, { ...f.d.span, newText: literal }, true);
  },
  'release-not-bumpable': (f) => fixStaticRelease(f),
  'unused-ignore': (f) => {
    const comment = f.d.data?.comment as { start: number; end: number } | undefined;
    const codes = Number(f.d.data?.codes ?? 1);
    if (comment) add(f, codes > 1 ? `Remove '${str(f.d.data?.ignored) ?? ''}' from the ignore comment` : 'Remove the ignore comment', removeIgnoredCode(f.doc.syntax.text, comment, f.d.span, codes), true);
    const suggestion = str(f.d.data?.suggestion);
    if (suggestion) add(f, `Change to '${suggestion}'`, { ...f.d.span, newText: suggestion });
  },
  'house-rules-invalid': (f) => {
    const suggestion = str(f.d.data?.suggestion);
    if (!suggestion) return;
    // A misspelt level is a string value; a misspelt code is a key.
    const quoted = f.doc.syntax.text[f.d.span.start] === '"' || f.doc.syntax.text[f.d.span.start] === "'";
    add(f, `Change to '${suggestion}'`, { ...f.d.span, newText: quoted ? JSON.stringify(suggestion) : suggestion }, true);
  },
  'schema-unknown-key': (f) => {
    const suggestion = str(f.d.data?.suggestion);
    if (suggestion) add(f, `Change to '${suggestion}'`, { ...f.d.span, newText: bareKey(suggestion) }, true);
    removePair(f, false);
  },
  'schema-enum': (f) => {
    const allowed = Array.isArray(f.d.data?.allowed) ? (f.d.data.allowed as unknown[]) : [];
    replaceChoices(f, allowed, f.d.data?.suggestion);
  },
  'schema-unquoted-datetime': (f) => {
    const quoted = str(f.d.data?.quoted);
    if (quoted) add(f, `Quote as ${quoted}`, { ...f.d.span, newText: quoted }, true);
  },
  'schema-missing-key': (f) => {
    const key = str(f.d.data?.key);
    const path = Array.isArray(f.d.data?.path) ? (f.d.data.path as Path) : undefined;
    if (key && path) addField(f, key, path);
  },
  'overlay-missing-field': (f) => {
    const field = str(f.d.data?.field);
    if (field) addField(f, field, tablePathAt(f, isOverlayPath));
  },
  'overlay-package-requires-section': (f) => {
    const overlay = scalarAt(f)?.path.slice(0, -1);
    if (overlay) add(f, 'Add section = "%files"', insertKey(f.doc, overlay, 'section', '"%files"'), true);
    removePair(f, false);
  },
  'build-skip-reason-required': (f) => fixReason(f),
  'build-expected-reason-required': (f) => fixReason(f),
  'source-file-replace-reason-required': (f) => fixSourceFileField(f),
  'source-file-hash-type-required': (f) => fixSourceFileField(f),
  'source-file-overlay-requires-replace-upstream': (f) => fixSourceFileField(f, 'true'),
  'toml-duplicate-key': (f) => {
    const at = keyValueAt(f.doc, f.d.span);
    if (at) add(f, `Remove this duplicate '${at.kv.key.segments.map((s) => s.value).join('.')}'`, removeKeyValue(f.doc.syntax.text, at), true);
  },
  'overlay-unused-field': (f) => removePair(f, true),
  'overlay-forbidden-field': (f) => removePair(f, true),
  'source-file-replace-reason-unexpected': (f) => removePair(f, false),
  'overlay-replacement-not-filename': (f) => {
    const suggestion = str(f.d.data?.suggestion);
    if (suggestion) replaceChoices(f, [suggestion], suggestion);
  },
  'metadata-upstream-status-contradictory': (f) => {
    const allowed = Array.isArray(f.d.data?.allowed) ? (f.d.data.allowed as unknown[]) : [];
    replaceChoices(f, allowed, allowed[0]);
  },
  'config-empty-entry': (f) => {
    const at = scalarAt(f);
    const arrayNode = at ? lookup(f.doc.root, at.path.slice(0, -1)) : undefined;
    const index = at?.path[at.path.length - 1];
    if (arrayNode?.type === 'array' && arrayNode.syntax && typeof index === 'number') add(f, 'Remove the empty entry', removeArrayItem(f.doc.syntax.text, arrayNode.syntax, index), true);
  },
  'project-unknown-group-member': fixUnknownGroupMember,
  'project-unknown-distro': (f) => fixFromCandidates(f),
  'project-unknown-distro-version': (f) => fixFromCandidates(f),
  'project-undefined-test-suite': (f) => fixFromCandidates(f),
  'resource-set-undefined-template': (f) => fixFromCandidates(f),
  'resource-set-unknown-subrepo': (f) => fixFromCandidates(f),
  'distro-input-undefined-repo': (f) => fixFromCandidates(f),
  'distro-input-undefined-set': (f) => fixFromCandidates(f),
  'project-file-not-included': fixNotIncluded,
  'guide-overlay-description': (f) => {
    const overlay = tablePathAt(f, isOverlayPath) ?? scalarAt(f)?.path.slice(0, -1);
    if (overlay) {
      const table = lookup(f.doc.root, overlay);
      addField(f, 'description', overlay, tomlString(describeOverlay(table?.type === 'table' ? table : undefined)));
    }
  },
  'guide-inline-overlays': (f) => {
    const component = str(f.d.data?.component);
    if (component) add(f, 'Rewrite as [[...overlays]] blocks', inlineOverlaysToBlocks(f.doc, component), true);
  },
  'guide-package-short-name': (f) => {
    const suggestion = str(f.d.data?.suggestion);
    if (suggestion) replaceChoices(f, [suggestion], suggestion);
  },
  'guide-unscoped-search-replace': (f) => {
    // Only where the spec showed that this one section renders the same (render/scopeAdvice.ts).
    const section = str(f.d.data?.section);
    const overlay = scalarAt(f)?.path.slice(0, -1);
    if (section && overlay) add(f, `Scope it with section = "${section}"`, insertKey(f.doc, overlay, 'section', JSON.stringify(section)), true);
    rewriteAsTagUpdate(f);
  },
};

/** The unscoped search judged against the spec found a spec-update-tag that renders the same (render/scopeAdvice.ts). */
function rewriteAsTagUpdate(f: Fixing): void {
  const update = f.d.data?.update as { tag?: unknown; value?: unknown } | undefined;
  const overlay = scalarAt(f)?.path.slice(0, -1);
  const table = overlay ? lookup(f.doc.root, overlay) : undefined;
  if (!update || typeof update.tag !== 'string' || typeof update.value !== 'string' || table?.type !== 'table') return;
  const type = table.entries.get('type');
  const regex = table.entries.get('regex');
  const replacement = table.entries.get('replacement');
  if (!type || !regex || !replacement) return;
  add(
    f,
    `Rewrite as spec-update-tag (tag = ${tomlString(update.tag)})`,
    [
      { ...type.node.span, newText: '"spec-update-tag"' },
      { ...regex.definitionSpan, newText: `tag = ${tomlString(update.tag)}` },
      { ...replacement.definitionSpan, newText: `value = ${tomlString(update.value)}` },
    ],
    true,
  );
}

/** `skip_reason` / `expected-reason` in the build table the rule names (`build.check`, `build.failure`). */
function fixReason(f: Fixing): void {
  const field = str(f.d.data?.field);
  const table = str(f.d.data?.table)?.split('.') ?? [];
  if (!field) return;
  addField(f, field, tablePathAt(f, (p) => table.every((seg, i) => p[p.length - table.length + i] === seg)));
}

function fixSourceFileField(f: Fixing, value?: string): void {
  const field = str(f.d.data?.field);
  if (!field) return;
  addField(f, field, tablePathAt(f, (p) => typeof p[p.length - 1] === 'number' && p[p.length - 2] === 'source-files'), value);
}

function fixFromCandidates(f: Fixing): void {
  const name = str(f.d.data?.name);
  const candidates = Array.isArray(f.d.data?.candidates) ? (f.d.data.candidates as unknown[]).filter((c): c is string => typeof c === 'string') : [];
  if (name === undefined) return;
  replaceChoices(f, candidates, closest(name, candidates) ?? (candidates.length === 1 ? candidates[0] : undefined));
}

/**
 * A Release azldev cannot bump: `release = { calculation = "manual" }` on the component (or `calculation` set to
 * "manual" where `release` is already written), plus a spec-set-tag overlay pinning the Release the spec has now.
 */
function fixStaticRelease(f: Fixing): void {
  const name = str(f.d.data?.component);
  const release = str(f.d.data?.release);
  if (!name || release === undefined) return;
  const path: Path = ['components', name];
  const component = lookup(f.doc.root, path);
  if (component?.type !== 'table') return;
  const text = f.doc.syntax.text;
  const edits: OffsetEdit[] = [];
  const written = component.entries.get('release')?.node;
  const calc = written?.type === 'table' ? written.entries.get('calculation') : undefined;
  const manual = calc ? { ...calc.node.span, newText: '"manual"' } : written?.type === 'table' ? insertKey(f.doc, [...path, 'release'], 'calculation', '"manual"') : written ? undefined : insertKey(f.doc, path, 'release', '{ calculation = "manual" }');
  if (!manual) return;
  edits.push(manual);
  const overlay = `description = "Pin the Release azldev cannot bump (release.calculation = \\"manual\\")"`;
  const fields = `type = "spec-set-tag"\ntag = "Release"\nvalue = ${tomlString(release)}`;
  const overlays = component.entries.get('overlays')?.node;
  if (overlays?.type === 'array' && overlays.origin === 'inline' && overlays.syntax) {
    edits.push(appendArrayItem(text, overlays.syntax, `{ ${overlay}, ${fields.split('\n').join(', ')} }`));
  } else if (component.origin !== 'inline' && component.origin !== 'dotted') {
    const header = `[[${['components', name].map((k) => (/^[A-Za-z0-9_-]+$/.test(k) ? k : JSON.stringify(k))).join('.')}.overlays]]`;
    edits.push({ start: text.length, end: text.length, newText: `${text.endsWith('\n') || text === '' ? '' : '\n'}\n${header}\n${overlay}\n${fields}\n` });
  }
  add(f, `Set release.calculation = "manual" and pin Release: ${release}`, edits, true);
}
