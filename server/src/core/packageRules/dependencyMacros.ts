// The macros a dependency overlay's value may use, as rpm would expand them when it builds the component:
// `%{name}`, `%{version}`, `%{release}`, `%{epoch}` and the spec's own `%global`/`%define`s from the spec when
// it is at hand, the component's `Version`/`Release`/`Epoch` tag overlays (which change the spec, so they win),
// and `%{_isa}`/`%{_arch}` of the target architecture. A value is known only when nothing in it is left to
// guess: a conditional on a macro defined elsewhere (`%{?dist}`) makes it unknown, never silently empty.
import { expandMacros as expandSpecMacros, parseSpec, type MacroScope } from '../spec';

/** rpm's `%{_isa}` per architecture (the `(x86-64)` suffix arch-specific packages provide their names with). */
const ISA: Record<string, string> = {
  x86_64: '(x86-64)', aarch64: '(aarch-64)', i686: '(x86-32)', i586: '(x86-32)', ppc64le: '(ppc-64)', ppc64: '(ppc-64)', s390x: '(s390-64)', riscv64: '(riscv-64)',
};

export function archMacros(arch: string): Map<string, string> {
  const m = new Map([['_arch', arch], ['_target_cpu', arch]]);
  const isa = ISA[arch];
  if (isa) m.set('_isa', isa);
  return m;
}

/** The value of a macro that is defined but cannot be known here: anything using it stays unexpanded (loose). */
export const UNKNOWN_MACRO = '%{__distro_toml_unknown__}';

const TAG_MACROS = new Set(['name', 'version', 'release', 'epoch']);

/** Does `value` test or use a macro `scope` does not define (so its expansion would be a guess)? */
function usesUnknown(value: string, scope: MacroScope): boolean {
  for (const m of value.matchAll(/%\{!?\??([A-Za-z_][A-Za-z0-9_]*)|%!?\??([A-Za-z_][A-Za-z0-9_]*)/g)) {
    const name = (m[1] ?? m[2]) as string;
    const v = scope.get(name);
    if (v === undefined || v.includes(UNKNOWN_MACRO)) return true;
  }
  return /%[([]/.test(value);
}

/** Macros defined by `entries` (in order, later wins), each expanded with those before it; one that cannot be known
 * is kept as UNKNOWN_MACRO, so that it still hides what an earlier layer defined. */
export function knownMacros(entries: Iterable<[string, string]>, base: MacroScope = new Map()): Map<string, string> {
  const scope = new Map(base);
  for (const [name, raw] of entries) {
    if (usesUnknown(raw, scope)) {
      scope.set(name, UNKNOWN_MACRO);
      continue;
    }
    scope.set(name, expandSpecMacros(raw, scope));
  }
  return scope;
}

/** The macros a spec defines for its dependencies: its `%global`/`%define`s and main-package Name/Version/Release/Epoch, in file order. */
export function specDependencyMacros(specText: string, base: MacroScope = new Map()): Map<string, string> {
  const doc = parseSpec(specText);
  const entries: { line: number; name: string; value: string }[] = [];
  for (const d of doc.macros) {
    if (d.keyword === '%undefine' || d.params !== undefined) entries.push({ line: d.line, name: d.name, value: UNKNOWN_MACRO });
    else entries.push({ line: d.line, name: d.name, value: d.body.trim() });
  }
  for (const t of doc.tags) {
    const lower = t.name.toLowerCase();
    if (t.package === '' && TAG_MACROS.has(lower)) entries.push({ line: t.line, name: lower, value: t.value });
  }
  entries.sort((a, b) => a.line - b.line);
  return knownMacros(entries.map((e) => [e.name, e.value]), base);
}
