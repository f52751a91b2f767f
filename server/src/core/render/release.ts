// azldev's Release handling (release.go): which Release values rpmautospec owns, how a static one is bumped by
// the number of project commits that changed the component, and the errors it gives for the rest.
import type { SpecEditor } from '../spec';
import { goQuote } from '../overlays/goQuote';
import { RE2JS } from 're2js';

/**
 * %autorelease, %{autorelease}, %{autorelease -e x}, %{?autorelease} — azldev's pattern, in RE2. Compiled when
 * first used: compiling it while the server's modules load cost the start-up tens of milliseconds.
 */
let autorelease: ReturnType<typeof RE2JS.compile> | undefined;
const STATIC_RELEASE = /^(\d+)(%\{\??dist\})?$/;

export type ReleaseCalculation = 'auto' | 'autorelease' | 'static' | 'manual';

export function releaseUsesAutorelease(value: string): boolean {
  autorelease ??= RE2JS.compile('%(\\{[?]?autorelease($|[}\\s])|autorelease($|\\s))');
  return autorelease.matcher(value).find();
}

/** The last Release tag value of the main package, as GetReleaseTagValue reads it; undefined when there is none. */
export function releaseTagValue(spec: SpecEditor): string | undefined {
  let value: string | undefined;
  for (const t of spec.document.tags) if (t.package === '' && t.name.toLowerCase() === 'release') value = t.value;
  return value === '' ? undefined : value;
}

export function bumpStaticRelease(value: string, commits: number): { ok: true; value: string } | { ok: false; message: string } {
  const m = STATIC_RELEASE.exec(value);
  if (!m) return { ok: false, message: `release value ${goQuote(value)} does not start with an integer` };
  return { ok: true, value: `${BigInt(m[1] as string) + BigInt(commits)}${m[2] ?? ''}` };
}

export type ReleasePlan =
  | { kind: 'leave'; reason: string }
  | { kind: 'bump'; from: string; to: string }
  | { kind: 'error'; message: string };

/** What azldev's tryBumpStaticRelease would do with this spec after overlays and this many commits. */
export function planRelease(component: string, calculation: string, spec: SpecEditor, commits: number): ReleasePlan {
  const calc = calculation === '' ? 'auto' : calculation;
  if (calc === 'manual') return { kind: 'leave', reason: 'release.calculation is "manual"' };
  if (calc === 'autorelease') return { kind: 'leave', reason: 'release.calculation is "autorelease"' };
  if (calc !== 'auto' && calc !== 'static') return { kind: 'error', message: `component ${goQuote(component)} has unknown release calculation mode ${goQuote(calc)}` };
  const value = releaseTagValue(spec);
  if (value === undefined) return { kind: 'error', message: `failed to read Release tag for component ${goQuote(component)}:\nrelease tag not found in spec ${goQuote(component + '.spec')}:\nno such tag` };
  if (releaseUsesAutorelease(value)) {
    if (calc === 'static') {
      return {
        kind: 'error',
        message: `component ${goQuote(component)} has 'release.calculation = "static"' but its Release tag uses %autorelease; set 'release.calculation = "autorelease"' instead`,
      };
    }
    return { kind: 'leave', reason: 'the Release tag uses %autorelease, which rpmautospec expands' };
  }
  const bumped = bumpStaticRelease(value, commits);
  if (!bumped.ok) {
    return {
      kind: 'error',
      message:
        `component ${goQuote(component)} has a non-standard Release tag value ${goQuote(value)} that cannot be auto-bumped; ` +
        `set 'release.calculation = "manual"' in the component configuration and add a "spec-set-tag" overlay for the Release tag if needed:\n${bumped.message}`,
    };
  }
  return { kind: 'bump', from: value, to: bumped.value };
}
