// `--rule CODE=LEVEL`: one rule's level for this run, checked against the rule catalog.
import { RULE_LEVELS, isRuleLevel, type RuleLevel } from './core/houseRules/levels';
import { RULE_CODES, isRuleCode, type RuleCode } from './core/ruleCatalog';
import { closest } from './core/schema/suggest';

/** The code and level, or the usage error to print. */
export function parseRuleOption(value: string): { code: RuleCode; level: RuleLevel } | string {
  const eq = value.indexOf('=');
  if (eq < 0) return `--rule needs CODE=LEVEL (got '${value}')`;
  const code = value.slice(0, eq).trim();
  const level = value.slice(eq + 1).trim();
  if (!isRuleCode(code)) {
    const near = closest(code, RULE_CODES);
    return `--rule: '${code}' is not a rule code${near ? ` (did you mean '${near}'?)` : ''}`;
  }
  if (!isRuleLevel(level)) return `--rule ${code}: the level must be one of ${RULE_LEVELS.join(', ')} (got '${level}')`;
  return { code, level };
}
