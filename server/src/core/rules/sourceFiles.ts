// `source-files` rules from azldev's validateSourceFiles (configfile.go): safe unique file names, `hash` only
// with `hash-type`, `replace-upstream` and `replace-reason` together, an origin for every entry, a scheme on
// download URIs, custom-only fields only on `custom` origins, and `replace-upstream = true` for overlay origins.
// azldev checks these on components at load time; in a default-component-config they are only warnings.
import type { RuleCode, Severity, Span } from '../diagnostics';
import type { ModelTable } from '../toml';
import type { ComponentConfigSite } from './componentConfigs';
import type { DiagnosticSink } from './diagnosticSink';
import { filenameProblem } from './goPaths';
import { childArray, childTable, readArray, readBoolean, readString, stringItems, stringValue, tablesOf } from './modelValues';

export function checkSourceFiles(sink: DiagnosticSink, site: ComponentConfigSite): void {
  // Most components list no source files: nothing to allocate for them (7,400 sites on the real tree).
  const sourceFiles = childArray(site.table, 'source-files');
  if (!sourceFiles) return;
  const severity: Severity = site.kind === 'component' ? 'error' : 'warning';
  const report = (span: Span, code: RuleCode, message: string, data?: Record<string, unknown>) =>
    sink.report(severity, span, code, message, data);
  const seen = new Set<string>();

  for (const { table: ref } of tablesOf(sourceFiles)) {
    const filenameRead = readString(ref, 'filename');
    if (filenameRead.state === 'wrong-type') continue;
    // A missing `filename` is the schema's; an empty or unsafe one is azldev's.
    if (filenameRead.state === 'absent') continue;
    const filename = filenameRead.value;
    const q = '`' + filename + '`';
    const where = `source file ${q} in ${site.label}`;

    const problem = filenameProblem(filename);
    if (problem !== undefined) {
      report(filenameRead.span, 'source-file-invalid-filename', `invalid filename ${q} for source file in ${site.label}: ${problem}; use the plain file name as the spec's Source tag names it.`, { field: 'filename' });
      continue;
    }
    if (seen.has(filename)) {
      report(filenameRead.span, 'source-file-duplicate', `duplicate filename ${q} in 'source-files' for ${site.label}; each filename must be unique, so merge or remove this entry.`, { field: 'filename' });
      continue;
    }
    seen.add(filename);

    const hash = readString(ref, 'hash');
    const hashType = readString(ref, 'hash-type');
    if (stringValue(hash) !== undefined && hashType.state !== 'wrong-type' && stringValue(hashType) === undefined) {
      report(hashType.state === 'value' ? hashType.span : ref.span, 'source-file-hash-type-required',
        `hash value specified without hash type for ${where}; 'hash-type' must be set when 'hash' is provided: add \`hash-type = "SHA512"\` (or "SHA256").`,
        { field: 'hash-type' });
    }

    checkReplaceUpstream(ref, where, report);
    const origin = childTable(ref, 'origin');
    checkCustomFields(origin, where, report);
    checkOrigin(ref, origin, where, report);
  }
}

type Report = (span: Span, code: RuleCode, message: string, data?: Record<string, unknown>) => void;

function checkReplaceUpstream(ref: ModelTable, where: string, report: Report): void {
  const replace = readBoolean(ref, 'replace-upstream');
  const reason = readString(ref, 'replace-reason');
  if (replace.state === 'wrong-type' || reason.state === 'wrong-type') return;
  const replacing = replace.state === 'value' && replace.value;
  if (replacing && (reason.state === 'absent' || reason.value.trim() === '')) {
    report(reason.state === 'value' ? reason.span : ref.span, 'source-file-replace-reason-required',
      `${where} has 'replace-upstream = true' but no 'replace-reason'; a non-empty 'replace-reason' is required to document the override: add \`replace-reason = "..."\`.`,
      { field: 'replace-reason' });
  }
  if (!replacing && reason.state === 'value' && reason.value !== '') {
    report(reason.span, 'source-file-replace-reason-unexpected',
      `${where} has 'replace-reason' set but 'replace-upstream' is not true; 'replace-reason' is only valid when 'replace-upstream = true': set it, or remove the reason.`,
      { field: 'replace-reason' });
  }
}

/** validateCustomSourceRef: `script` required for custom origins; script, mock-packages, inputs only there. */
function checkCustomFields(origin: ModelTable | undefined, where: string, report: Report): void {
  if (!origin) return;
  const type = readString(origin, 'type');
  if (type.state === 'wrong-type') return;
  const originType = type.state === 'value' ? type.value : '';
  const script = readString(origin, 'script');
  if (originType === 'custom') {
    if (script.state === 'wrong-type') return;
    if (script.state === 'absent' || script.value === '') {
      report(script.state === 'value' ? script.span : origin.span, 'source-file-script-required',
        `${where} has 'custom' origin but no 'script'; a non-empty 'script' filename is required for 'custom' origin: add \`script = "generate.sh"\` (next to the spec).`,
        { field: 'script' });
      return;
    }
    const problem = filenameProblem(script.value);
    if (problem !== undefined) {
      report(script.span, 'source-file-invalid-script', `invalid 'script' value \`${script.value}\` for ${where}: ${problem}.`, { field: 'script' });
      return;
    }
    const inputs = readArray(origin, 'inputs');
    if (inputs.state !== 'value') return;
    const seen = new Set<string>();
    for (const item of stringItems(inputs.value)) {
      const inputProblem = filenameProblem(item.value);
      if (inputProblem !== undefined) {
        report(item.span, 'source-file-invalid-input', `invalid 'inputs' entry \`${item.value}\` for ${where}: ${inputProblem}.`, { field: 'inputs', index: item.index });
      } else if (seen.has(item.value)) {
        report(item.span, 'source-file-duplicate-input', `duplicate 'inputs' entry \`${item.value}\` for ${where}; each input filename must be unique.`, { field: 'inputs', index: item.index });
      } else if (item.value === script.value) {
        report(item.span, 'source-file-input-is-script', `'inputs' entry \`${item.value}\` for ${where} conflicts with 'script' filename; the script is already copied, so remove it from 'inputs'.`, { field: 'inputs', index: item.index });
      }
      seen.add(item.value);
    }
    return;
  }
  const label = originType === '' ? '``' : '`' + originType + '`';
  for (const key of ['script', 'mock-packages', 'inputs']) {
    const entry = origin.entries.get(key);
    if (!entry) continue;
    const node = entry.node;
    const set = node.type === 'array' ? node.items.length > 0 : node.type === 'scalar' && node.syntax.kind === 'string' ? node.syntax.value !== '' : false;
    if (!set) continue;
    report(node.span, 'source-file-custom-only-field',
      `${where} has '${key}' set but origin type is ${label}; '${key}' is only valid when origin type is 'custom': remove it, or set \`type = "custom"\`.`,
      { field: key });
  }
}

/** validateOrigin and validateOverlayOriginRef. */
function checkOrigin(ref: ModelTable, origin: ModelTable | undefined, where: string, report: Report): void {
  if (!ref.entries.has('origin')) {
    report(ref.span, 'source-file-origin-required',
      `missing 'origin' for ${where}; an origin is required for all source file entries: add e.g. \`origin = { type = "download", uri = "https://..." }\`.`,
      { field: 'origin' });
    return;
  }
  // An origin without a valid `type` is the schema's (Origin requires `type`, an enum).
  const type = readString(origin, 'type');
  if (!origin || type.state !== 'value') return;
  const uri = readString(origin, 'uri');
  if (uri.state === 'wrong-type') return;
  switch (type.value) {
    case 'download':
      if (uri.state === 'absent' || uri.value === '') {
        report(uri.state === 'value' ? uri.span : origin.span, 'source-file-uri-required',
          `missing 'uri' for ${where}; 'uri' is required when 'origin' type is 'download': add \`uri = "https://..."\`.`, { field: 'uri' });
      } else if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(uri.value)) {
        report(uri.span, 'source-file-uri-invalid',
          `invalid 'uri' for ${where}; URI \`${uri.value}\` is missing a scheme (e.g. 'https://').`, { field: 'uri' });
      }
      break;
    case 'custom':
      if (uri.state === 'value' && uri.value !== '') {
        report(uri.span, 'source-file-uri-unexpected',
          `${where} has 'uri' set but origin type is 'custom'; 'uri' is only valid when origin type is 'download': remove it.`, { field: 'uri' });
      }
      break;
    case 'overlay': {
      if (uri.state === 'value' && uri.value !== '') {
        report(uri.span, 'source-file-uri-unexpected',
          `unexpected 'uri' for ${where}; 'uri' must not be set when 'origin' type is 'overlay': remove it.`, { field: 'uri' });
      }
      const replace = readBoolean(ref, 'replace-upstream');
      if (replace.state !== 'wrong-type' && !(replace.state === 'value' && replace.value)) {
        report(replace.state === 'value' ? replace.span : ref.span, 'source-file-overlay-requires-replace-upstream',
          `${where} has 'origin.type = overlay' but 'replace-upstream' is not true; 'replace-upstream = true' is required because the archive already exists in the upstream 'sources' file.`,
          { field: 'replace-upstream' });
      }
      break;
    }
  }
}
