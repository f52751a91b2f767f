// Parsed TOML documents by path, shared by every caller (include walk, validation, project model,
// features): one parse per text. A document read from the file system stays cached until `forget`
// (the server forgets on file-watcher events); an editor buffer replaces it through `withText`, which
// re-parses incrementally from the document it replaces, taking that document over (its statements after the
// change move into the new one): a document replaced here must not be read again — ask the cache for the
// current one instead of keeping a `CachedDocument` across an edit.
import type { FileSystem } from './fs';
import { parseToml, reparseToml, type ParseOptions, type TomlDocument } from './toml';

export interface CachedDocument {
  path: string;
  text: string;
  doc: TomlDocument;
}

export class DocumentCache {
  private readonly byPath = new Map<string, CachedDocument>();
  /** Bumped whenever a document is parsed anew or forgotten, so dependents know to recompute. */
  generation = 0;

  constructor(
    public fs: FileSystem,
    /** How documents are parsed the first time (a one-shot check records no traces for re-parses). */
    private readonly parseOptions: ParseOptions = {},
  ) {}

  setFileSystem(fs: FileSystem): void {
    this.fs = fs;
    this.byPath.clear();
    this.generation++;
  }

  /** The parsed document at `path`, read through the file system the first time; undefined when unreadable. */
  get(path: string): CachedDocument | undefined {
    const hit = this.byPath.get(path);
    if (hit) return hit;
    const text = this.fs.readFile(path);
    if (text === undefined) return undefined;
    return this.withText(path, text);
  }

  /** The parsed document for `path` with the given text (an open editor buffer). */
  withText(path: string, text: string): CachedDocument {
    const hit = this.byPath.get(path);
    if (hit && hit.text === text) return hit;
    // An edited buffer is re-parsed from its previous document: only the statements around the change.
    const entry = { path, text, doc: hit ? reparseToml(hit.doc, text, { takeOver: true }) : parseToml(text, this.parseOptions) };
    this.byPath.set(path, entry);
    this.generation++;
    return entry;
  }

  forget(path: string): void {
    if (this.byPath.delete(path)) this.generation++;
  }

  forgetAll(): void {
    this.byPath.clear();
    this.generation++;
  }
}
