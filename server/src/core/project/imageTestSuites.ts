// azldev's validateImageTestReferences (project.go): every `tests.test-suites` entry of an image names a
// suite some file of the project defines under `[test-suites]`.
import type { CoreDiagnostic } from '../diagnostics';
import { goBackquote as bq } from '../rules/goUrl';
import { asTable, childTable, readArray, readString } from '../rules/modelValues';
import type { ProjectModel } from './projectModel';

export function imageTestSuiteDiagnostics(model: ProjectModel): CoreDiagnostic[] {
  const out: CoreDiagnostic[] = [];
  const suites = model.unions['test-suites'];
  for (const image of model.unions.images.values()) {
    const refs = readArray(childTable(asTable(image.node), 'tests'), 'test-suites');
    if (refs.state !== 'value') continue;
    for (const item of refs.value.items) {
      // A reference without a `name` is the schema's (TestSuiteRef requires it).
      const name = readString(asTable(item), 'name');
      if (name.state !== 'value' || suites.has(name.value)) continue;
      out.push({
        file: image.file,
        span: name.span,
        severity: 'error',
        code: 'project-undefined-test-suite',
        message: `undefined test suite reference: image ${bq(image.name)} references test suite ${bq(name.value)}, which is not defined in [test-suites]${suites.size ? ` (defined: ${[...suites.keys()].join(', ')})` : ''}`,
        data: { name: name.value, candidates: [...suites.keys()] },
      });
    }
  }
  return out;
}
