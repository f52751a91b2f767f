// Which repositories the package index covers: the upstream distro's `repos` (with `$releasever` and
// `$basearch` expanded), each Fedora source tree's binary sibling, `resources.rpm-repos`, and what settings
// or flags add or put in their place.
import { defaultDistro } from '../project/effectiveConfig';
import { distroField, distroVersions, type ProjectModel } from '../project/projectModel';
import { toJS } from '../toml';
import type { RepoSource } from './repoSources';

export { chooseRepositories, type RepoSource } from './repoSources';

export interface RepoExpansion {
  releaseVer: string;
  arches: readonly string[];
}

function expand(uri: string, releaseVer: string, arch: string): string {
  return uri.replace(/\$releasever|\$\{releasever\}/g, releaseVer).replace(/\$basearch|\$\{basearch\}/g, arch);
}

const SOURCE_TREE = /\/source\/tree\/?$/;

/** Fedora's binary tree beside a source tree: releases/development `…/$arch/os`, updates `…/$arch`. */
export function binarySibling(sourceUrl: string, arch: string): string | undefined {
  if (!SOURCE_TREE.test(sourceUrl)) return undefined;
  const base = sourceUrl.replace(SOURCE_TREE, '');
  return /\/updates\//.test(base) ? `${base}/${arch}` : `${base}/${arch}/os`;
}

/** The repositories a distro's `repos` base URIs stand for, binary siblings included, without duplicates. */
export function expandDistroRepos(baseUris: readonly string[], x: RepoExpansion, origin: string): RepoSource[] {
  const out: RepoSource[] = [];
  const seen = new Set<string>();
  const add = (r: RepoSource): void => {
    if (!seen.has(r.url)) {
      seen.add(r.url);
      out.push(r);
    }
  };
  for (const uri of baseUris) {
    const arches = /\$\{?basearch/.test(uri) ? x.arches : [x.arches[0] ?? 'x86_64'];
    for (const arch of arches) {
      const url = expand(uri, x.releaseVer, arch);
      if (!SOURCE_TREE.test(url)) {
        add({ url, kind: 'binary', origin });
        continue;
      }
      add({ url, kind: 'source', origin });
      for (const a of x.arches) add({ url: binarySibling(url, a) as string, kind: 'binary', origin: `${origin} (binary tree beside ${url})` });
      // The matching updates tree, when only the release is listed.
      if (/\/releases\//.test(url)) {
        const updates = url.replace(/\/releases\/([^/]+)\/(.*)\/source\/tree\/?$/, '/updates/$1/$2/source/tree');
        if (updates !== url) for (const a of x.arches) add({ url: binarySibling(updates, a) as string, kind: 'binary', origin: `${origin} (updates beside ${url})` });
      }
    }
  }
  return out;
}

function record(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** The distro whose packages the project's components come from: the default distro version's `upstream-distro`. */
export function upstreamDistro(model: ProjectModel): { name: string; version: string } | undefined {
  const d = defaultDistro(model);
  if (!d) return undefined;
  const definition = (distroVersions(model, d.name).get(d.version) ?? []).slice(-1)[0];
  const dcc = definition ? record(record(toJS(definition.entry.node))?.['default-component-config']) : undefined;
  const up = record(record(dcc?.['spec'])?.['upstream-distro']);
  const name = typeof up?.['name'] === 'string' ? up['name'] : undefined;
  if (!name) return d;
  const fallback = distroField(model, name, 'default-version');
  const version = typeof up?.['version'] === 'string' ? up['version'] : fallback ? String(toJS(fallback.node)) : undefined;
  return version ? { name, version } : undefined;
}

/** Why a repository the project names is not indexed: the tree is untrusted data, so only the network is read for it. */
export const PROJECT_REPO_REFUSED =
  'not indexed: a repository the project names must be an http(s) URL — a tree may not make the index read local files; give a local mirror with --repo or distroToml.packageIndex.repositories';

/** http(s) only: what a tree's configuration may make the index fetch. */
export function isNetworkRepository(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/**
 * The repositories the project's configuration names, for the given architectures. Those that are not http(s)
 * URLs (file:// URLs, paths) are `refused`, not indexed: only settings and flags may name local directories.
 */
export function projectRepositories(model: ProjectModel, arches: readonly string[]): { distro: string; version: string; releaseVer: string; repos: RepoSource[]; refused: RepoSource[] } | undefined {
  const found = namedRepositories(model, arches);
  if (!found) return undefined;
  return { ...found, repos: found.repos.filter((r) => isNetworkRepository(r.url)), refused: found.repos.filter((r) => !isNetworkRepository(r.url)) };
}

function namedRepositories(model: ProjectModel, arches: readonly string[]): { distro: string; version: string; releaseVer: string; repos: RepoSource[] } | undefined {
  const up = upstreamDistro(model);
  if (!up) return undefined;
  const definition = (distroVersions(model, up.name).get(up.version) ?? []).slice(-1)[0];
  const releaseVerValue = definition ? record(toJS(definition.entry.node))?.['release-ver'] : undefined;
  const releaseVer = typeof releaseVerValue === 'string' ? releaseVerValue : up.version;
  const reposField = distroField(model, up.name, 'repos');
  const list = reposField ? toJS(reposField.node) : [];
  const uris = Array.isArray(list) ? list.map((r) => record(r)?.['base-uri']).filter((u): u is string => typeof u === 'string') : [];
  const repos = expandDistroRepos(uris, { releaseVer, arches }, `distros.${up.name}.repos`);
  for (const section of resourceRepos(model)) {
    const allowed = section.arches.length ? arches.filter((a) => section.arches.includes(a)) : arches;
    // A URL without $basearch is one repository, whatever the architectures.
    for (const a of /\$\{?basearch/.test(section.baseUri) ? allowed : allowed.slice(0, 1)) {
      const url = expand(section.baseUri, releaseVer, a);
      if (!repos.some((r) => r.url === url)) repos.push({ url, kind: section.kind, origin: section.origin });
    }
  }
  return { distro: up.name, version: up.version, releaseVer, repos };
}

interface ResourceRepo {
  baseUri: string;
  arches: string[];
  kind: RepoSource['kind'];
  origin: string;
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((a): a is string => typeof a === 'string') : [];
}

/** `base-uri` and `subpath` joined with one slash. */
function joinUri(base: string, sub: string): string {
  return `${base.replace(/\/+$/, '')}/${sub.replace(/^\/+/, '')}`;
}

/**
 * azldev's repository resources: `resources.rpm-repos` (each with `base-uri`; a `metalink` one is left out,
 * the index reads repodata from a base URL) and `resources.rpm-repo-sets`, each an instance of a template in
 * `resources.rpm-repo-set-templates` at its `base-uri`: one repository per sub-repository (`subpath`, which may
 * hold `$basearch`), only those the set's `subrepos` name when it names any; debuginfo ones are left out.
 */
function resourceRepos(model: ProjectModel): ResourceRepo[] {
  const out: ResourceRepo[] = [];
  const templates = new Map<string, Record<string, unknown>>();
  const sets: [string, Record<string, unknown>][] = [];
  for (const c of model.contributions.values()) {
    const res = c.sections.resources ? record(toJS(c.sections.resources.entry.node)) : undefined;
    for (const [name, v] of Object.entries(record(res?.['rpm-repos']) ?? {})) {
      const r = record(v);
      const baseUri = r?.['base-uri'];
      if (typeof baseUri !== 'string') continue;
      out.push({ baseUri, arches: stringList(r?.['arches']), kind: 'binary', origin: `resources.rpm-repos.${name}` });
    }
    for (const [name, v] of Object.entries(record(res?.['rpm-repo-set-templates']) ?? {})) {
      const t = record(v);
      if (t) templates.set(name, t);
    }
    for (const [name, v] of Object.entries(record(res?.['rpm-repo-sets']) ?? {})) {
      const s = record(v);
      if (s) sets.push([name, s]);
    }
  }
  for (const [name, set] of sets) {
    const baseUri = set['base-uri'];
    const template = typeof set['template'] === 'string' ? templates.get(set['template']) : undefined;
    if (typeof baseUri !== 'string' || !template) continue;
    const only = Array.isArray(set['subrepos']) ? new Set(stringList(set['subrepos'])) : undefined;
    for (const sub of Array.isArray(template['subrepos']) ? template['subrepos'] : []) {
      const r = record(sub);
      const subName = r?.['name'], subpath = r?.['subpath'], kind = r?.['kind'] ?? 'binary';
      if (typeof subName !== 'string' || typeof subpath !== 'string' || kind === 'debug') continue;
      if (only && !only.has(subName)) continue;
      out.push({ baseUri: joinUri(baseUri, subpath), arches: stringList(set['arches']), kind: kind === 'source' ? 'source' : 'binary', origin: `resources.rpm-repo-sets.${name} (${subName})` });
    }
  }
  return out;
}
