// Editor features for RPM spec documents (rendered previews and `.spec` files): outline, folding, and hover
// and go-to-definition on macro uses. Plain functions over the lossless spec model; no LSP here.
export { buildConditionAt, type BuildCondition, type BuildConditionDeclaration, type BuildConditionUse } from './buildConditions';
export { generatedMacros, type GeneratedMacro } from './generatedMacros';
export { macroUseAt, macroUsesIn, type MacroUse } from './macroUses';
export { resolveMacro, type MacroOrigin, type MacroResolution } from './macroResolution';
export { specDefinition, type SpecDefinitionTarget } from './specDefinition';
export { specFolding, type SpecFold } from './specFolding';
export { specHover, type SettingLink, type SpecHover } from './specHover';
export { specSymbols, type SpecSymbol, type SpecSymbolKind } from './specSymbols';
