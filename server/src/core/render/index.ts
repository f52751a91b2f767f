// The render package's public surface: the azldev render pipeline, its inputs and its pieces.
export { collectOverlays, type CollectedOverlays, type PlacedOverlay } from './componentOverlays';
export { buildMacrosMap, checkSkipOverlay, headerOverlay, macroLoadOverlays, MACROS_FILE_EXTENSION, MACROS_FILE_HEADER, renderMacrosFile, type BuildMacroConfig } from './macrosFile';
export { bumpStaticRelease, planRelease, releaseTagValue, releaseUsesAutorelease, type ReleasePlan } from './release';
export { gitReleaseHistory, type CommitCount, type ReleaseHistory, type ReleaseHistoryRequest } from './releaseHistory';
export { pruneUnreferencedFiles, referencedTopLevelNames } from './referencedFiles';
export { lookupSpec, PREVIEW_BANNER, renderComponent, type ReleaseOutcome, type RenderedComponent, type RenderEnvironment } from './renderComponent';
export { createSpecProvider, directorySource, type SpecProvider, type SpecProviderOptions, type SpecRequest, type SpecTree, type SpecTreeResult, type UpstreamFetcher } from './specInput';
export { upstreamRefFor } from './upstreamRef';
export { CHECK_SKIP_DOES_NOT_APPLY, checkOverlaysAgainstSpecs, componentsDefinedWithOverlays, componentsWithOverlays, OVERLAY_DOES_NOT_APPLY, type OverlayCheckOptions, type OverlayCheckResult, type UnjudgedComponent } from './overlayCheck';
