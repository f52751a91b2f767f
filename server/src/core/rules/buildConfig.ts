// Build rules from azldev's build.go: `check.skip = true` needs `check.skip_reason`, and
// `failure.expected = true` needs `failure.expected-reason`. azldev checks these per component when it loads
// the file; a default-component-config is not checked there, so those sites only get a warning.
import type { RuleCode, Severity } from '../diagnostics';
import type { ModelTable } from '../toml';
import type { ComponentConfigSite } from './componentConfigs';
import type { DiagnosticSink } from './diagnosticSink';
import { childTable, readBoolean, readString } from './modelValues';

export function checkBuildConfig(sink: DiagnosticSink, site: ComponentConfigSite): void {
  const build = childTable(site.table, 'build');
  if (!build) return;
  const severity: Severity = site.kind === 'component' ? 'error' : 'warning';
  requireReason(sink, severity, childTable(build, 'check'), 'skip', 'skip_reason', 'check', 'build-skip-reason-required', site,
    'why %check is disabled, e.g. `skip_reason = "tests need network access"`');
  requireReason(sink, severity, childTable(build, 'failure'), 'expected', 'expected-reason', 'failure', 'build-expected-reason-required', site,
    'why the build is expected to fail, e.g. `expected-reason = "needs a newer toolchain"`');
}

function requireReason(
  sink: DiagnosticSink,
  severity: Severity,
  table: ModelTable | undefined,
  flag: string,
  reasonKey: string,
  prefix: string,
  code: RuleCode,
  site: ComponentConfigSite,
  hint: string,
): void {
  if (!table) return;
  const flagRead = readBoolean(table, flag);
  if (flagRead.state !== 'value' || !flagRead.value) return;
  const reason = readString(table, reasonKey);
  if (reason.state === 'wrong-type' || (reason.state === 'value' && reason.value !== '')) return;
  const inherited = site.kind === 'component' ? '' : ' (azldev only enforces this on components, but every component inheriting it is affected)';
  sink.report(
    severity,
    reason.state === 'value' ? reason.span : table.span,
    code,
    `${prefix}.${reasonKey} is required when ${prefix}.${flag} is true (${site.label})${inherited}; add ${hint}.`,
    { field: reasonKey, table: `build.${prefix}` },
  );
}
