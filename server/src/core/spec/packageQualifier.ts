// Which package a section header names, following azldev's GetPackageNameFromSectionHeader: `-n NAME` gives
// an absolute name, the first bare word a suffix; `-f/-p/-l/-P` take an argument; `--` ends the package part
// (trigger conditions follow it). azldev keeps the word as written: `%files devel` is package "devel".

import type { SectionType } from './sectionNames';

export interface PackageQualifier {
  /** The name as written on the header ("" for the main package). This is what azldev's `package` matches. */
  name: string;
  /** True for the `-n NAME` form, where the name is the whole binary package name. */
  absolute: boolean;
}

const FLAGS_WITH_ARGUMENT = new Set(['-f', '-p', '-l', '-P']);

/** tokens[0] is the section keyword itself; the rest are its arguments. */
export function packageQualifierFromHeader(tokens: readonly string[]): PackageQualifier {
  let fullName = '';
  let suffix = '';
  let i = 1;
  while (i < tokens.length) {
    const token = tokens[i] as string;
    if (token === '--') break;
    if (token === '-n') {
      i++;
      if (i < tokens.length) {
        fullName = tokens[i] as string;
        i++;
      }
    } else if (FLAGS_WITH_ARGUMENT.has(token)) {
      i += 2;
    } else if (token.startsWith('-')) {
      i++;
    } else {
      if (suffix === '') suffix = token;
      i++;
    }
  }
  if (fullName !== '') return { name: fullName, absolute: true };
  return { name: suffix, absolute: false };
}

/** Changelog and source/patch lists never belong to a package, whatever their header says. */
export function sectionHasPackage(type: SectionType): boolean {
  return type !== 'Changelog' && type !== 'SourceFileList';
}
