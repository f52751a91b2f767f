// azldev's project-level resource checks (resources.go EffectiveRpmRepos and effectiveInputRepos, project.go
// validateDistroVersionInputs), across the project's files: `[resources]` entries merged by name (a later
// file's entry replaces an earlier one whole), each repo set expanded through its template — which must
// exist, and whose sub-repos the set's allowlist must name once — into repo IDs that must be valid and new,
// then each distro version's `inputs` resolved: exactly one of `repo` or `set`, every name defined, no repo
// twice, and no local gpg-key among the rpm-build repos (mock would look for it inside its chroot). azldev's
// built-in templates (azldevDefaults.ts) are defined before the project's files.
import * as path from 'node:path';
import type { CoreDiagnostic, RelatedInformation, RuleCode, Span } from '../diagnostics';
import type { ModelEntry, ModelTable } from '../toml';
import { goBackquote as bq, goQuote } from '../rules/goUrl';
import { asTable, childTable, readArray, readString, stringItems } from '../rules/modelValues';
import { isLocalGpgKey, repoNameProblem } from '../rules/repoValues';
import { EXPANSION_TIME_CODES, repoSetFindings, repoSetTemplateFindings } from '../rules/resources';
import { AZLDEV_DEFAULTS_FILE, azldevDefaultsDocument } from './azldevDefaults';
import { distroVersions, type ProjectModel } from './projectModel';

interface ResourceDef {
  name: string;
  file: string;
  entry: ModelEntry;
  table: ModelTable;
}

/** A repo of the effective map: an explicit rpm-repo, or one a set expanded to. */
interface EffectiveRepo {
  gpgKey: string;
  file: string;
  span: Span;
  origin: string;
}

type ResourceKind = 'rpm-repos' | 'rpm-repo-set-templates' | 'rpm-repo-sets';

function mergedResources(model: ProjectModel): Record<ResourceKind, Map<string, ResourceDef>> {
  const out: Record<ResourceKind, Map<string, ResourceDef>> = { 'rpm-repos': new Map(), 'rpm-repo-set-templates': new Map(), 'rpm-repo-sets': new Map() };
  // azldev loads its built-in defaults first: a project's own entries of the same name replace them.
  const builtIn = azldevDefaultsDocument().root.entries.get('resources');
  const sections = builtIn ? [{ file: AZLDEV_DEFAULTS_FILE, entry: builtIn }, ...model.sections.resources] : model.sections.resources;
  for (const section of sections) {
    const resources = asTable(section.entry.node);
    for (const kind of Object.keys(out) as ResourceKind[]) {
      for (const [name, entry] of childTable(resources, kind)?.entries ?? []) {
        const table = asTable(entry.node);
        if (table) out[kind].set(name, { name, file: section.file, entry, table });
      }
    }
  }
  return out;
}

const stringOf = (table: ModelTable | undefined, key: string): string => {
  const read = readString(table, key);
  return read.state === 'value' ? read.value : '';
};

function diagnostic(file: string, span: Span, code: RuleCode, message: string, data: Record<string, unknown>, related?: RelatedInformation[]): CoreDiagnostic {
  const d: CoreDiagnostic = { file, span, severity: 'error', code, message, data };
  if (related) d.related = related;
  return d;
}

function rel(from: string, to: string): string {
  return path.relative(path.dirname(from), to) || path.basename(to);
}

interface Expansion {
  effective: Map<string, EffectiveRepo>;
  /** Repo IDs of each set that expanded cleanly, in template order. */
  bySet: Map<string, string[]>;
  /** IDs a set that failed would have produced: an input naming one is that set's problem, not a new one. */
  unresolved: Set<string>;
}

function expandSets(resources: Record<ResourceKind, Map<string, ResourceDef>>, out: CoreDiagnostic[]): Expansion {
  const effective = new Map<string, EffectiveRepo>();
  for (const repo of resources['rpm-repos'].values()) {
    effective.set(repo.name, { gpgKey: stringOf(repo.table, 'gpg-key'), file: repo.file, span: repo.entry.keySpan, origin: `rpm-repo ${bq(repo.name)}` });
  }
  const bySet = new Map<string, string[]>();
  const unresolved = new Set<string>();
  const reportedSubpaths = new Set<string>();
  // azldev expands sets in name order, so a collision is reported on the later name.
  for (const name of [...resources['rpm-repo-sets'].keys()].sort()) {
    const set = resources['rpm-repo-sets'].get(name) as ResourceDef;
    const prefix = readString(set.table, 'name-prefix');
    const prefixText = prefix.state === 'value' ? prefix.value : '';
    const template = readString(set.table, 'template');
    const tmpl = template.state === 'value' ? resources['rpm-repo-set-templates'].get(template.value) : undefined;
    const subs = tmpl ? readArray(tmpl.table, 'subrepos') : undefined;
    const subTables = subs?.state === 'value' ? subs.value.items.filter((i): i is ModelTable => i.type === 'table') : [];
    const fail = () => subTables.forEach((s) => unresolved.add(prefixText + stringOf(s, 'name')));

    const own = repoSetFindings(name, set.entry);
    // The set's own problems are reported on its file (rules/resources.ts); azldev stops at them.
    if (own.some((f) => !EXPANSION_TIME_CODES.has(f.code)) || template.state !== 'value') {
      fail();
      continue;
    }
    if (!tmpl) {
      out.push(diagnostic(set.file, template.span, 'resource-set-undefined-template',
        `rpm-repo-set ${bq(name)} references undefined \`template\` ${bq(template.value)}; define a matching key under \`[resources.rpm-repo-set-templates]\``,
        { name: template.value, candidates: [...resources['rpm-repo-set-templates'].keys()] }));
      continue;
    }
    if (repoSetTemplateFindings(tmpl.name, tmpl.entry).length) {
      fail();
      continue;
    }
    const known = new Set(subTables.map((s) => stringOf(s, 'name')));
    const allowlist = readArray(set.table, 'subrepos');
    const allowed = new Set<string>();
    let allowlistOk = true;
    if (allowlist.state === 'value') {
      for (const item of stringItems(allowlist.value)) {
        if (!known.has(item.value)) {
          out.push(diagnostic(set.file, item.span, 'resource-set-unknown-subrepo',
            `rpm-repo-set ${bq(name)} \`subrepos\` allowlist references ${bq(item.value)} which is not a sub-repo of template ${bq(tmpl.name)}`,
            { name: item.value, candidates: [...known] }));
          allowlistOk = false;
        } else if (allowed.has(item.value)) {
          out.push(diagnostic(set.file, item.span, 'resource-set-duplicate-subrepo', `rpm-repo-set ${bq(name)} \`subrepos\` allowlist lists ${bq(item.value)} more than once`, { name: item.value }));
          allowlistOk = false;
        }
        allowed.add(item.value);
      }
    }
    if (!allowlistOk || own.length) {
      fail();
      continue;
    }
    const ids: string[] = [];
    const at = prefix.state === 'value' ? prefix.span : set.entry.keySpan;
    let ok = true;
    for (const sub of subTables) {
      const subName = stringOf(sub, 'name');
      if (allowed.size && !allowed.has(subName)) continue;
      const subpath = readString(sub, 'subpath');
      const subpathText = subpath.state === 'value' ? subpath.value : '';
      const subpathProblem = subpathText.split('/').includes('..')
        ? `rpm-repo-set ${bq(name)} template \`subpath\` ${bq(subpathText)} must not contain \`..\` segments`
        : /[?#]/.test(subpathText)
          ? `rpm-repo-set ${bq(name)} template \`subpath\` ${bq(subpathText)} must not contain a query string or fragment (no \`?\` or \`#\`)`
          : undefined;
      if (subpathProblem && subpath.state === 'value') {
        const key = `${tmpl.file}:${subpath.span.start}`;
        if (!reportedSubpaths.has(key)) {
          reportedSubpaths.add(key);
          out.push(diagnostic(tmpl.file, subpath.span, 'resource-subpath-invalid', subpathProblem, { set: name, template: tmpl.name },
            [{ file: set.file, span: set.entry.keySpan, message: `rpm-repo-set ${bq(name)} instantiates template ${bq(tmpl.name)}` }]));
        }
        ok = false;
        break;
      }
      const id = prefixText + subName;
      const idProblem = repoNameProblem(id);
      if (idProblem) {
        out.push(diagnostic(set.file, at, 'resource-set-invalid-repo-id',
          `rpm-repo-set ${bq(name)} would synthesize an invalid repo ID ${bq(id)} (combining \`name-prefix\` ${bq(prefixText)} with sub-repo name ${bq(subName)}): ${idProblem}`,
          { set: name, id }));
        ok = false;
        break;
      }
      const existing = effective.get(id);
      if (existing) {
        out.push(diagnostic(set.file, at, 'resource-set-repo-collision',
          `rpm-repo-set ${bq(name)} expansion produced repo name ${bq(id)} which already exists (either as an explicit entry under \`[resources.rpm-repos]\` or from another set's expansion); choose a different \`name-prefix\` or rename the colliding entry`,
          { set: name, id },
          [{ file: existing.file, span: existing.span, message: `${bq(id)} is already ${existing.origin} (${rel(set.file, existing.file)})` }]));
        ok = false;
        break;
      }
      effective.set(id, { gpgKey: stringOf(set.table, 'gpg-key'), file: set.file, span: set.entry.keySpan, origin: `expanded from rpm-repo-set ${bq(name)}` });
      ids.push(id);
    }
    if (ok) bySet.set(name, ids);
    else fail();
  }
  return { effective, bySet, unresolved };
}

const USE_CASES = ['rpm-build', 'image-build'] as const;

/**
 * The `inputs.<use case>` list a distro version ends up with. mergo replaces a version defined again in a
 * later file whole (distro_test.go: override configs fully redefine any version they touch), so it is the
 * last definition's list, if that one has any.
 */
function inputList(model: ProjectModel, distro: string, version: string, useCase: string): { file: string; items: ModelTable[] } | undefined {
  const def = distroVersions(model, distro).get(version)?.at(-1);
  const list = readArray(childTable(asTable(def?.entry.node), 'inputs'), useCase);
  if (!def || list.state !== 'value') return undefined;
  return { file: def.file, items: list.value.items.filter((i): i is ModelTable => i.type === 'table') };
}

function inputDiagnostics(model: ProjectModel, resources: Record<ResourceKind, Map<string, ResourceDef>>, expansion: Expansion, out: CoreDiagnostic[]): void {
  for (const distro of model.distros.keys()) {
    for (const version of distroVersions(model, distro).keys()) {
      const where = `distro ${goQuote(distro)} version ${goQuote(version)}`;
      for (const useCase of USE_CASES) {
        const list = inputList(model, distro, version, useCase);
        if (!list) continue;
        const seen = new Map<string, Span>();
        const use = (id: string, source: string, span: Span, fromSet: boolean): void => {
          const first = seen.get(id);
          if (first) {
            out.push(diagnostic(list.file, span, 'distro-input-duplicate',
              `${where}: \`inputs.${useCase}\` produces repo ${bq(id)} more than once (most recently from ${source}); remove the duplicate to disambiguate`,
              { id }, [{ file: list.file, span: first, message: `${bq(id)} is first produced here` }]));
            return;
          }
          seen.set(id, span);
          const repo = expansion.effective.get(id);
          if (!repo) {
            if (!fromSet && !expansion.unresolved.has(id)) {
              out.push(diagnostic(list.file, span, 'distro-input-undefined-repo', `${where} inputs.${useCase} references undefined rpm-repo ${goQuote(id)}`,
                { name: id, candidates: [...expansion.effective.keys()] }));
            }
            return;
          }
          if (useCase === 'rpm-build' && isLocalGpgKey(repo.gpgKey)) {
            out.push(diagnostic(list.file, span, 'distro-input-local-gpg-key',
              `${where} inputs.rpm-build references rpm-repo ${goQuote(id)} which has a local \`gpg-key\` (${goQuote(repo.gpgKey)}); local keys are not yet supported for mock builds (mock would evaluate the path inside the chroot) — use an http(s) URI, or only reference this repo from inputs.image-build`,
              { name: id }, [{ file: repo.file, span: repo.span, message: `${bq(id)} is ${repo.origin}` }]));
          }
        };
        list.items.forEach((item, index) => {
          const repo = readString(item, 'repo');
          const set = readString(item, 'set');
          if (repo.state === 'wrong-type' || set.state === 'wrong-type') return;
          const entryText = `${where}: \`inputs.${useCase}\` entry ${index + 1}`;
          const hasRepo = repo.state === 'value' && repo.value !== '';
          const hasSet = set.state === 'value' && set.value !== '';
          if (hasRepo === hasSet) {
            const message = hasRepo
              ? `${entryText} sets both \`repo\` (${bq(repo.value)}) and \`set\` (${bq(set.state === 'value' ? set.value : '')}); exactly one is required`
              : `${entryText} sets neither \`repo\` nor \`set\`; exactly one is required: add \`repo = "NAME"\` (an rpm-repo) or \`set = "NAME"\` (an rpm-repo-set)`;
            out.push(diagnostic(list.file, item.span, 'distro-input-repo-or-set', message, { useCase, index }));
            return;
          }
          if (repo.state === 'value' && hasRepo) use(repo.value, `repo ${bq(repo.value)}`, repo.span, false);
          if (set.state === 'value' && hasSet) {
            if (!resources['rpm-repo-sets'].has(set.value)) {
              out.push(diagnostic(list.file, set.span, 'distro-input-undefined-set', `${entryText} references undefined rpm-repo-set ${bq(set.value)}`,
                { name: set.value, candidates: [...resources['rpm-repo-sets'].keys()] }));
              return;
            }
            for (const id of expansion.bySet.get(set.value) ?? []) use(id, `set ${bq(set.value)}`, set.span, true);
          }
        });
      }
    }
  }
}

/** The project's resource and distro-input diagnostics. */
export function resourceReferenceDiagnostics(model: ProjectModel): CoreDiagnostic[] {
  const out: CoreDiagnostic[] = [];
  const resources = mergedResources(model);
  const expansion = expandSets(resources, out);
  inputDiagnostics(model, resources, expansion, out);
  return out;
}
