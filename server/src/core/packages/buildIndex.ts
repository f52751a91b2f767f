// Builds one repository's index from primary.xml, fed as decompressed chunks.
import { RepoIndexBuilder } from './indexBuilder';
import type { RepoIndexData, RepoIndexMeta } from './indexData';
import { PrimaryXmlReader } from './primaryXml';

export async function buildIndexFromPrimary(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, meta: Omit<RepoIndexMeta, 'packageCount'>): Promise<RepoIndexData> {
  const builder = new RepoIndexBuilder();
  const reader = new PrimaryXmlReader(builder);
  for await (const chunk of chunks) reader.write(chunk);
  reader.end();
  return builder.finish(meta);
}
