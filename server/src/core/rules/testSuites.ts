// `[test-suites]` rules from azldev's configfile.go and testsuite.go: a suite name is a safe file name (it
// names a venv directory), `type` is pytest or lisa, each type has only its own subtable (pytest requires
// one), an install mode that installs needs `working-dir`, and a [lisa] table pins its framework to a full
// commit and lists test cases.
import type { Span } from '../diagnostics';
import type { ModelEntry, ModelTable } from '../toml';
import type { DiagnosticSink } from './diagnosticSink';
import { filenameProblem } from './goPaths';
import { goBackquote as bq } from './goUrl';
import { asTable, childTable, readArray, readString, type Read } from './modelValues';
import { tableAnchor, type Finding } from './resources';

const INSTALL_MODES = ['pyproject', 'requirements', 'none'];

const fieldOr = (read: Read<string>, fallback: Span): Span => (read.state === 'value' ? read.span : fallback);

/** The span of a subtable: its header or braces, or its key when dotted. */
function subtableAnchor(table: ModelTable, key: string): Span {
  const entry = table.entries.get(key) as ModelEntry;
  return tableAnchor(entry);
}

function pytestFindings(name: string, pytest: ModelTable, anchor: Span): Finding[] {
  const out: Finding[] = [];
  const install = readString(pytest, 'install');
  if (install.state === 'wrong-type') return out;
  const mode = install.state === 'value' && install.value !== '' ? install.value : 'none';
  if (!INSTALL_MODES.includes(mode) && install.state === 'value') {
    out.push({
      span: install.span,
      code: 'test-suite-invalid-install-mode',
      message: `test suite ${bq(name)}: invalid install mode: ${bq(mode)}; allowed values: \`pyproject\`, \`requirements\`, \`none\` (or omit for default \`none\`)`,
    });
    return out;
  }
  const workingDir = readString(pytest, 'working-dir');
  if (mode !== 'none' && workingDir.state !== 'wrong-type' && (workingDir.state === 'absent' || workingDir.value === '')) {
    out.push({
      span: fieldOr(workingDir, anchor),
      code: 'test-suite-working-dir-required',
      message: `test suite ${bq(name)}: missing required test field: 'working-dir' is required when install mode is ${bq(mode)}; set it to the directory holding the ${mode === 'pyproject' ? 'pyproject.toml' : 'requirements.txt'}`,
    });
  }
  return out;
}

function lisaFindings(name: string, lisa: ModelTable, anchor: Span): Finding[] {
  const out: Finding[] = [];
  const context = `test suite ${bq(name)} lisa.framework`;
  const frameworkEntry = lisa.entries.get('framework');
  const framework = asTable(frameworkEntry?.node);
  if (!frameworkEntry || framework) {
    const frameworkAnchor = frameworkEntry ? tableAnchor(frameworkEntry) : anchor;
    const gitUrl = readString(framework, 'git-url');
    const ref = readString(framework, 'ref');
    if (gitUrl.state === 'absent' || (gitUrl.state === 'value' && gitUrl.value === '')) {
      out.push({ span: fieldOr(gitUrl, frameworkAnchor), code: 'test-suite-git-url-required', message: `missing required test field: ${context} requires 'git-url'` });
    }
    if (ref.state === 'absent' || (ref.state === 'value' && ref.value === '')) {
      out.push({ span: fieldOr(ref, frameworkAnchor), code: 'test-suite-ref-required', message: `missing required test field: ${context} requires 'ref'; pin the framework to a full 40-hex-digit commit` });
    } else if (ref.state === 'value') {
      const r = ref.value;
      // validateCommitSHA counts bytes, as Go's len does.
      const bytes = new TextEncoder().encode(r).length;
      if (bytes !== 40) out.push({ span: ref.span, code: 'test-suite-invalid-ref', message: `${context}: invalid git ref: expected 40 hex characters, got ${bytes}: ${bq(r)}` });
      else if (!/^[0-9A-Fa-f]{40}$/.test(r)) out.push({ span: ref.span, code: 'test-suite-invalid-ref', message: `${context}: invalid git ref: not a valid hex string: ${bq(r)}` });
    }
  }
  const cases = readArray(lisa, 'test-cases');
  if (cases.state === 'absent' || (cases.state === 'value' && cases.value.items.length === 0)) {
    out.push({
      span: cases.state === 'value' ? cases.span : anchor,
      code: 'test-suite-test-cases-required',
      message: `missing required test field: test suite ${bq(name)} lisa requires 'test-cases'; list the LISA test case names to run`,
    });
  }
  return out;
}

/** fileutils.ValidateFilename of the name, then TestSuiteConfig.Validate, for one `[test-suites.NAME]`. */
export function testSuiteFindings(name: string, entry: ModelEntry): Finding[] {
  const out: Finding[] = [];
  const nameProblem = filenameProblem(name);
  if (nameProblem) out.push({ span: entry.keySpan, code: 'test-suite-invalid-name', message: `invalid test suite name ${bq(name)}: ${nameProblem}` });
  const suite = asTable(entry.node);
  if (!suite) return out;
  const anchor = tableAnchor(entry);
  const type = readString(suite, 'type');
  if (type.state === 'wrong-type') return out;
  const pytestEntry = suite.entries.get('pytest');
  const lisaEntry = suite.entries.get('lisa');
  const typeName = type.state === 'value' ? type.value : '';
  if (typeName === '') {
    out.push({ span: fieldOr(type, anchor), code: 'test-suite-type-required', message: `missing required test field: test suite ${bq(name)} is missing required field 'type'; set \`type = "pytest"\` or \`type = "lisa"\`` });
    return out;
  }
  const mismatched = (present: ModelEntry | undefined, other: string): void => {
    if (present?.node.type !== 'table') return;
    out.push({ span: subtableAnchor(suite, other), code: 'test-suite-mismatched-subtable', message: `mismatched test subtable: test suite ${bq(name)} of type ${bq(typeName)} must not have a [${other}] subtable` });
  };
  switch (typeName) {
    case 'pytest': {
      if (!pytestEntry) {
        out.push({ span: anchor, code: 'test-suite-pytest-required', message: `missing required test field: test suite ${bq(name)} of type \`pytest\` requires a [pytest] subtable; add e.g. \`pytest = { test-paths = ["tests/"] }\`` });
      } else {
        const pytest = asTable(pytestEntry.node);
        if (pytest) out.push(...pytestFindings(name, pytest, tableAnchor(pytestEntry)));
      }
      mismatched(lisaEntry, 'lisa');
      break;
    }
    case 'lisa': {
      const lisa = asTable(lisaEntry?.node);
      if (lisa && lisaEntry) out.push(...lisaFindings(name, lisa, tableAnchor(lisaEntry)));
      mismatched(pytestEntry, 'pytest');
      break;
    }
    default:
      out.push({ span: type.state === 'value' ? type.span : anchor, code: 'test-suite-unknown-type', message: `unknown test type: ${bq(typeName)} (test suite: ${bq(name)}); use \`pytest\` or \`lisa\`` });
  }
  return out;
}

export function checkTestSuites(sink: DiagnosticSink, root: ModelTable): void {
  for (const [name, entry] of childTable(root, 'test-suites')?.entries ?? []) {
    for (const f of testSuiteFindings(name, entry)) sink.error(f.span, f.code, f.message, { name });
  }
}
