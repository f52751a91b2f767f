// What completion offers from a component's own spec: the sections it has (`%files`, `%post`…), its
// sub-packages as overlays name them (`devel`, or the `-n` name) and the tags it uses. Read from the spec the
// render service last had for the component (a preview, the overlay check, or a lookup completion asked
// for), never fetched for completion itself.
import { specDependencyMacros } from '../packageRules/dependencyMacros';
import { parseSpec } from '../spec';

export interface SpecFacts {
  sections: string[];
  packages: string[];
  tags: string[];
}

export function specFactsOf(specText: string): SpecFacts {
  const doc = parseSpec(specText);
  const sections = new Set<string>();
  for (const s of doc.sections.slice(1)) {
    const keyword = doc.lines[s.startLine]?.text.trim().split(/\s+/)[0];
    if (keyword?.startsWith('%')) sections.add(keyword);
  }
  const packages = new Set(doc.packages.slice(1).map((p) => p.qualifier).filter((q) => q !== ''));
  const tags = new Set(doc.tags.map((t) => t.name));
  return { sections: [...sections], packages: [...packages], tags: [...tags] };
}

/** The facts of the specs seen lately, by component; bounded (a whole-tree check sees thousands). */
export class SpecFactsStore {
  private readonly byComponent = new Map<string, { text: string; facts: SpecFacts; macros?: Map<string, string> }>();

  constructor(private readonly limit = 512) {}

  record(component: string, specText: string): void {
    const hit = this.byComponent.get(component);
    if (hit && hit.text === specText) return;
    this.byComponent.delete(component);
    this.byComponent.set(component, { text: specText, facts: specFactsOf(specText) });
    if (this.byComponent.size > this.limit) {
      const oldest = this.byComponent.keys().next().value;
      if (oldest !== undefined) this.byComponent.delete(oldest);
    }
  }

  get(component: string): SpecFacts | undefined {
    return this.byComponent.get(component)?.facts;
  }

  /** The macros the component's spec defines for dependency strings (computed on first use). */
  dependencyMacros(component: string): ReadonlyMap<string, string> | undefined {
    const hit = this.byComponent.get(component);
    if (!hit) return undefined;
    return (hit.macros ??= specDependencyMacros(hit.text));
  }
}
