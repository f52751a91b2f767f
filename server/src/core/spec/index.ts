// The spec package's public surface: the lossless parser, its model, and the azldev-compatible edits.

export { parseSpec, serializeSpec } from './parser';
export type { LineEnding, LineKind, SpecDocument, SpecLine, SpecPackage, SpecProblem, SpecSection, SpecTag, SpecToken } from './model';
export type { ConditionalBlock, ConditionalBranch, ConditionalDirective, ConditionalKind } from './conditionals';
export { expandMacros, type MacroKeyword, type MacroScope, type SpecMacroDefinition } from './macros';
export { KNOWN_SECTION_NAMES, sectionTypeOf, type SectionType } from './sectionNames';
export { packageQualifierFromHeader, type PackageQualifier } from './packageQualifier';
