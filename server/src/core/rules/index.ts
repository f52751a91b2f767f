// The rule engine: azldev's load-time validation beyond the JSON schema, run on one parsed file. Pure: reads
// the semantic model and the file system, never throws on any shape, returns plain diagnostics.
import * as nodePath from 'node:path';
import type { CoreDiagnostic } from '../diagnostics';
import type { FileSystem } from '../fs';
import type { TomlDocument } from '../toml';
import { checkArchiveOverlays } from './archiveOverlays';
import { checkBuildConfig } from './buildConfig';
import { componentConfigSites, overlaysOf } from './componentConfigs';
import { DiagnosticSink } from './diagnosticSink';
import { checkMetadata } from './metadata';
import { childTable, namedTables } from './modelValues';
import { checkOverlayFile } from './overlayFile';
import { checkOverlay } from './overlays';
import { checkPackageGroups } from './packageGroups';
import { checkConfigPaths, checkOverlayFilePaths } from './paths';
import { checkPublishChannels } from './publishChannels';
import { checkSourceFiles } from './sourceFiles';
import { checkSpecSource } from './specSource';

export interface RuleContext {
  /** Absolute path of the file. */
  file: string;
  doc: TomlDocument;
  kind: 'config' | 'overlay-file';
  fs: FileSystem;
}

export function runRules(ctx: RuleContext): CoreDiagnostic[] {
  const sink = new DiagnosticSink(ctx.file);
  const root = ctx.doc.root;
  const paths = { sink, fs: ctx.fs, dir: nodePath.dirname(ctx.file) };

  if (ctx.kind === 'overlay-file') {
    checkOverlayFile(sink, root);
    checkOverlayFilePaths(paths, root);
    return sink.diagnostics;
  }

  for (const site of componentConfigSites(root)) {
    for (const { table, where } of overlaysOf(site)) checkOverlay(sink, table, { inOverlayFile: false, where });
    checkBuildConfig(sink, site);
    checkSourceFiles(sink, site);
    checkSpecSource(sink, site);
    checkArchiveOverlays(sink, site);
  }
  for (const { table } of namedTables(childTable(root, 'component-groups'))) {
    const metadata = childTable(table, 'metadata');
    if (metadata) checkMetadata(sink, metadata);
  }
  checkPackageGroups(sink, root);
  checkPublishChannels(sink, root);
  checkConfigPaths(paths, root);
  return sink.diagnostics;
}
