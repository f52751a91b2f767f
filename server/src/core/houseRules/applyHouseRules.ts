// The last step before findings leave the core, in the editor and the CLI alike: inline ignore comments
// silence the findings they name, an ignore that silences nothing is reported (`unused-ignore`), then each
// code's level (project file, then settings or CLI) replaces its severity or drops it (`off`).
import type { CoreDiagnostic } from '../diagnostics';
import { RULE_CATALOG, RULE_CODES, isRuleCode, type RuleGroup } from '../ruleCatalog';
import { closest } from '../schema/suggest';
import { markedCommentCount, type CommentNode } from '../toml';
import { findIgnoreComments, lineOf, lineStarts } from './ignoreComments';
import type { RuleLevels } from './levels';

export interface HouseRulesInput {
  file: string;
  /** The file's text, read only when an ignore comment is there (a getter may join an editor buffer then). */
  readonly text: string;
  /** The file's TOML comments; undefined for a file that is not TOML (no ignore comments). */
  comments: readonly CommentNode[] | undefined;
  /** Every finding of the file. */
  diagnostics: readonly CoreDiagnostic[];
  levels: RuleLevels;
  /**
   * Groups of checks that did not (fully) run for this file — the package rules without an index, overlays
   * whose spec was not at hand: an ignore naming one of their codes may be silencing a finding this run
   * could not make, so it is not called unused.
   */
  unjudged?: ReadonlySet<RuleGroup>;
}

export function applyHouseRules(input: HouseRulesInput): CoreDiagnostic[] {
  const { file, levels } = input;
  let kept: CoreDiagnostic[] = [...input.diagnostics];
  // Most files have comments and no ignore comment: no line table for them, and no pass over their comments (the
  // count of those naming distro-toml is kept with the parse; sdk.packages.toml has 17,000 comments).
  if (input.comments && markedCommentCount(input.comments) > 0) {
    const text = input.text;
    const starts = lineStarts(text);
    const ignores = findIgnoreComments(text, input.comments, starts);
    if (ignores.length) {
      const byLine = new Map<number, { code: string; used: boolean }[]>();
      const entries = ignores.map((c) => {
        const list = c.codes.map((k) => ({ ...k, used: false }));
        if (c.targetLine >= 0) byLine.set(c.targetLine, [...(byLine.get(c.targetLine) ?? []), ...list]);
        return { comment: c, list };
      });
      kept = kept.filter((d) => {
        const here = d.file === file ? byLine.get(lineOf(starts, d.span.start)) : undefined;
        const hit = here?.filter((k) => k.code === d.code);
        if (!hit?.length) return true;
        hit.forEach((k) => (k.used = true));
        return false;
      });
      for (const { comment, list } of entries) {
        for (const k of list) {
          if (k.used) continue;
          if (!isRuleCode(k.code)) {
            const suggestion = closest(k.code, RULE_CODES);
            kept.push({
              file,
              span: k.span,
              severity: RULE_CATALOG['unused-ignore'].level,
              code: 'unused-ignore',
              message: `'${k.code}' is not a rule code, so this ignore comment silences nothing${suggestion ? `; did you mean '${suggestion}'?` : ''}`,
              data: { comment: comment.span, ignored: k.code, codes: comment.codes.length, ...(suggestion ? { suggestion } : {}) },
            });
            continue;
          }
          if (levels.get(k.code) === 'off' || input.unjudged?.has(RULE_CATALOG[k.code].group)) continue;
          kept.push({
            file,
            span: k.span,
            severity: RULE_CATALOG['unused-ignore'].level,
            code: 'unused-ignore',
            message:
              comment.targetLine < 0
                ? `ignore[${k.code}] is followed by no line to silence`
                : `ignore[${k.code}] silences nothing: line ${comment.targetLine + 1} has no '${k.code}' finding; remove it so it cannot hide a later one`,
            data: { comment: comment.span, ignored: k.code, codes: comment.codes.length },
          });
        }
      }
    }
  }
  if (!levels.size) return kept;
  const out: CoreDiagnostic[] = [];
  for (const d of kept) {
    const level = levels.get(d.code);
    if (level === undefined) out.push(d);
    else if (level !== 'off') out.push(level === d.severity ? d : { ...d, severity: level });
  }
  return out;
}
