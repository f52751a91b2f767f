// The `distroToml/effectiveConfig` request behind "Show Effective Config": the view text of the
// component at a position or named, or the project's component names when the position names none.
import { effectiveConfigFor } from '../core/features/effectiveConfigView';
import { effectiveConfigRequest, type EffectiveConfigResult } from '../protocol';
import type { FeatureHandler } from './context';
import { requestDocument } from './definitionLocations';
import { componentTarget } from './requestParams';

export const effectiveConfigFeature: FeatureHandler = {
  capabilities: {},
  register(ctx) {
    ctx.connection.onRequest(effectiveConfigRequest, (raw): EffectiveConfigResult => {
      const params = componentTarget(effectiveConfigRequest.method, raw);
      const req = requestDocument(ctx, params.uri);
      if (!req) return null;
      const where = 'component' in params ? { component: params.component } : { offset: req.offsetAt(params.position) };
      return effectiveConfigFor(req.service, req.file, where) ?? null;
    });
  },
};
