// The project's house rules: `.distro-toml.toml` beside `azldev.toml`, checked into the tree so the editor
// and CI apply the levels the team agreed on. It is validated like any file we read — an unknown key, rule
// code or level is reported in the file (`house-rules-invalid`) and the rest of it still applies.
//
//   [rules]
//   guide-overlay-description = "off"
//   guide-prefer-targeted = "warning"
import type { CoreDiagnostic } from '../diagnostics';
import { RULE_CODES, isRuleCode, type RuleCode } from '../ruleCatalog';
import { closest } from '../schema/suggest';
import type { TomlDocument } from '../toml';
import { RULE_LEVELS, isRuleLevel, type RuleLevel, type RuleLevels } from './levels';

export const HOUSE_RULES_FILE = '.distro-toml.toml';

export interface HouseRules {
  /** The file's path (whether or not it exists). */
  file: string;
  levels: RuleLevels;
  diagnostics: CoreDiagnostic[];
}

export function readHouseRules(file: string, doc: TomlDocument): HouseRules {
  const diagnostics: CoreDiagnostic[] = doc.errors.map((e) => ({ file, span: e.span, severity: 'error', code: e.code, message: e.message }));
  const levels = new Map<RuleCode, RuleLevel>();
  const invalid = (span: { start: number; end: number }, message: string, data?: Record<string, unknown>) =>
    diagnostics.push({ file, span, severity: 'error', code: 'house-rules-invalid', message, ...(data ? { data } : {}) });
  for (const [key, entry] of doc.root.entries) {
    if (key !== 'rules') {
      invalid(entry.keySpan, `Unknown key '${key}' in ${HOUSE_RULES_FILE}: it holds one table, [rules], of rule code = "level"`);
      continue;
    }
    if (entry.node.type !== 'table') {
      invalid(entry.node.span, `'rules' must be a table of rule code = "level"`);
      continue;
    }
    for (const [code, rule] of entry.node.entries) {
      if (!isRuleCode(code)) {
        const suggestion = closest(code, RULE_CODES);
        invalid(rule.keySpan, `'${code}' is not a rule code${suggestion ? `; did you mean '${suggestion}'?` : ' (the README lists every code)'}`, suggestion ? { suggestion } : undefined);
        continue;
      }
      const value = rule.node.type === 'scalar' && rule.node.syntax.kind === 'string' ? rule.node.syntax.value : undefined;
      if (!isRuleLevel(value)) {
        const suggestion = value === undefined || value === '' ? undefined : (RULE_LEVELS.find((l) => l.startsWith(value.toLowerCase())) ?? closest(value, RULE_LEVELS));
        invalid(rule.node.span, `The level of '${code}' must be one of ${RULE_LEVELS.map((l) => `"${l}"`).join(', ')}${suggestion ? `; did you mean "${suggestion}"?` : ''}`, suggestion ? { suggestion } : undefined);
        continue;
      }
      levels.set(code, value);
    }
  }
  return { file, levels, diagnostics };
}
