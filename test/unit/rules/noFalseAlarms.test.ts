// What azldev's loader accepts, we accept: fields its generated schema marks `required` but its code never
// requires (the merge supplies them, or nothing reads them) give no diagnostic — with our bundled schema and
// with the vendored azldev schema of the real tree, which still lists them as required.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { createLanguageService } from '../../../server/src/core/languageService';
import { memoryProjectFs } from '../../support/memoryService';
import { CORPUS_ROOT, SCHEMAS_DIR } from '../../support/paths';

const VENDORED = fs.readFileSync(path.join(CORPUS_ROOT, 'external/schemas/azldev.schema.json'), 'utf8');
const ROOT = '/p/azldev.toml';
const COMP = '/p/comps/a.comp.toml';

function diagnostics(schema: 'bundled' | 'workspace', rootText: string, compText: string): string[] {
  const files = { [ROOT]: rootText, [COMP]: compText, '/p/external/schemas/azldev.schema.json': VENDORED };
  const service = createLanguageService({ fs: memoryProjectFs(files), schema, bundledSchemaDir: SCHEMAS_DIR, lint: false });
  assert.equal(service.schemaFor(ROOT).kind, schema);
  const { diagnostics } = service.checkProject('/p');
  return diagnostics.map((d) => `${path.basename(d.file)}: ${d.code} ${d.message}`);
}

const DISTROS =
  'includes = ["comps/*.comp.toml"]\n\n[project]\ndefault-distro = { name = "fedora", version = "43" }\n\n' +
  '[distros.fedora]\ndefault-version = "43"\n\n[distros.fedora.versions.43]\nrelease-ver = "43"\n' +
  'default-component-config = { spec = { type = "upstream", upstream-distro = { name = "fedora", version = "43" } } }\n';

/** Each case is a file azldev loads and resolves; the vendored schema's `required` says otherwise. */
const ACCEPTED: { name: string; root?: string; comp: string }[] = [
  { name: 'a component spec with no type (inherited from the distro default)', comp: '[components.a]\nspec = { upstream-distro = { name = "fedora", version = "43" } }\n' },
  { name: 'a component spec with only upstream-distro.version (name inherited)', comp: '[components.a]\nspec = { type = "upstream", upstream-distro = { version = "43" } }\n' },
  { name: 'a spec table with no type, as a [header]', comp: '[components.a.spec.upstream-distro]\nversion = "43"\n' },
  { name: 'a distro version without release-ver', root: DISTROS.replace('release-ver = "43"\n', ''), comp: '[components.a]\n' },
  { name: 'a distro repository without base-uri (nothing reads repos)', root: DISTROS.replace('[distros.fedora]\n', '[distros.fedora]\nrepos = [{}]\n'), comp: '[components.a]\n' },
  {
    name: 'a project default-distro with no name in one file, the name in the next (merged)',
    root: DISTROS.replace('default-distro = { name = "fedora", version = "43" }', 'default-distro = { version = "43" }'),
    comp: '[project]\ndefault-distro = { name = "fedora" }\n\n[components.a]\n',
  },
];

describe('no false alarms on what azldev accepts', () => {
  for (const c of ACCEPTED) {
    for (const schema of ['bundled', 'workspace'] as const) {
      it(`${c.name} (${schema} schema)`, () => {
        assert.deepEqual(diagnostics(schema, c.root ?? DISTROS, c.comp), []);
      });
    }
  }

  it('still reports what azldev does require: an overlay type, an origin type, a metadata url', () => {
    const comp =
      '[components.a]\n[[components.a.overlays]]\ndescription = "d"\nregex = "x"\n' +
      '[[components.a.source-files]]\nfilename = "a.tar.gz"\nhash = "00"\nhash-type = "SHA256"\norigin = {}\n';
    for (const schema of ['bundled', 'workspace'] as const) {
      const found = diagnostics(schema, DISTROS, comp);
      assert.ok(found.some((d) => /schema-missing-key Missing required key 'type' in 'components\.a\.overlays\[0\]'/.test(d)), found.join('\n'));
      assert.ok(found.some((d) => /schema-missing-key Missing required key 'type' in 'components\.a\.source-files\[0\]\.origin'/.test(d)), found.join('\n'));
    }
  });
});
