// Differential checks of what completion and hover keep between requests (the parsed schema documents, kept
// until the service's schemas are reloaded; the overlay snippets, built once per schema root, path and header):
// on the real tree's component files, after random edits, at random places, a service and schema store that
// have answered every earlier request give the same answers as fresh ones that never answered any. And a
// schema file changed on disk is read again once the schemas are reloaded, as the server does on a watcher event.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { complete } from '../../../server/src/core/features/completion';
import { hover } from '../../../server/src/core/features/hover';
import { SchemaStore } from '../../../server/src/core/features/schemaWalk';
import { diskFileSystem, memoryFileSystem, type FileSystem } from '../../../server/src/core/fs';
import { createLanguageService } from '../../../server/src/core/languageService';
import { CORPUS_ROOT, SCHEMAS_DIR } from '../../support/paths';
import { prng } from '../../support/prng';

/** The real tree from disk, with the files being edited read from `buffers`. */
function treeFs(buffers: Map<string, string>): FileSystem {
  return { ...diskFileSystem, readFile: (p) => buffers.get(p) ?? diskFileSystem.readFile(p), exists: (p) => buffers.has(p) || diskFileSystem.exists(p) };
}

const FILES = ['base/comps/components.toml', 'base/comps/kernel/kernel.comp.toml', 'base/comps/systemd/systemd.comp.toml'].map((f) => path.join(CORPUS_ROOT, f)).filter((f) => fs.existsSync(f));

/** Edits that open the places completion answers about: new overlay blocks, keys, values, headers. */
const INSERTS = ['\n[[components.zz.overlays]]\n', '\n[components.pyth', '\ntype = "spec-', '\n', 'section = "%', '\n[[components.zz.overlays]]\ntype = "spec-add-tag"\n', ' = '];

describe('completion and hover caches against fresh answers (real tree, random edits)', () => {
  it('gives what a fresh service and schema store give, after every edit', () => {
    assert.ok(FILES.length >= 2, 'corpus component files');
    const random = prng(15);
    const buffers = new Map<string, string>();
    const kept = createLanguageService({ fs: treeFs(buffers), schema: 'bundled', bundledSchemaDir: SCHEMAS_DIR, cwd: CORPUS_ROOT });
    const keptSchemas = new SchemaStore(SCHEMAS_DIR);
    let compared = 0;
    let withItems = 0;
    for (const file of FILES) {
      let text = fs.readFileSync(file, 'utf8');
      for (let edit = 0; edit < 12; edit++) {
        const at = Math.floor(random() * text.length);
        const insert = INSERTS[Math.floor(random() * INSERTS.length)] as string;
        text = random() < 0.2 ? text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(random() * 40))) : text.slice(0, at) + insert + text.slice(at);
        buffers.set(file, text);
        const fresh = createLanguageService({ fs: treeFs(buffers), schema: 'bundled', bundledSchemaDir: SCHEMAS_DIR, cwd: CORPUS_ROOT });
        // Where the edit landed, and just after its text: the places a user would ask.
        for (const offset of [at, Math.min(text.length, at + insert.length), Math.floor(random() * text.length)]) {
          const mine = complete({ service: kept, schemas: keptSchemas }, file, text, offset);
          const theirs = complete({ service: fresh, schemas: new SchemaStore(SCHEMAS_DIR) }, file, text, offset);
          assert.deepEqual(mine, theirs, `completion at ${offset} of ${path.basename(file)} after edit ${edit}`);
          assert.deepEqual(hover(kept, file, offset), hover(fresh, file, offset), `hover at ${offset} of ${path.basename(file)} after edit ${edit}`);
          compared++;
          if (mine.items.length) withItems++;
        }
      }
    }
    assert.ok(withItems >= 10, `${withItems} of ${compared} places had something to complete`);
  });

  it('reads a changed workspace schema once the schemas are reloaded, not before', () => {
    const root = '/project';
    const schemaPath = path.join(root, 'schemas', 'azldev.schema.json');
    const bundledText = fs.readFileSync(path.join(SCHEMAS_DIR, 'azldev.schema.json'), 'utf8');
    /** The bundled schema with another description of the project's `description`. */
    const withDescription = (d: string) => {
      const schema = JSON.parse(bundledText) as { $defs: { ProjectInfo: { properties: { description: { description: string } } } } };
      schema.$defs.ProjectInfo.properties.description.description = d;
      return JSON.stringify(schema);
    };
    const written = '[project]\ndescription = "x"\n';
    const files: Record<string, string> = { [path.join(root, 'azldev.toml')]: written, [schemaPath]: withDescription('first words') };
    const mem = memoryFileSystem(files);
    const view: FileSystem = { ...mem, readFile: (p) => (p.startsWith(SCHEMAS_DIR) ? diskFileSystem.readFile(p) : mem.readFile(p)), exists: (p) => (p.startsWith(SCHEMAS_DIR) ? diskFileSystem.exists(p) : mem.exists(p)) };
    const service = createLanguageService({ fs: view, schema: 'workspace', bundledSchemaDir: SCHEMAS_DIR, cwd: root });
    const file = path.join(root, 'azldev.toml');
    const said = () => {
      const key = complete({ service, schemas }, file, '[project]\ndesc', 14).items.find((i) => i.label === 'description');
      service.cache.withText(file, written);
      return [key?.documentation, hover(service, file, written.indexOf('description') + 2)?.markdown.includes('first words')];
    };
    const schemas = new SchemaStore(SCHEMAS_DIR);
    assert.deepEqual(said(), ['first words', true]);
    // Changed on disk: the kept documents stand until the server reloads the schemas (its watcher event).
    (files as Record<string, string>)[schemaPath] = withDescription('second words');
    const changed = memoryFileSystem(files);
    Object.assign(view, { readFile: (p: string) => (p.startsWith(SCHEMAS_DIR) ? diskFileSystem.readFile(p) : changed.readFile(p)) });
    assert.deepEqual(said(), ['first words', true]);
    service.reloadSchemas();
    assert.deepEqual(said(), ['second words', false]);
  });
});
