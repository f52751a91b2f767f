// The project model is merged again only when a walked file's document changed, and archive pairing is computed
// again only when the model or an overlay document it read changed (projectService.ts): a file parsed for the
// first time outside the include walk — an overlay file, an unreached file, the house rules, as the server's scan
// and project diagnostics do at start-up — keeps both. What they answer after each change equals a fresh service's.
// The include walk is kept while every walked file's include list is the same, compared again only after the cache
// parsed or forgot a document, or always while a walked file cannot be read.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FileSystem } from '../../../server/src/core/fs';
import { createLanguageService } from '../../../server/src/core/languageService';
import { memoryProjectFs, memoryService } from '../../support/memoryService';
import { SCHEMAS_DIR } from '../../support/paths';

const ARCHIVE = 'pkg.tar.gz';
const ROOT = 'includes = ["comps/*.comp.toml"]\n[project]\ndefault-distro = { name = "f", version = "1" }\n[distros.f.versions.1]\n';
const SOURCE_FILE = `[[components.curl.source-files]]\nfilename = "${ARCHIVE}"\nhash = "00"\nhash-type = "SHA256"\nreplace-upstream = true\nreplace-reason = "r"\norigin = { type = "overlay" }\n`;
const OVERLAY_FILE = `[metadata]\ncategory = "azl-pruning"\nupstream-status = "inapplicable"\n\n[[overlays]]\ndescription = "d"\ntype = "file-remove"\narchive = "${ARCHIVE}"\nfile = "vendor/**"\n`;
const FILES = {
  '/p/azldev.toml': ROOT,
  '/p/comps/curl.comp.toml': `[components.curl]\noverlay-files = ["curl/*.overlay.toml"]\n${SOURCE_FILE}`,
  '/p/comps/wget.comp.toml': '[components.wget]\n',
  '/p/comps/curl/prune.overlay.toml': OVERLAY_FILE,
  '/p/other/unreached.toml': '[components.zzz]\n',
};
const codes = (diags: { code: string; file: string }[]) => diags.map((d) => `${d.file}: ${d.code}`).sort();

describe('project model and archive pairing kept across parses outside the walk', () => {
  it('keeps the model and the pairing when files outside the walk are parsed, and recomputes them when their input changes', () => {
    const service = memoryService(FILES, { lint: false });
    const model = service.projects.model('/p');
    const pairing = service.projects.archivePairing('/p');
    assert.deepEqual(codes(pairing), [], 'the overlay file pairs with the origin');
    // Parsing files the walk does not reach (the overlay file, an unreached file) is no change of the model.
    assert.ok(service.cache.get('/p/comps/curl/prune.overlay.toml'));
    assert.ok(service.cache.get('/p/other/unreached.toml'));
    service.projects.unreachedFiles('/p');
    assert.equal(service.projects.model('/p'), model, 'the same model object');
    assert.equal(service.projects.archivePairing('/p'), pairing, 'the same pairing');

    // An overlay document the pairing read changes: the pairing is computed again (the model stays).
    service.cache.withText('/p/comps/curl/prune.overlay.toml', OVERLAY_FILE.replace(`archive = "${ARCHIVE}"\n`, ''));
    assert.equal(service.projects.model('/p'), model, 'an overlay file is not part of the model');
    const unpaired = service.projects.archivePairing('/p');
    assert.deepEqual(codes(unpaired), ['/p/comps/curl.comp.toml: archive-overlay-origin-orphaned']);

    // A walked file changes: merged again, with what it now defines.
    service.cache.withText('/p/comps/wget.comp.toml', '[components.wget]\n[components.curl2]\n');
    const merged = service.projects.model('/p');
    assert.notEqual(merged, model);
    assert.ok(merged.unions.components.has('curl2'));

    // The same answers as a service that never saw the earlier states.
    const fresh = memoryService({ ...FILES, '/p/comps/curl/prune.overlay.toml': OVERLAY_FILE.replace(`archive = "${ARCHIVE}"\n`, ''), '/p/comps/wget.comp.toml': '[components.wget]\n[components.curl2]\n' }, { lint: false });
    assert.deepEqual([...fresh.projects.model('/p').unions.components.keys()], [...merged.unions.components.keys()]);
    assert.deepEqual(codes(fresh.projects.archivePairing('/p')), codes(service.projects.archivePairing('/p')));
  });
});

describe('the include walk kept while every include list is the same', () => {
  const flat = (byFile: Map<string, { code: string; file: string }[]>) => codes([...byFile.values()].flat());

  it('walks again at the first question after an include list changed, however often the last state was asked about', () => {
    const service = memoryService(FILES, { lint: false });
    const model = service.projects.model('/p');
    // Every project finding asks for the walk; the cache is unchanged meanwhile.
    service.projectDiagnostics('/p');
    assert.equal(service.projects.model('/p'), model, 'the same model object');
    const widened = ROOT.replace('includes = ["comps/*.comp.toml"]', 'includes = ["comps/*.comp.toml", "other/unreached.toml"]');
    service.cache.withText('/p/azldev.toml', widened);
    assert.ok(service.projects.model('/p').unions.components.has('zzz'), 'the newly included file is walked');
    const fresh = memoryService({ ...FILES, '/p/azldev.toml': widened }, { lint: false });
    assert.deepEqual(flat(service.projectDiagnostics('/p')), flat(fresh.projectDiagnostics('/p')));
  });

  it('reads a walked file that could not be read again at every question, and walks again once it can be', () => {
    const mem = memoryProjectFs(FILES);
    let extra: string | undefined;
    const fs: FileSystem = { ...mem, readFile: (p) => (p === '/p/extra.toml' ? extra : mem.readFile(p)), exists: (p) => (p === '/p/extra.toml' ? extra !== undefined : mem.exists(p)) };
    const service = createLanguageService({ fs, schema: 'bundled', bundledSchemaDir: SCHEMAS_DIR, lint: false });
    service.setExtraConfigFiles(['/p/extra.toml']);
    assert.ok(!service.projects.model('/p').unions.components.has('extra'));
    service.projectDiagnostics('/p');
    service.projects.model('/p');
    // The extra config file appears with nothing else parsed or forgotten since the last question (the cache's generation is the same).
    extra = 'includes = ["other/unreached.toml"]\n[components.extra]\n';
    const model = service.projects.model('/p');
    assert.ok(model.unions.components.has('extra') && model.unions.components.has('zzz'), 'the file and what it includes are walked');
  });
});
