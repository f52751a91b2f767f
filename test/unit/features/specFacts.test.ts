// The spec facts completion reads: sections, sub-packages as overlays name them, and tags — looked up for a
// component without rendering it, and nothing recorded when its spec is not at hand.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { DocumentCache } from '../../../server/src/core/documentCache';
import { RenderService } from '../../../server/src/core/features/renderPreview';
import { diskFileSystem } from '../../../server/src/core/fs';
import { loadProject } from '../../../server/src/core/project/projectModel';
import { tempProject } from '../../support/paths';

const SPEC = ['Name: hello', 'Version: 1', 'Release: 1', 'Summary: s', 'License: MIT', '', '%description', 'd', '', '%package devel', 'Summary: dev', '%description devel', 'dd', '', '%prep', '', '%build', '', '%files', '', '%files devel', '', '%changelog', ''].join('\n');

test('loadSpecFacts reads the spec of a component with no overlays, and records nothing without one', async () => {
  const dir = tempProject({
    'azldev.toml': 'includes = ["comps/*.comp.toml"]\n[project]\ndefault-distro = { name = "fedora", version = "43" }\n[distros.fedora.versions.43]\n',
    'comps/hello.comp.toml': '[components.hello]\nspec = { type = "local", path = "hello.spec" }\n[components.gone]\nspec = { type = "local", path = "gone.spec" }\n',
    'comps/hello.spec': SPEC,
  });
  const model = loadProject(new DocumentCache(diskFileSystem), path.join(dir, 'azldev.toml'));
  const service = new RenderService({ cacheDir: path.join(dir, '.no-cache'), localCheckouts: [], allowFetch: false });
  assert.equal(await service.loadSpecFacts(model, 'hello', diskFileSystem), true);
  assert.deepEqual(service.specFacts.get('hello'), { sections: ['%description', '%package', '%prep', '%build', '%files', '%changelog'], packages: ['devel'], tags: ['Name', 'Version', 'Release', 'Summary', 'License'] });
  assert.equal(await service.loadSpecFacts(model, 'gone', diskFileSystem), false);
  assert.equal(service.specFacts.get('gone'), undefined);
});
