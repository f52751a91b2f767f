// Where each section of a package index cache file lies (server/src/core/packages/indexFormat.ts), found by
// walking the length prefixes, so tests can damage one table and leave the others whole.
const KINDS = 'buuuuuubuuubuuuuuuuu';

/** Byte offset and byte length of each section of an index file. */
export function sectionPlaces(file: Buffer): { pos: number; bytes: number }[] {
  const metaLen = file.readUInt32LE(12);
  let pos = 16 + metaLen + ((4 - (metaLen % 4)) % 4);
  const out: { pos: number; bytes: number }[] = [];
  for (const kind of KINDS) {
    const count = file.readUInt32LE(pos);
    pos += 4;
    const bytes = kind === 'u' ? count * 4 : count;
    out.push({ pos, bytes });
    pos += bytes + ((4 - (bytes % 4)) % 4);
  }
  return out;
}
