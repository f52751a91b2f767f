// azldev validates overlays when it loads a file only for `[components.X]` and overlay files (configfile.go,
// overlay_file.go); the overlays of a default-component-config (project, group, distro version) are merged
// into every inheriting component unvalidated. Our overlay rules still check them, as warnings: what would
// be a load error on a component is a problem each inheriting component meets when its overlays are applied.
import type { CoreDiagnostic } from '../diagnostics';

const NOTE = ' (azldev only checks this on components and overlay files, but every component inheriting it is affected)';

/** The findings of a rule run on a default-component-config: its errors become warnings that say why. */
export function asInheritedDefaults(found: readonly CoreDiagnostic[]): CoreDiagnostic[] {
  return found.map((d) => (d.severity === 'error' ? { ...d, severity: 'warning', message: d.message.replace(/\.?$/, NOTE + '.') } : d));
}
