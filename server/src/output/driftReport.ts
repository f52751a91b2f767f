// The drift check's report in each output format: text for people (short diffs), JSON for bots (full diffs),
// SARIF 2.1.0 for code scanning, GitHub workflow annotations on the TOML lines the drift comes from, and a
// Markdown PR comment in the shape the tree's own check posts (marker, fix command, counts, collapsed
// per-component diffs) that never grows past its size budget.
import * as path from 'node:path';
import type { ComponentDrift } from '../core/render/drift';
import type { DriftAnnotation } from '../core/render/driftAttribution';
import { VERSION } from '../version';
import { formatAnnotation } from './githubAnnotations';
import { terminalLines } from './terminalText';

export interface DriftedComponent {
  drift: ComponentDrift;
  annotations?: DriftAnnotation[];
  writeError?: string;
}

export interface DriftRun {
  /** Components in this run (this shard). */
  total: number;
  upToDate: number;
  drifted: DriftedComponent[];
  notChecked: { component: string; reason: string }[];
  /** `<letter>/<name>` directories no component produces. */
  orphans: string[];
  shard?: { index: number; count: number };
  /** The rendered-specs-dir as given to the reader (relative to the current directory when inside it). */
  renderedDir: string;
}

export interface DriftCounts {
  components: number;
  upToDate: number;
  stale: number;
  missing: number;
  notChecked: number;
  orphans: number;
  staleFiles: number;
  missingFiles: number;
  extraFiles: number;
}

export function driftCounts(run: DriftRun): DriftCounts {
  const files = run.drifted.flatMap((d) => d.drift.files);
  return {
    components: run.total,
    upToDate: run.upToDate,
    stale: run.drifted.filter((d) => d.drift.status === 'stale').length,
    missing: run.drifted.filter((d) => d.drift.status === 'missing').length,
    notChecked: run.notChecked.length,
    orphans: run.orphans.length,
    staleFiles: files.filter((f) => f.kind === 'stale').length,
    missingFiles: files.filter((f) => f.kind === 'missing').length,
    extraFiles: files.filter((f) => f.kind === 'extra').length,
  };
}

export function summaryLine(run: DriftRun): string {
  const c = driftCounts(run);
  const shard = run.shard ? ` (shard ${run.shard.index + 1}/${run.shard.count})` : '';
  return (
    `${c.components} component(s)${shard}: ${c.upToDate} up to date, ${c.stale} stale, ${c.missing} missing, ${c.notChecked} not checked; ` +
    `${c.orphans} orphan director${c.orphans === 1 ? 'y' : 'ies'} (files: ${c.staleFiles} stale, ${c.missingFiles} missing, ${c.extraFiles} extra)`
  );
}

/** The command that brings the directory up to date, in the words the tree's reviewers know. */
export function fixCommand(run: DriftRun): string {
  const names = [...new Set(run.drifted.map((d) => d.drift.component))].sort();
  if (run.orphans.length > 0 || names.length > 30) return 'azldev component render -a --clean-stale';
  return `azldev component render ${names.join(' ')}`;
}

const TEXT_DIFF_LINES = 40;

function shortDiff(diff: string, maxLines: number): string {
  const lines = diff.endsWith('\n') ? diff.slice(0, -1).split('\n') : diff.split('\n');
  if (lines.length <= maxLines) return lines.join('\n') + '\n';
  return lines.slice(0, maxLines).join('\n') + `\n… ${lines.length - maxLines} more line(s) (--format json has the whole diff)\n`;
}

export function formatText(run: DriftRun): string {
  let out = '';
  for (const d of run.drifted) {
    const what = d.drift.files.map((f) => `${f.file} ${f.kind}`).join(', ');
    out += `${d.drift.status} ${path.posix.join(run.renderedDir, d.drift.dir)}: ${what}\n`;
    for (const n of d.drift.notes) out += `  note: ${n}\n`;
    if (d.writeError) out += `  not written: ${d.writeError}\n`;
    for (const f of d.drift.files) out += shortDiff(f.diff, TEXT_DIFF_LINES);
  }
  for (const o of run.orphans) out += `orphan ${path.posix.join(run.renderedDir, o)}: no component renders into it\n`;
  for (const n of run.notChecked) out += `not checked ${n.component}: ${n.reason.split('\n').join(' ')}\n`;
  return terminalLines(out);
}

export function formatJson(run: DriftRun): string {
  return (
    JSON.stringify(
      {
        summary: driftCounts(run),
        ...(run.shard ? { shard: `${run.shard.index + 1}/${run.shard.count}` } : {}),
        renderedSpecsDir: run.renderedDir,
        fixCommand: run.drifted.length + run.orphans.length > 0 ? fixCommand(run) : null,
        components: run.drifted.map((d) => ({
          component: d.drift.component,
          dir: d.drift.dir,
          status: d.drift.status,
          files: d.drift.files,
          notes: d.drift.notes,
          ...(d.annotations ? { sources: d.annotations.map((a) => ({ file: a.file, line: a.line, endLine: a.endLine, message: a.message })) } : {}),
          ...(d.writeError ? { writeError: d.writeError } : {}),
        })),
        orphans: run.orphans,
        notChecked: run.notChecked,
      },
      null,
      2,
    ) + '\n'
  );
}

const RULES = [
  { id: 'rendered-file-stale', text: 'A rendered spec or sidecar file differs from what its component renders (rpmautospec and history-derived Release masked).' },
  { id: 'rendered-file-missing', text: 'A file the component renders is not in the rendered-specs-dir (or the whole component directory is missing).' },
  { id: 'rendered-file-extra', text: 'A file in the component directory that its render does not produce.' },
  { id: 'rendered-dir-orphan', text: 'A rendered-spec directory no component of the project produces.' },
  { id: 'component-not-checked', text: "The component's upstream spec could not be had (network, cache, pinned commit gone), so its rendered spec was not checked." },
];

export function formatSarif(run: DriftRun, rel: (file: string) => string): string {
  const results: object[] = [];
  for (const d of run.drifted) {
    for (const f of d.drift.files) {
      results.push({
        ruleId: `rendered-file-${f.kind}`,
        level: 'error',
        message: { text: `${d.drift.component}: ${path.posix.join(d.drift.dir, f.file)} is ${f.kind}${f.kind === 'stale' ? ` (differs from its render)` : f.kind === 'missing' ? ' (rendered, not committed)' : ' (committed, not rendered)'}` },
        locations: [{ physicalLocation: { artifactLocation: { uri: path.posix.join(run.renderedDir, d.drift.dir, f.file) } } }],
        ...(d.annotations?.length
          ? {
              relatedLocations: d.annotations.map((a, i) => ({
                id: i,
                message: { text: a.message },
                physicalLocation: { artifactLocation: { uri: rel(a.file) }, region: { startLine: a.line, endLine: a.endLine } },
              })),
            }
          : {}),
        properties: { component: d.drift.component, diff: f.diff },
      });
    }
  }
  for (const o of run.orphans) {
    results.push({
      ruleId: 'rendered-dir-orphan',
      level: 'error',
      message: { text: `${path.posix.join(run.renderedDir, o)}: no component renders into this directory` },
      locations: [{ physicalLocation: { artifactLocation: { uri: path.posix.join(run.renderedDir, o) } } }],
    });
  }
  for (const n of run.notChecked) {
    results.push({ ruleId: 'component-not-checked', level: 'note', message: { text: `${n.component}: not checked: ${n.reason}` }, properties: { component: n.component } });
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'distro-toml', version: VERSION, informationUri: 'https://github.com/microsoft/azure-linux-dev-tools', rules: RULES.map((r) => ({ id: r.id, shortDescription: { text: r.text } })) } },
        results,
        properties: driftCounts(run),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

export function formatGithub(run: DriftRun, rel: (file: string) => string): string {
  let out = '';
  for (const d of run.drifted) {
    for (const a of d.annotations ?? []) out += formatAnnotation({ level: 'error', file: rel(a.file), line: a.line, endLine: a.endLine, title: `rendered spec ${d.drift.status}: ${d.drift.component}`, message: a.message });
  }
  for (const o of run.orphans) {
    out += formatAnnotation({ level: 'error', file: path.posix.join(run.renderedDir, o), title: 'orphan rendered-spec directory', message: `no component renders into ${path.posix.join(run.renderedDir, o)}; remove it (azldev component render -a --clean-stale)` });
  }
  if (run.notChecked.length > 0) {
    const names = run.notChecked.slice(0, 20).map((n) => n.component).join(', ');
    out += formatAnnotation({ level: 'warning', title: 'components not checked', message: `${run.notChecked.length} component(s) not checked (upstream spec not at hand): ${names}${run.notChecked.length > 20 ? ', …' : ''}` });
  }
  return out;
}

export const COMMENT_MARKER = '<!-- distro-toml:rendered-spec-check -->';
/** GitHub refuses comments over 65,536 characters. */
export const DEFAULT_MARKDOWN_BUDGET = 60_000;
/** No one component's block takes more than this, so one huge diff cannot crowd out the others. */
const COMPONENT_BLOCK_MAX = 8_000;
const SAFE_PATH = /^[A-Za-z0-9._/+~-]+$/;

function safePath(p: string): string {
  if (!SAFE_PATH.test(p)) return '(path with unusual characters not shown)';
  return p.length > 200 ? `${p.slice(0, 180)}…` : p;
}

function fenceFor(text: string): string {
  let longest = 0;
  for (const m of text.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return '`'.repeat(Math.max(3, longest + 1));
}

function componentBlock(d: DriftedComponent, renderedDir: string): string {
  const dir = safePath(path.posix.join(renderedDir, d.drift.dir));
  const summary = d.drift.files.map((f) => `${f.kind} ${safePath(f.file)}`).join(', ');
  let body = '';
  for (const f of d.drift.files) {
    const room = COMPONENT_BLOCK_MAX - body.length - 400;
    if (room <= 0) {
      body += `*… ${d.drift.files.length - d.drift.files.indexOf(f)} more file(s) not shown*\n\n`;
      break;
    }
    const diff = f.diff.length > room ? f.diff.slice(0, f.diff.lastIndexOf('\n', room) + 1) + `… (diff cut at ${room} characters)\n` : f.diff;
    const fence = fenceFor(diff);
    body += `${fence}diff\n${diff.endsWith('\n') ? diff : diff + '\n'}${fence}\n\n`;
  }
  return `<details>\n<summary><code>${dir}</code> — ${d.drift.status}: ${summary}</summary>\n\n${body}</details>\n`;
}

/** The PR comment; its length never exceeds `budget` characters. */
export function formatMarkdown(run: DriftRun, budget = DEFAULT_MARKDOWN_BUDGET): string {
  const c = driftCounts(run);
  const clean = run.drifted.length === 0 && run.orphans.length === 0;
  const head: string[] = [COMMENT_MARKER];
  if (clean) {
    head.push('## 📄✅ Rendered specs are up to date', '', `${c.upToDate} component(s) checked${run.shard ? ` (shard ${run.shard.index + 1}/${run.shard.count})` : ''}.`);
  } else {
    head.push(
      '## 📄❌ Rendered specs are out of date',
      '',
      '**FIX:** run this and commit the result:',
      '',
      '```bash',
      fixCommand(run),
      '```',
      '',
      'or, without mock (keeps the committed rpmautospec parts):',
      '',
      '```bash',
      'distro-toml render --all --check --write',
      '```',
    );
  }
  head.push(
    '',
    '| | count |',
    '|---|---|',
    `| components stale | ${c.stale} |`,
    `| components missing | ${c.missing} |`,
    `| orphan directories | ${c.orphans} |`,
    `| files stale / missing / extra | ${c.staleFiles} / ${c.missingFiles} / ${c.extraFiles} |`,
    `| components up to date | ${c.upToDate} |`,
    `| components not checked (upstream spec not at hand) | ${c.notChecked} |`,
    '',
  );
  let out = head.join('\n') + '\n';
  // Room kept for the closing lines (the "… more" notes and the not-checked summary).
  const reserve = 1_500;
  if (out.length + reserve > budget) return out.slice(0, budget);
  let shown = 0;
  for (const d of run.drifted) {
    const block = componentBlock(d, run.renderedDir);
    if (out.length + block.length + reserve > budget) break;
    out += block;
    shown++;
  }
  if (shown < run.drifted.length) out += `\n*… and ${run.drifted.length - shown} more component(s) — comment size limit reached; run \`distro-toml render --all --check\` to see all.*\n`;
  if (run.orphans.length > 0) {
    out += '\n### Directories to remove\n\n';
    let listed = 0;
    for (const o of run.orphans) {
      const line = `- \`${safePath(path.posix.join(run.renderedDir, o))}\`\n`;
      if (out.length + line.length + 400 > budget || listed >= 50) break;
      out += line;
      listed++;
    }
    if (listed < run.orphans.length) out += `- … and ${run.orphans.length - listed} more\n`;
  }
  if (run.notChecked.length > 0) {
    const names = run.notChecked.slice(0, 10).map((n) => `\`${safePath(n.component)}\``).join(', ');
    out += `\n${run.notChecked.length} component(s) were **not checked** because their upstream spec was not at hand (${names}${run.notChecked.length > 10 ? ', …' : ''}); they did not pass.\n`;
  }
  return out.length > budget ? out.slice(0, budget) : out;
}
