// Public face of the TOML layer: parse text into a TomlDocument, navigate it by path, turn it into JS values.
export type * from './ast';
export type * from './model';
export { hasEditTraces, parseToml, parseTomlStepwise, type ParseOptions } from './parser';
export { parseTomlPieces, reparseToml } from './incremental';
export { textLengthOf } from './treeSource';
export { markedCommentCount } from './markedComments';
export { isEditableList, stringListCounts, stringListCountSteps, stringListTally, type CountedStringList, type StringListTally } from './stringListTally';
export { buildModel, isStatementTable, itemEditCount, itemReplaceCount, lastItemReplacement, layoutEditCount, layoutEditSerial } from './modelBuilder';
export { toJS, toJSShared, TomlDateTime } from './toJS';
export { enclosingHeaderPath, lookup, lookupEntry, nodeAtOffset, stringValueOf } from './navigate';
