// A static Release azldev cannot bump, predicted from the rendered spec before a real render fails: with
// `release.calculation` "auto" (the default) or "static", azldev bumps `Release: N` / `Release: N%{?dist}` by the
// project commits that changed the component and fails on any other value that is not %autorelease
// ("non-standard Release tag value ... does not start with an integer", release.go). The render itself only
// fails once the component has commits; the finding says so before that.
import type { RuleCode, Span } from '../diagnostics';
import type { EffectiveNode } from '../project/effectiveConfig';
import type { ProjectModel } from '../project/projectModel';
import { SpecEditor } from '../spec';
import { goQuote } from '../overlays/goQuote';
import { bumpStaticRelease, releaseTagValue, releaseUsesAutorelease } from './release';

export interface ReleaseFinding {
  file: string;
  span: Span;
  severity: 'warning';
  code: RuleCode;
  message: string;
  data: Record<string, unknown>;
}

function calculationOf(config: EffectiveNode | undefined): string {
  const release = config?.kind === 'table' ? config.entries.get('release') : undefined;
  const calc = release?.kind === 'table' ? release.entries.get('calculation') : undefined;
  return calc?.kind === 'value' && typeof calc.value === 'string' && calc.value !== '' ? calc.value : 'auto';
}

/** The finding for component `name` whose post-overlay spec is `spec`, at its `[components.NAME]` key; undefined when azldev can bump it or leaves it. */
export function predictReleaseBump(model: ProjectModel, name: string, config: EffectiveNode | undefined, spec: string): ReleaseFinding | undefined {
  const calc = calculationOf(config);
  if (calc !== 'auto' && calc !== 'static') return undefined;
  const value = releaseTagValue(new SpecEditor(spec));
  if (value === undefined || releaseUsesAutorelease(value) || bumpStaticRelease(value, 1).ok) return undefined;
  const def = model.unions.components.get(name);
  if (!def) return undefined;
  return {
    file: def.file,
    span: def.keySpan,
    // A warning: the render only fails once azldev counts a synthetic commit for the component.
    severity: 'warning',
    code: 'release-not-bumpable',
    message:
      `component ${goQuote(name)} has a non-standard Release tag value ${goQuote(value)} that azldev cannot auto-bump (only N and N%{?dist} are bumped), ` +
      `so its render fails as soon as azldev counts a commit that changed the component; set release = { calculation = "manual" } and pin Release with a spec-set-tag overlay`,
    data: { component: name, release: value },
  };
}
