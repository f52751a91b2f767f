// The LSP features the server offers beyond diagnostics. Each feature lives in its own file and is listed here.
import type { ServerCapabilities } from 'vscode-languageserver/node';
import { codeActionsFeature } from './codeActions';
import { completionFeature } from './completion';
import type { FeatureHandler, ServerContext } from './context';
import { definitionFeature } from './definition';
import { documentLinksFeature } from './documentLinks';
import { effectiveConfigFeature } from './effectiveConfig';
import { executeCommandFeature } from './executeCommand';
import { foldingFeature } from './folding';
import { formattingFeature } from './formatting';
import { hoverFeature } from './hover';
import { referencesFeature } from './references';
import { renameFeature } from './rename';
import { renderFeature } from './render';
import { reviewFeature } from './review';
import { routeSpecDocuments, specCapabilities } from './specRouting';
import { waitForProjects } from './projectWait';
import { selectionRangesFeature } from './selectionRanges';
import { symbolsFeature } from './symbols';
import { workspaceSymbolsFeature } from './symbolsWorkspace';

const FEATURES: FeatureHandler[] = [
  completionFeature,
  codeActionsFeature,
  definitionFeature,
  referencesFeature,
  renameFeature,
  symbolsFeature,
  workspaceSymbolsFeature,
  hoverFeature,
  effectiveConfigFeature,
  renderFeature,
  reviewFeature,
  executeCommandFeature,
  foldingFeature,
  selectionRangesFeature,
  documentLinksFeature,
  formattingFeature,
];

export function featureCapabilities(): ServerCapabilities {
  return Object.assign({}, specCapabilities, ...FEATURES.map((f) => f.capabilities)) as ServerCapabilities;
}

/** Spec documents (previews and `.spec` files) are answered by the spec features, TOML files by the rest. */
export function registerFeatures(ctx: ServerContext): void {
  const routing = routeSpecDocuments(ctx);
  const features = waitForProjects(routing.ctx);
  for (const f of FEATURES) f.register(features);
  routing.finish();
}
