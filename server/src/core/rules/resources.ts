// `[resources]` rules from azldev's resources.go and project.go, on one file: each rpm-repo (name, type,
// exactly one of base-uri/metalink, http(s) URIs, gpg-key unless disable-gpg-check, single-line text), each
// repo-set template (sub-repos present, named, unique, of a known kind, relative subpath) and each repo set
// (template, base-uri, gpg-key). What needs other files — templates a set names, repos an input names,
// collisions of expanded names — is project/resourceReferences.ts.
import type { RuleCode, Span } from '../diagnostics';
import type { ModelEntry, ModelTable } from '../toml';
import type { DiagnosticSink } from './diagnosticSink';
import { goBackquote as bq, goQuote, goParseUrl } from './goUrl';
import { asTable, childTable, readArray, readBoolean, readString, type Read } from './modelValues';
import { gpgKeyProblem, remoteUriProblem, repoNameProblem, unsafeCharsProblem } from './repoValues';

export interface Finding {
  span: Span;
  code: RuleCode;
  message: string;
}

const SUBREPO_KINDS = ['', 'binary', 'debug', 'source'];

/** Where to point at a whole table: its header or braces, or the key of a dotted one. */
export function tableAnchor(entry: ModelEntry): Span {
  const node = entry.node;
  return node.type === 'table' && node.origin === 'dotted' ? entry.keySpan : node.span;
}

/** The span of a string field when written, else of the table that lacks it. */
const fieldOr = (read: Read<string>, fallback: Span): Span => (read.state === 'value' ? read.span : fallback);

function gpgFindings(objKind: string, name: string, table: ModelTable, anchor: Span): Finding[] {
  const disabled = readBoolean(table, 'disable-gpg-check');
  const key = readString(table, 'gpg-key');
  if (disabled.state === 'wrong-type' || key.state === 'wrong-type') return [];
  if (key.state === 'absent' || key.value === '') {
    if (disabled.state === 'value' && disabled.value) return [];
    return [{
      span: fieldOr(key, anchor),
      code: 'resource-gpg-key-required',
      message: `${objKind} ${bq(name)} has GPG checking enabled (the default) but no \`gpg-key\`; either set \`gpg-key = "..."\` or opt out with \`disable-gpg-check = true\``,
    }];
  }
  const problem = gpgKeyProblem(objKind, name, key.value);
  return problem ? [{ span: key.span, code: 'resource-invalid-gpg-key', message: problem }] : [];
}

/** validateRpmRepoName + validateRpmRepo for one `[resources.rpm-repos.NAME]`. */
export function rpmRepoFindings(name: string, entry: ModelEntry): Finding[] {
  const table = asTable(entry.node);
  if (!table) return [];
  const out: Finding[] = [];
  const anchor = tableAnchor(entry);
  const nameProblem = repoNameProblem(name);
  if (nameProblem) out.push({ span: entry.keySpan, code: 'resource-invalid-name', message: `rpm-repo: ${nameProblem}` });

  const type = readString(table, 'type');
  const typeOk = type.state === 'absent' || (type.state === 'value' && (type.value === '' || type.value === 'rpm-md'));
  if (type.state === 'value' && !typeOk) out.push({ span: type.span, code: 'resource-unsupported-type', message: `rpm-repo ${bq(name)} has unsupported type ${bq(type.value)}` });

  const description = readString(table, 'description');
  const unsafe = description.state === 'value' ? unsafeCharsProblem('rpm-repo', 'description', name, description.value) : undefined;
  if (unsafe && description.state === 'value') out.push({ span: description.span, code: 'resource-unsafe-characters', message: unsafe });

  const base = readString(table, 'base-uri');
  const metalink = readString(table, 'metalink');
  if (typeOk && base.state !== 'wrong-type' && metalink.state !== 'wrong-type') {
    const hasBase = base.state === 'value' && base.value !== '';
    const hasMetalink = metalink.state === 'value' && metalink.value !== '';
    if (!hasBase && !hasMetalink) out.push({ span: anchor, code: 'resource-repo-source-required', message: `rpm-repo ${bq(name)} must specify exactly one of \`base-uri\` or \`metalink\`` });
    if (hasBase && hasMetalink) out.push({ span: anchor, code: 'resource-repo-source-conflict', message: `rpm-repo ${bq(name)} must not specify both \`base-uri\` and \`metalink\`; keep one of them` });
  }
  for (const [field, read] of [['base-uri', base], ['metalink', metalink]] as const) {
    if (read.state !== 'value' || read.value === '') continue;
    const problem = remoteUriProblem('rpm-repo', field, name, read.value);
    if (problem) out.push({ span: read.span, code: 'resource-invalid-uri', message: problem });
  }
  out.push(...gpgFindings('rpm-repo', name, table, anchor));
  return out;
}

/** validateRpmRepoName + validateRpmRepoSetTemplate for one `[resources.rpm-repo-set-templates.NAME]`. */
export function repoSetTemplateFindings(name: string, entry: ModelEntry): Finding[] {
  const table = asTable(entry.node);
  if (!table) return [];
  const out: Finding[] = [];
  const nameProblem = repoNameProblem(name);
  if (nameProblem) out.push({ span: entry.keySpan, code: 'resource-invalid-name', message: `rpm-repo-set-template: ${nameProblem}` });
  const subrepos = readArray(table, 'subrepos');
  if (subrepos.state === 'wrong-type') return out;
  if (subrepos.state === 'absent' || subrepos.value.items.length === 0) {
    out.push({
      span: subrepos.state === 'value' ? subrepos.span : tableAnchor(entry),
      code: 'resource-template-no-subrepos',
      message: `rpm-repo-set-template ${bq(name)} must define at least one entry in \`subrepos\`; add e.g. \`subrepos = [{ name = "base", subpath = "base/$basearch" }]\``,
    });
    return out;
  }
  const seen = new Set<string>();
  subrepos.value.items.forEach((item, index) => {
    if (item.type !== 'table') return;
    const subName = readString(item, 'name');
    const subpath = readString(item, 'subpath');
    const kind = readString(item, 'kind');
    if (subName.state === 'wrong-type') return;
    const sub = subName.state === 'value' ? subName.value : '';
    const subNameProblem = repoNameProblem(sub);
    if (subNameProblem) {
      out.push({ span: fieldOr(subName, item.span), code: 'resource-invalid-name', message: `rpm-repo-set-template ${bq(name)} sub-repo ${index + 1}: ${subNameProblem}` });
      return;
    }
    if (seen.has(sub)) {
      out.push({ span: fieldOr(subName, item.span), code: 'resource-duplicate-subrepo', message: `rpm-repo-set-template ${bq(name)} has duplicate sub-repo name ${bq(sub)}; sub-repo names must be unique within a template` });
    }
    seen.add(sub);
    const where = `rpm-repo-set-template ${bq(name)} sub-repo ${bq(sub)}`;
    if (kind.state === 'value' && !SUBREPO_KINDS.includes(kind.value)) {
      out.push({ span: kind.span, code: 'resource-invalid-subrepo-kind', message: `${where} has invalid \`kind\` ${bq(kind.value)} (expected one of: binary, debug, source)` });
    }
    if (subpath.state === 'wrong-type') return;
    if (subpath.state === 'absent' || subpath.value === '') {
      out.push({ span: fieldOr(subpath, item.span), code: 'resource-subpath-required', message: `${where} is missing \`subpath\`` });
    } else if (subpath.value.startsWith('/')) {
      out.push({ span: subpath.span, code: 'resource-subpath-absolute', message: `${where} \`subpath\` must be relative (no leading slash)` });
    } else {
      const unsafe = unsafeCharsProblem('rpm-repo-set-template', 'subpath', sub, subpath.value);
      if (unsafe) out.push({ span: subpath.span, code: 'resource-unsafe-characters', message: `rpm-repo-set-template ${bq(name)}: ${unsafe}` });
    }
  });
  return out;
}

/** Codes of repoSetFindings that azldev only meets while expanding a set, after resolving its template. */
export const EXPANSION_TIME_CODES: ReadonlySet<string> = new Set(['resource-set-base-uri-query']);

/** validateRpmRepoName + validateRpmRepoSet for one `[resources.rpm-repo-sets.NAME]`, and its base-uri's query. */
export function repoSetFindings(name: string, entry: ModelEntry): Finding[] {
  const table = asTable(entry.node);
  if (!table) return [];
  const out: Finding[] = [];
  const anchor = tableAnchor(entry);
  const nameProblem = repoNameProblem(name);
  if (nameProblem) out.push({ span: entry.keySpan, code: 'resource-invalid-name', message: `rpm-repo-set: ${nameProblem}` });
  const template = readString(table, 'template');
  if (template.state === 'absent' || (template.state === 'value' && template.value === '')) {
    out.push({ span: fieldOr(template, anchor), code: 'resource-set-template-required', message: `rpm-repo-set ${bq(name)} is missing \`template\`; name an entry of \`[resources.rpm-repo-set-templates]\`` });
  }
  const base = readString(table, 'base-uri');
  if (base.state === 'absent' || (base.state === 'value' && base.value === '')) {
    out.push({ span: fieldOr(base, anchor), code: 'resource-set-base-uri-required', message: `rpm-repo-set ${bq(name)} is missing \`base-uri\`` });
  } else if (base.state === 'value') {
    const problem = remoteUriProblem('rpm-repo-set', 'base-uri', name, base.value);
    if (problem) out.push({ span: base.span, code: 'resource-invalid-uri', message: problem });
    else {
      // joinSetBaseURI: sub-repo paths are appended to the base, so it can carry no query or fragment.
      const url = goParseUrl(base.value).url;
      if (url && (url.rawQuery !== '' || url.fragment !== '')) {
        out.push({ span: base.span, code: 'resource-set-base-uri-query', message: `rpm-repo-set ${bq(name)} \`base-uri\` must not contain a query string or fragment (got ${goQuote(base.value)})` });
      }
    }
  }
  out.push(...gpgFindings('rpm-repo-set', name, table, anchor));
  return out;
}

export function checkResources(sink: DiagnosticSink, root: ModelTable): void {
  const resources = childTable(root, 'resources');
  if (!resources) return;
  const sections = [
    ['rpm-repos', rpmRepoFindings],
    ['rpm-repo-set-templates', repoSetTemplateFindings],
    ['rpm-repo-sets', repoSetFindings],
  ] as const;
  for (const [key, findings] of sections) {
    for (const [name, entry] of childTable(resources, key)?.entries ?? []) {
      for (const f of findings(name, entry)) sink.error(f.span, f.code, f.message, { name });
    }
  }
}
