// Parsed TOML documents by path, re-parsed only when their text changes; every caller (include walk,
// validation, features) shares one parse per text.
import type { FileSystem } from './fs';
import { parseToml, type TomlDocument } from './toml';

export interface CachedDocument {
  path: string;
  text: string;
  doc: TomlDocument;
}

export class DocumentCache {
  private readonly byPath = new Map<string, CachedDocument>();

  constructor(public fs: FileSystem) {}

  setFileSystem(fs: FileSystem): void {
    this.fs = fs;
  }

  /** The parsed document at `path` (read through the file system), or undefined when it cannot be read. */
  get(path: string): CachedDocument | undefined {
    const text = this.fs.readFile(path);
    if (text === undefined) {
      this.byPath.delete(path);
      return undefined;
    }
    return this.withText(path, text);
  }

  /** The parsed document for `path` with the given text (an open editor buffer). */
  withText(path: string, text: string): CachedDocument {
    const hit = this.byPath.get(path);
    if (hit && hit.text === text) return hit;
    const entry = { path, text, doc: parseToml(text) };
    this.byPath.set(path, entry);
    return entry;
  }

  forget(path: string): void {
    this.byPath.delete(path);
  }
}
