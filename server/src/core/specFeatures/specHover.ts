// Hover on a macro use in a spec: where the spec defines it and with what body, the tag it stands for, the
// setting of azldev's generated macros file it comes from, or one line on what a common rpm macro is.
import type { Span } from '../diagnostics';
import type { SpecDocument, SpecMacroDefinition } from '../spec';
import { buildConditionAt, type BuildCondition } from './buildConditions';
import type { GeneratedMacro } from './generatedMacros';
import { resolveMacro } from './macroResolution';
import { macroUseAt } from './macroUses';

export interface SpecHover {
  markdown: string;
  span: Span;
}

/** Where a TOML setting is, for a link: the file's URI, its path as the user reads it, and the 1-based line. */
export interface SettingLink {
  uri: string;
  label: string;
  line: number;
}

/** How many lines of a long definition the hover shows. */
const MAX_BODY_LINES = 12;

function definitionText(doc: SpecDocument, d: SpecMacroDefinition): string {
  const lines = doc.lines.slice(d.line, d.endLine + 1).map((l) => l.text);
  const shown = lines.slice(0, MAX_BODY_LINES);
  if (lines.length > shown.length) shown.push(`… (${lines.length - shown.length} more lines)`);
  return shown.join('\n');
}

function fence(text: string): string {
  const ticks = text.includes('```') ? '````' : '```';
  return `${ticks}spec\n${text}\n${ticks}`;
}

function generatedLine(g: GeneratedMacro, link: SettingLink | undefined): string {
  const where = link ? ` in [${link.label}:${link.line}](${link.uri}#L${link.line})` : '';
  return `set to \`${g.value}\` by \`${g.setting}\`${where}, through \`${g.fileName}\`, the macros file azldev generates and loads at the top of the spec`;
}

function conditionHover(c: BuildCondition, linkOf: (g: GeneratedMacro) => SettingLink | undefined): string {
  const title = `**build condition \`${c.use.name}\`**`;
  const d = c.declaration;
  if (!d) {
    const switched = c.switchedBy ? ` ${generatedLine(c.switchedBy, linkOf(c.switchedBy))}.` : '';
    return `${title} — not declared by a \`%bcond\` in this spec.${switched}`;
  }
  const declared = `\`${d.keyword} ${c.use.name}\` at line ${d.line + 1}`;
  if (c.switchedBy) {
    const g = c.switchedBy;
    const link = linkOf(g);
    const where = link ? ` in [${link.label}:${link.line}](${link.uri}#L${link.line})` : '';
    return `${title} — **${c.on ? 'on' : 'off'}** in azldev's build: \`${g.setting}\`${where} puts \`%${g.name}\` in \`${g.fileName}\`; declared ${d.defaultOn ? 'on' : 'off'} by default by ${declared}.`;
  }
  const turn = d.defaultOn ? `\`build.without = ["${c.use.name}"]\` would turn it off` : `\`build.with = ["${c.use.name}"]\` would turn it on`;
  return `${title} — **${c.on ? 'on' : 'off'}**: the default of ${declared}; ${turn}.`;
}

/**
 * The hover for the macro use or build condition at `offset`; `generated` are the macros of azldev's generated file (for a
 * rendered preview), `linkOf` turns their settings' places into links.
 */
export function specHover(
  doc: SpecDocument,
  offset: number,
  generated: readonly GeneratedMacro[] = [],
  linkOf: (g: GeneratedMacro) => SettingLink | undefined = () => undefined,
): SpecHover | undefined {
  const condition = buildConditionAt(doc, offset, generated);
  if (condition) return { markdown: conditionHover(condition, linkOf), span: condition.use.nameSpan };
  const use = macroUseAt(doc, offset);
  if (!use) return undefined;
  const resolved = resolveMacro(doc, use.name, use.line, generated);
  if (!resolved) return undefined;
  const title = `**\`%{${use.name}}\`**`;
  const { origin } = resolved;
  let markdown: string;
  switch (origin.kind) {
    case 'definition': {
      const d = origin.definition;
      const what = d.keyword === '%undefine' ? `undefined by \`%undefine\` at line ${d.line + 1}` : `\`${d.keyword}\` at line ${d.line + 1}`;
      markdown = `${title} — ${what}\n\n${fence(definitionText(doc, d))}`;
      if (resolved.alsoGenerated) markdown += `\n\nBefore that, ${generatedLine(resolved.alsoGenerated, linkOf(resolved.alsoGenerated))}.`;
      break;
    }
    case 'tag':
      markdown = `${title} — the \`${origin.tag.name}:\` tag at line ${origin.tag.line + 1}: \`${origin.tag.value}\``;
      break;
    case 'generated':
      markdown = `${title} — ${generatedLine(origin.macro, linkOf(origin.macro))}.`;
      break;
    case 'builtin':
      markdown = `${title} — rpm: ${origin.note}.`;
      break;
  }
  return { markdown, span: use.span };
}
