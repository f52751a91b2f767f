// The package index's answers the package rules ask for each package-group entry, remembered per loaded index:
// the source package a binary name is built from (null: no binary of that name), and the binaries a source
// package builds. One answer per name (17,000 in sdk.packages.toml), shared by the entry check and the channel
// policy, and read from the index's name columns alone (a PackageInfo decodes and keeps every field in the pool).
import type { PackageIndex } from '../packages/queries';
import { ownString } from '../text/ownString';

interface Answers {
  sourceOf: Map<string, string | null>;
  binariesOf: Map<string, string[]>;
}

const memo = new WeakMap<PackageIndex, Answers>();

function answers(index: PackageIndex): Answers {
  let a = memo.get(index);
  if (!a) memo.set(index, (a = { sourceOf: new Map(), binariesOf: new Map() }));
  return a;
}

/** The (first) source package binary `name` is built from; null when the index has no binary of that name. */
export function binarySource(index: PackageIndex, name: string): string | null {
  const a = answers(index).sourceOf;
  let s = a.get(name);
  if (s === undefined) {
    s = index.sourceOf(name)[0] ?? null;
    // (A copy: a name read from a parse is a view into that parse's whole text, text/ownString.ts.)
    a.set(ownString(name), s);
  }
  return s;
}

/** Whether the index has a binary package of that name. */
export function hasBinary(index: PackageIndex, name: string): boolean {
  return binarySource(index, name) !== null;
}

/** The names of the binaries `source` builds, sorted, once each. */
export function binaryNamesOf(index: PackageIndex, source: string): string[] {
  const a = answers(index).binariesOf;
  let names = a.get(source);
  if (!names) a.set(ownString(source), (names = index.binaryNamesOf(source)));
  return names;
}
