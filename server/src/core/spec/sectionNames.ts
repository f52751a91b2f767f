// The section headers azldev recognises, and the section type each one has (internal/rpm/spec/spec.go's table).
// A line starts a section exactly when its first token, lower-cased, is a key of this table.

export type SectionType = 'Package' | 'Script' | 'Raw' | 'Changelog' | 'Files' | 'SourceFileList';

const SCRIPT_SECTIONS = [
  '%prep', '%conf', '%build', '%install', '%check', '%clean', '%generate_buildrequires',
  '%pre', '%post', '%preun', '%postun', '%pretrans', '%posttrans', '%preuntrans', '%postuntrans', '%verify',
  '%triggerin', '%triggerun', '%triggerprein', '%triggerpostun',
  '%filetriggerin', '%filetriggerun', '%filetriggerpostun',
  '%transfiletriggerin', '%transfiletriggerun', '%transfiletriggerpostun',
];

const SECTION_TYPES: ReadonlyMap<string, SectionType> = new Map<string, SectionType>([
  ['%package', 'Package'],
  ...SCRIPT_SECTIONS.map((name): [string, SectionType] => [name, 'Script']),
  ['%description', 'Raw'],
  ['%files', 'Files'],
  ['%changelog', 'Changelog'],
  ['%patchlist', 'SourceFileList'],
  ['%sourcelist', 'SourceFileList'],
]);

/** All known section names, lower-case, for completion and for the grammar's tests. */
export const KNOWN_SECTION_NAMES: readonly string[] = [...SECTION_TYPES.keys()];

/** The section type for a header token such as `%Files`, or undefined when it does not start a section. */
export function sectionTypeOf(token: string): SectionType | undefined {
  return SECTION_TYPES.get(token.toLowerCase());
}
