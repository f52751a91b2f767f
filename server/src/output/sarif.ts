// SARIF 2.1.0 logs that code scanning can track: every rule with its descriptions, help and default level;
// results located relative to a base URI (`originalUriBaseIds`), with partial fingerprints that survive
// lines moving (they hash the rule, the file and the text of the flagged line, not its number).
import { createHash } from 'node:crypto';

export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

export interface SarifRule {
  id: string;
  /** One line. */
  summary: string;
  /** A paragraph (plain text; Markdown backticks are kept for the `markdown` form). */
  help: string;
  level: SarifLevel;
  tags?: string[];
}

export interface SarifRegion {
  /** 1-based lines and columns; the end column is exclusive. */
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface SarifResult {
  ruleId: string;
  level: SarifLevel;
  message: string;
  /** Relative to the base URI, `/`-separated. */
  uri: string;
  region: SarifRegion;
  /** The text of the flagged line, for the fingerprint. */
  lineText: string;
  related?: { uri: string; region: SarifRegion; message: string }[];
}

export interface SarifRunInput {
  tool: { name: string; version: string; informationUri?: string };
  rules: readonly SarifRule[];
  results: readonly SarifResult[];
  /** An absolute `file:` URI of the directory the result URIs are relative to, ending in `/`. */
  baseUri: string;
  /** The base's name (default `SRCROOT`, as code scanning expects). */
  baseId?: string;
  /** Levels this run used instead of a rule's default (house rules). */
  levelOverrides?: readonly { id: string; level: SarifLevel | 'off' }[];
  notifications?: readonly { level: SarifLevel; text: string }[];
  properties?: Record<string, unknown>;
}

export const FINGERPRINT_KEY = 'distroToml/v1';

function fingerprint(ruleId: string, uri: string, lineText: string, occurrence: number): string {
  return createHash('sha256').update(`${ruleId}\0${uri}\0${lineText.trim().replace(/\s+/g, ' ')}\0${occurrence}`).digest('hex').slice(0, 32);
}

/** `guide-overlay-description` → `GuideOverlayDescription` (SARIF's rule `name`). */
function ruleName(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase());
}

function plain(markdown: string): string {
  return markdown.replace(/`([^`]*)`/g, "'$1'");
}

export function sarifLog(run: SarifRunInput): object {
  const baseId = run.baseId ?? 'SRCROOT';
  const ruleIndex = new Map(run.rules.map((r, i) => [r.id, i]));
  const seen = new Map<string, number>();
  const location = (uri: string, region: SarifRegion) => ({ physicalLocation: { artifactLocation: { uri, uriBaseId: baseId }, region } });
  const overrides = (run.levelOverrides ?? []).filter((o) => ruleIndex.has(o.id));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: run.tool.name,
            version: run.tool.version,
            semanticVersion: run.tool.version,
            ...(run.tool.informationUri ? { informationUri: run.tool.informationUri } : {}),
            rules: run.rules.map((r) => ({
              id: r.id,
              name: ruleName(r.id),
              shortDescription: { text: plain(r.summary) },
              fullDescription: { text: plain(r.help) },
              help: { text: plain(`${r.summary} ${r.help}`), markdown: `**${r.summary}** ${r.help}` },
              defaultConfiguration: { level: r.level },
              ...(r.tags?.length ? { properties: { tags: r.tags } } : {}),
            })),
          },
        },
        originalUriBaseIds: { [baseId]: { uri: run.baseUri } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: true,
            ...(overrides.length
              ? {
                  ruleConfigurationOverrides: overrides.map((o) => ({
                    descriptor: { id: o.id, index: ruleIndex.get(o.id) },
                    configuration: o.level === 'off' ? { enabled: false } : { level: o.level },
                  })),
                }
              : {}),
            toolExecutionNotifications: (run.notifications ?? []).map((n) => ({ level: n.level, message: { text: n.text } })),
          },
        ],
        ...(run.properties ? { properties: run.properties } : {}),
        results: run.results.map((r) => {
          const key = `${r.ruleId}\0${r.uri}\0${r.lineText.trim()}`;
          const occurrence = seen.get(key) ?? 0;
          seen.set(key, occurrence + 1);
          return {
            ruleId: r.ruleId,
            ...(ruleIndex.has(r.ruleId) ? { ruleIndex: ruleIndex.get(r.ruleId) } : {}),
            level: r.level,
            message: { text: r.message },
            locations: [location(r.uri, r.region)],
            partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(r.ruleId, r.uri, r.lineText, occurrence) },
            ...(r.related?.length ? { relatedLocations: r.related.map((rel, id) => ({ id, ...location(rel.uri, rel.region), message: { text: rel.message } })) } : {}),
          };
        }),
      },
    ],
  };
}
