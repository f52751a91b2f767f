// A static Release azldev cannot bump, predicted from the rendered spec before a real render fails: with
// `release.calculation` "auto" (the default) or "static", azldev bumps `Release: N` / `Release: N%{?dist}` by the
// project commits that changed the component and fails on any other value that is not %autorelease
// ("non-standard Release tag value ... does not start with an integer", release.go). The render itself only
// fails once the component has commits; the finding says so before that.
import type { RuleCode, Span } from '../diagnostics';
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

/** The rendered spec's Release value azldev could not bump under `release.calculation` ("" is "auto"), or undefined when it can or leaves it. */
export function unbumpableRelease(calculation: string, spec: string): string | undefined {
  const calc = calculation === '' ? 'auto' : calculation;
  if (calc !== 'auto' && calc !== 'static') return undefined;
  const value = releaseTagValue(new SpecEditor(spec));
  if (value === undefined || releaseUsesAutorelease(value) || bumpStaticRelease(value, 1).ok) return undefined;
  return value;
}

/** The finding for component `name` whose rendered Release `value` azldev cannot bump, at its `[components.NAME]` key. */
export function releaseFinding(model: ProjectModel, name: string, value: string): ReleaseFinding | undefined {
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
