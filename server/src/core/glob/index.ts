// One glob module with doublestar's semantics: validation, matching and file-system expansion.
export { BAD_PATTERN_MESSAGE, containsPattern, validatePattern, type GlobError } from './pattern';
export { compileMatcher, match, pathMatch, type CompiledGlob, type GlobMatcher, type MatchOutcome, type MatchResult } from './match';
export { DEFAULT_GLOB_WORK_LIMIT, compareNames, expandGlob, glob, globPaths, type GlobOptions, type GlobResult } from './expand';
export { fileSystemOfNames } from './nameTree';
export { walkTree, type TreeVisitor } from './walk';
