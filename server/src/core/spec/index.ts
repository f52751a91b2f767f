// The spec package's public surface: the lossless parser, its model, and the azldev-compatible edits.

export { parseSpec, serializeSpec } from './parser';
export type { LineEnding, LineKind, SpecDocument, SpecLine, SpecPackage, SpecProblem, SpecSection, SpecTag, SpecToken } from './model';
export type { ConditionalBlock, ConditionalBranch, ConditionalDirective, ConditionalKind } from './conditionals';
export { expandMacros, type MacroKeyword, type MacroScope, type SpecMacroDefinition } from './macros';
export { KNOWN_SECTION_NAMES, sectionTypeOf, type SectionType } from './sectionNames';
export { packageQualifierFromHeader, type PackageQualifier } from './packageQualifier';
export { SpecEditor, type SpecEditError, type SpecEditErrorCode, type SpecEditResult } from './specEditor';
export { appendLines, appendLinesToSection, hasSection, prependLines, prependLinesToSection } from './sectionLines';
export { addTag, insertTag, removeTag, removeTagsMatching, setTag, tagFamily, updateExistingTag } from './tagEdits';
export { searchAndReplace, searchReach } from './searchReplace';
export { addChangelogEntry, type ChangelogEntry } from './changelog';
export { addPatchEntry, highestPatchTagNumber, parsePatchTagNumber, removePatchEntry } from './patchEdits';
export { removeSection, removeSubpackage } from './sectionRemoval';
export { azldevConditionalDelta } from './conditionals';
