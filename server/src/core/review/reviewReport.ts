// How a review is printed: text for a terminal, JSON for bots, and Markdown for a pull-request comment — a
// summary table, then one collapsed section per component with its config and spec diffs, kept within a size
// budget (GitHub refuses comments over 65,536 characters): diffs are cut first, then whole sections are left
// out, and the comment says so.
import type { ComponentChange, RenderFailures, ReviewResult } from './componentChanges';

export interface ReviewHeader {
  base: string;
  head: string;
}

/** Where the render fails: ", render fails at the head", "… at the base", "… on both sides", or ''. */
function failureSummary(f: RenderFailures | undefined): string {
  if (f?.base && f.head) return ', render fails on both sides';
  if (f?.head) return ', render fails at the head';
  if (f?.base) return ', render fails at the base';
  return '';
}

/** One line per failure, saying which side and that azldev writes only its failure marker there. */
function failureLines(f: RenderFailures | undefined): string[] {
  const out: string[] = [];
  for (const [side, list] of [['the base', f?.base], ['the head', f?.head]] as const) {
    for (const m of list ?? []) out.push(`render fails at ${side} (azldev writes RENDER_FAILED): ${m}`);
  }
  return out;
}

function specSummary(c: ComponentChange): string {
  switch (c.spec.status) {
    case 'unchanged':
      return `spec unchanged${failureSummary(c.spec.failures)}`;
    case 'changed':
      return `spec changed${c.spec.files.length ? ` (+${c.spec.files.length} file${c.spec.files.length === 1 ? '' : 's'})` : ''}${failureSummary(c.spec.failures)}`;
    case 'not-checked':
      return 'spec not checked';
  }
}

function counts(result: ReviewResult): { config: number; spec: number; unchecked: number } {
  let config = 0;
  let spec = 0;
  let unchecked = 0;
  for (const c of result.components) {
    if (c.configDiff !== '') config++;
    if (c.spec.status === 'changed') spec++;
    if (c.spec.status === 'not-checked') unchecked++;
  }
  return { config, spec, unchecked };
}

export function summaryLine(result: ReviewResult): string {
  const n = counts(result);
  const k = result.components.length;
  return `${k} component${k === 1 ? '' : 's'} affected of ${result.compared}: ${n.config} effective config${n.config === 1 ? '' : 's'} changed, ${n.spec} effective spec${n.spec === 1 ? '' : 's'} changed, ${n.unchecked} spec${n.unchecked === 1 ? '' : 's'} not checked`;
}

export function reviewText(result: ReviewResult, header: ReviewHeader): string {
  const out: string[] = [`Review of ${header.base} .. ${header.head}`, summaryLine(result), ''];
  for (const c of result.components) {
    out.push(`== ${c.name} (${c.change}; ${c.configDiff !== '' ? 'config changed' : 'config unchanged'}; ${specSummary(c)})`);
    if (c.configDiff !== '') out.push(c.configDiff.trimEnd());
    if (c.spec.status !== 'not-checked') out.push(...failureLines(c.spec.failures));
    if (c.spec.status === 'changed') {
      if (c.spec.diff !== '') out.push(c.spec.diff.trimEnd());
      for (const f of c.spec.files) out.push(f.diff ? f.diff.trimEnd() : `Binary file ${f.name} ${f.change}`);
    } else if (c.spec.status === 'not-checked') out.push(`spec not checked: ${c.spec.reason}`);
    out.push('');
  }
  return out.join('\n') + '\n';
}

export function reviewJson(result: ReviewResult, header: ReviewHeader): string {
  const n = counts(result);
  return (
    JSON.stringify(
      {
        base: header.base,
        head: header.head,
        compared: result.compared,
        affected: result.components.length,
        configChanged: n.config,
        specChanged: n.spec,
        specNotChecked: n.unchecked,
        components: result.components.map((c) => ({
          name: c.name,
          change: c.change,
          configChanged: c.configDiff !== '',
          configDiff: c.configDiff,
          spec: c.spec,
        })),
      },
      null,
      2,
    ) + '\n'
  );
}

/** Backtick fences longer than any run of backticks inside, so a diff cannot close its own block. */
function fence(body: string): string {
  let longest = 2;
  for (const m of body.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const f = '`'.repeat(longest + 1);
  return `${f}diff\n${body.trimEnd()}\n${f}`;
}

function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]<>()#+\-.!|]/g, (c) => `\\${c}`);
}

function cut(diff: string, max: number): string {
  if (diff.length <= max) return diff;
  const kept = diff.slice(0, Math.max(0, max));
  const lines = kept.slice(0, kept.lastIndexOf('\n') + 1);
  return `${lines}... (${diff.length - lines.length} more characters not shown)\n`;
}

function section(c: ComponentChange, diffBudget: number): string {
  const parts: string[] = [];
  const diffs: string[] = [];
  if (c.configDiff !== '') diffs.push(c.configDiff);
  if (c.spec.status === 'changed') {
    if (c.spec.diff !== '') diffs.push(c.spec.diff);
    for (const f of c.spec.files) diffs.push(f.diff ?? `Binary file ${f.name} ${f.change}\n`);
  }
  const each = Math.floor(diffBudget / Math.max(1, diffs.length));
  parts.push(`<details><summary><code>${escapeHtml(c.name)}</code> — ${c.change}, ${c.configDiff !== '' ? 'config changed' : 'config unchanged'}, ${specSummary(c)}</summary>`, '');
  if (c.spec.status === 'not-checked') parts.push(`Spec not checked: ${escapeMd(c.spec.reason)}`, '');
  else for (const line of failureLines(c.spec.failures)) parts.push(escapeMd(cut(line, 2000)), '');
  for (const d of diffs) parts.push(fence(cut(d, each)), '');
  parts.push('</details>');
  return parts.join('\n');
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
}

/** The Markdown comment, at most `budget` characters. */
export function reviewMarkdown(result: ReviewResult, header: ReviewHeader, budget = 60_000): string {
  const head = [
    '### Distro TOML review',
    '',
    `Comparing \`${header.base}\` with \`${header.head}\`: ${summaryLine(result)}.`,
    '',
  ];
  if (result.components.length === 0) return [...head, 'No component’s effective config or effective spec changes.', ''].join('\n');
  const table = ['| component | change | config | spec |', '| --- | --- | --- | --- |'];
  const tableRows = result.components.map((c) => `| \`${escapeHtml(c.name)}\` | ${c.change} | ${c.configDiff !== '' ? 'changed' : '—'} | ${c.spec.status === 'changed' ? 'changed' : c.spec.status === 'not-checked' ? 'not checked' : '—'}${c.spec.status !== 'not-checked' && c.spec.failures?.head ? ' (render fails)' : ''} |`);
  const footer = (left: number) => (left > 0 ? `\n${left} more component${left === 1 ? '' : 's'} not shown here (size limit); run \`distro-toml review\` locally for all of them.\n` : '');
  const reserve = 200;
  let out = head.join('\n') + '\n';
  let shownRows = 0;
  for (const row of tableRows) {
    const withTable = (shownRows === 0 ? table.join('\n') + '\n' : '') + row + '\n';
    if (out.length + withTable.length + reserve > budget / 2) break;
    out += withTable;
    shownRows++;
  }
  if (shownRows < tableRows.length) out += `| … ${tableRows.length - shownRows} more | | | |\n`;
  out += '\n';
  // Each section gets an equal share of what is left, at least enough for its summary line.
  let shown = 0;
  const remaining = () => budget - out.length - reserve;
  for (const c of result.components) {
    const share = Math.max(0, Math.floor(remaining() / Math.max(1, result.components.length - shown)) - 300);
    const s = section(c, share) + '\n\n';
    if (s.length > remaining()) break;
    out += s;
    shown++;
  }
  out += footer(result.components.length - shown);
  return out.length <= budget ? out : out.slice(0, budget);
}
