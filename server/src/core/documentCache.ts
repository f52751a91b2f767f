// Parsed TOML documents by path, shared by every caller (include walk, validation, project model,
// features): one parse per text. A document read from the file system stays cached until `forget`
// (the server forgets on file-watcher events); an editor buffer replaces it through `withText`, which
// re-parses incrementally from the document it replaces, taking that document over (its statements after the
// change move into the new one): a document replaced here must not be read again — ask the cache for the
// current one instead of keeping a `CachedDocument` across an edit.
import type { FileSystem } from './fs';
import { PieceText } from './text/pieceText';
import { parseToml, parseTomlPieces, reparseToml, type ParseOptions, type TomlDocument } from './toml';

export interface CachedDocument {
  path: string;
  /** The text (an editor buffer kept in pieces is joined on first read: ask `source` or the tree's length first). */
  readonly text: string;
  /** The editor buffer the document was parsed from, when it came in pieces. */
  readonly source?: PieceText;
  doc: TomlDocument;
}

/** A cached document of an editor buffer in pieces, its text joined only when read. */
function fromPieces(path: string, source: PieceText, doc: TomlDocument): CachedDocument {
  return {
    path,
    get text() {
      return source.toString();
    },
    source,
    doc,
  };
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

  /**
   * The parsed document for `path` with the given text (an open editor buffer), which may come in pieces: then
   * the re-parse reads only the changed region, and the text is joined only when some reader asks for it.
   */
  withText(path: string, text: string | PieceText): CachedDocument {
    const hit = this.byPath.get(path);
    // (A string for a buffer whose pieces were already joined: the same text when it is the joined string.)
    if (hit && (hit.source ? text === hit.source || (hit.source.isJoined && hit.text === text) : hit.text === text)) return hit;
    // An edited buffer is re-parsed from its previous document: only the statements around the change.
    const doc = hit ? reparseToml(hit.doc, text, { takeOver: true }) : text instanceof PieceText ? parseTomlPieces(text, this.parseOptions) : parseToml(text, this.parseOptions);
    const entry: CachedDocument = text instanceof PieceText ? fromPieces(path, text, doc) : { path, text, doc };
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
