// Parsed TOML documents by path, shared by every caller (include walk, validation, project model,
// features): one parse per text. A document read from the file system stays cached until `forget`
// (the server forgets on file-watcher events); an editor buffer replaces it through `withText`, which
// re-parses incrementally from the document it replaces, taking that document over (its statements after the
// change move into the new one): a document replaced here must not be read again — ask the cache for the
// current one instead of keeping a `CachedDocument` across an edit. `getStepwise` reads a file parsing it in steps,
// so a caller can let other work run between them (the start-up include walk).
import type { FileSystem } from './fs';
import { PieceText } from './text/pieceText';
import { parseToml, parseTomlPieces, parseTomlStepwise, reparseToml, type ParseOptions, type TomlDocument } from './toml';

/**
 * How much text a step of `getStepwise` parses: 32 K characters, 0.2–3 ms once the parser is optimised and more
 * before (sdk.packages.toml, 984 KB, is then a step reading it, 31 parsing it and 4 building its model).
 */
export const PARSE_STEP_CHARS = 8 * 1024;

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
  /**
   * A token per path being read in steps (getStepwise; reads of the same path share it). Giving the path a text,
   * forgetting it or caching a read drops the token: the reads that held it are void, their parses never cached.
   */
  private readonly readsInSteps = new Map<string, object>();

  constructor(
    public fs: FileSystem,
    /** How documents are parsed the first time (a one-shot check records no traces for re-parses). */
    private readonly parseOptions: ParseOptions = {},
  ) {}

  setFileSystem(fs: FileSystem): void {
    this.fs = fs;
    this.byPath.clear();
    this.readsInSteps.clear();
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
   * `get` in steps: the file is read, then parsed PARSE_STEP_CHARS at a time (`stepChars`), with a pause (a yield)
   * after the read and between steps, and cached once whole. When the path is given a text or forgotten during a
   * pause, the parse is dropped: the document is then the one given, or the file is read again (in steps).
   */
  *getStepwise(path: string, stepChars = PARSE_STEP_CHARS): Generator<void, CachedDocument | undefined, void> {
    for (;;) {
      const hit = this.byPath.get(path);
      if (hit) return hit;
      const text = this.fs.readFile(path);
      if (text === undefined) return undefined;
      const read = this.readsInSteps.get(path) ?? {};
      this.readsInSteps.set(path, read);
      // A text of several steps is parsed from the next step on: reading and decoding it is one of its own.
      if (text.length > stepChars) {
        yield;
        if (this.readsInSteps.get(path) !== read) continue;
      }
      const steps = parseTomlStepwise(text, stepChars, this.parseOptions);
      let step = steps.next();
      while (!step.done) {
        yield;
        if (this.readsInSteps.get(path) !== read) break;
        step = steps.next();
      }
      if (!step.done) continue;
      // (Every document cached for the path since the read began dropped its token: there is none.)
      this.readsInSteps.delete(path);
      const entry: CachedDocument = { path, text, doc: step.value };
      this.byPath.set(path, entry);
      this.generation++;
      return entry;
    }
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
    this.readsInSteps.delete(path);
    this.generation++;
    return entry;
  }

  forget(path: string): void {
    this.readsInSteps.delete(path);
    if (this.byPath.delete(path)) this.generation++;
  }

  forgetAll(): void {
    this.byPath.clear();
    this.readsInSteps.clear();
    this.generation++;
  }
}
