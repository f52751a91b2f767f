// Hover on a package name or capability: what the package index knows — EVR, summary, URL, source package,
// repository — and, for a capability, which packages provide it.
import type { Span } from '../diagnostics';
import type { PackageIndex } from '../packages/queries';
import type { PackageInfo } from '../packages/repoIndex';
import { packageReferences, referenceAt } from '../packageRules/packageReferences';
import type { TomlDocument } from '../toml';

const MAX_LISTED = 8;

function describe(p: PackageInfo): string {
  const lines = [`**${p.name}** ${p.evr}.${p.arch}`, p.summary];
  if (p.url) lines.push(`URL: ${p.url}`);
  if (p.arch !== 'src' && p.arch !== 'nosrc') lines.push(`Source package: \`${p.sourceName}\``);
  lines.push(`Repository: ${p.repo}`);
  return lines.join('  \n');
}

function unique(list: PackageInfo[]): PackageInfo[] {
  const seen = new Set<string>();
  return list.filter((p) => {
    const k = `${p.name}\0${p.arch}\0${p.evr}\0${p.repo}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function names(list: PackageInfo[]): string {
  const distinct = [...new Set(list.map((p) => p.name))].sort();
  return distinct.slice(0, MAX_LISTED * 3).map((n) => `\`${n}\``).join(', ') + (distinct.length > MAX_LISTED * 3 ? `, … (${distinct.length})` : '');
}

export function packageHover(file: string, doc: TomlDocument, text: string, offset: number, index: PackageIndex): { markdown: string; span: Span } | undefined {
  const ref = referenceAt(packageReferences(file, doc, () => text), offset);
  if (!ref) return undefined;
  const parts: string[] = [];
  if (ref.kind === 'component' || ref.kind === 'upstream-name') {
    const src = index.source(ref.name);
    if (!src) return { markdown: `Source package \`${ref.name}\`: not in the package index.`, span: ref.span };
    parts.push(...unique(src.packages).slice(0, 2).map(describe));
    if (src.binaries.length) parts.push(`Binary packages: ${names(src.binaries)}`);
  } else if (ref.kind === 'group-package') {
    const found = unique(index.binary(ref.name));
    if (!found.length) return { markdown: `Binary package \`${ref.name}\`: not in the package index.`, span: ref.span };
    parts.push(...found.slice(0, 3).map(describe));
    const source = found[0]?.sourceName;
    if (source) parts.push(`Built from \`${source}\` with ${names(index.binariesOf(source))}`);
  } else {
    const providers = unique(index.whatProvides(ref.name));
    if (!providers.length) {
      const status = index.capabilityStatus(ref.name);
      return { markdown: `Capability \`${ref.name}\`: ${status.status === 'not-checked' ? 'a file primary.xml does not list (not checked)' : 'nothing in the package index provides it'}.`, span: ref.span };
    }
    parts.push(`Capability \`${ref.name}\` — provided by ${names(providers)}`);
    parts.push(...providers.slice(0, 3).map(describe));
  }
  return { markdown: parts.join('\n\n---\n\n'), span: ref.span };
}
