// The render package's public surface: the azldev render pipeline, its inputs and its pieces.
export { collectOverlays, type CollectedOverlays, type PlacedOverlay } from './componentOverlays';
export { buildMacrosMap, checkSkipOverlay, headerOverlay, macroLoadOverlays, MACROS_FILE_EXTENSION, MACROS_FILE_HEADER, renderMacrosFile, type BuildMacroConfig } from './macrosFile';
export { bumpStaticRelease, planRelease, releaseTagValue, releaseUsesAutorelease, type ReleasePlan } from './release';
export { gitReleaseHistory, type CommitCount, type ReleaseHistory, type ReleaseHistoryRequest } from './releaseHistory';
export { pruneUnreferencedFiles, referencedTopLevelNames } from './referencedFiles';
export { executeRender, lookupSpec, planRender, PREVIEW_BANNER, renderComponent, specRequestFor, type ReleaseOutcome, type RenderedComponent, type RenderEnvironment, type RenderExecution, type RenderPlan, type RenderResume, type RenderState } from './renderComponent';
export { createSpecProvider, directorySource, type SpecProvider, type SpecProviderOptions, type SpecRequest, type SpecTree, type SpecTreeResult, type UpstreamFetcher } from './specInput';
export { upstreamRefFor } from './upstreamRef';
export { CHECK_SKIP_DOES_NOT_APPLY, checkOverlaysAgainstSpecs, componentsDefinedWithOverlays, componentsWithOverlays, DefinedWithOverlays, locateOverlayOutcome, OVERLAY_DOES_NOT_APPLY, OverlayFindingsCollector, overlayOutcomeOf, type OverlayCheckOptions, type OverlayFinding, type OverlayOutcome, type OverlayCheckResult, type UnjudgedComponent } from './overlayCheck';
export { OverlayOutcomeMemo, overlayRenderKey, type MemoAnswer } from './overlayOutcomeMemo';
export { RenderCheckpoints } from './renderCheckpoints';
