// The files beside a component's spec (patches, scripts, configs, the generated macros file), as an in-memory
// set the overlays edit: names come from the upstream or local tree, contents are read only when an overlay
// or the caller needs them. Paths are relative and `/`-separated, like azldev's sources directory.

export interface FileSource {
  /** Every file name the tree holds, relative to it. */
  list(): string[];
  read(name: string): Uint8Array | undefined;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

export class SidecarFiles {
  private readonly present = new Set<string>();
  /** Content written by overlays (or read once); absent means "still as in the source". */
  private readonly loaded = new Map<string, Uint8Array>();
  /** Where a file's unread content lives in the source, for renamed files. */
  private readonly sourceName = new Map<string, string>();

  constructor(private readonly source?: FileSource) {
    for (const name of source?.list() ?? []) {
      this.present.add(name);
      this.sourceName.set(name, name);
    }
  }

  /** An independent copy: the same files, contents shared (a write replaces a file's bytes, never edits them). */
  clone(): SidecarFiles {
    const copy = new SidecarFiles();
    Object.assign(copy, { source: this.source });
    for (const n of this.present) copy.present.add(n);
    for (const [k, v] of this.loaded) copy.loaded.set(k, v);
    for (const [k, v] of this.sourceName) copy.sourceName.set(k, v);
    return copy;
  }

  /** Names in byte order, as doublestar walks a directory. */
  names(): string[] {
    return [...this.present].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  has(name: string): boolean {
    return this.present.has(name);
  }

  read(name: string): Uint8Array | undefined {
    if (!this.present.has(name)) return undefined;
    const hit = this.loaded.get(name);
    if (hit) return hit;
    const from = this.sourceName.get(name);
    const bytes = from === undefined ? undefined : this.source?.read(from);
    if (bytes) this.loaded.set(name, bytes);
    return bytes;
  }

  readText(name: string): string | undefined {
    const bytes = this.read(name);
    return bytes === undefined ? undefined : decoder.decode(bytes);
  }

  write(name: string, content: Uint8Array | string): void {
    this.present.add(name);
    this.sourceName.delete(name);
    this.loaded.set(name, typeof content === 'string' ? encoder.encode(content) : content);
  }

  remove(name: string): boolean {
    this.loaded.delete(name);
    this.sourceName.delete(name);
    return this.present.delete(name);
  }

  /** Like os.Rename: an existing file at `to` is replaced. */
  rename(from: string, to: string): boolean {
    if (!this.present.has(from)) return false;
    if (from === to) return true;
    const content = this.loaded.get(from);
    const src = this.sourceName.get(from);
    this.remove(from);
    this.remove(to);
    this.present.add(to);
    if (content) this.loaded.set(to, content);
    if (src !== undefined) this.sourceName.set(to, src);
    return true;
  }
}

export function decodeText(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

export function encodeText(text: string): Uint8Array {
  return encoder.encode(text);
}
