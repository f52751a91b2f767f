// Rule levels a team or a user sets per code (`error|warning|information|hint|off`), and how the layers
// combine: the project's `.distro-toml.toml` first, then the editor's `distroToml.rules` or the CLI's
// `--rule CODE=LEVEL`, each later layer overriding the earlier one code by code.
import type { Severity } from '../diagnostics';
import { isRuleCode, type RuleCode } from '../ruleCatalog';

export type RuleLevel = Severity | 'off';

export const RULE_LEVELS: readonly RuleLevel[] = ['error', 'warning', 'information', 'hint', 'off'];

export type RuleLevels = ReadonlyMap<RuleCode, RuleLevel>;

export const NO_LEVELS: RuleLevels = new Map();

export function isRuleLevel(value: unknown): value is RuleLevel {
  return typeof value === 'string' && (RULE_LEVELS as readonly string[]).includes(value);
}

/** Later layers win, code by code. */
export function layerLevels(...layers: (RuleLevels | undefined)[]): RuleLevels {
  const out = new Map<RuleCode, RuleLevel>();
  for (const layer of layers) for (const [code, level] of layer ?? []) out.set(code, level);
  return out;
}

/** `{ CODE: LEVEL }` from settings: entries naming no rule or no level are left out (and listed in `rejected`). */
export function levelsFromObject(raw: unknown): { levels: RuleLevels; rejected: string[] } {
  const levels = new Map<RuleCode, RuleLevel>();
  const rejected: string[] = [];
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [code, level] of Object.entries(raw as Record<string, unknown>)) {
      if (isRuleCode(code) && isRuleLevel(level)) levels.set(code, level);
      else rejected.push(`${code}=${String(level)}`);
    }
  }
  return { levels, rejected };
}
