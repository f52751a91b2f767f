// A `--specs-dir` folder (`DIR/<name>/<name>.spec`) of upstream specs reconstructed from the azldev-rendered
// specs in corpus/rendered-specs, as the render corpus test does: rpmautospec's block left out, then the
// invertible overlays undone. Components whose input cannot be had exactly are left out with the reason — those
// with overlays no rendered spec lets us undo, and those with file overlays (rendered-specs keeps no sidecar files).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diskFileSystem } from '../../../server/src/core/fs';
import { effectiveComponent, effectiveToJS } from '../../../server/src/core/project/effectiveConfig';
import type { ProjectModel } from '../../../server/src/core/project/projectModel';
import { collectOverlays } from '../../../server/src/core/render';
import { invertRender } from './corpusInversion';

const RPMAUTOSPEC_END = '## END: Set by rpmautospec\n\n';

function withoutRpmautospecBlock(spec: string): string {
  if (!spec.startsWith('## START: Set by rpmautospec\n')) return spec;
  const end = spec.indexOf(RPMAUTOSPEC_END);
  return end < 0 ? spec : spec.slice(end + RPMAUTOSPEC_END.length);
}

export interface DerivedSpecs {
  /** Components with a reconstructed upstream spec in the folder. */
  written: string[];
  /** Why the others were left out. */
  skipped: Map<string, string[]>;
}

export function writeDerivedSpecsDir(model: ProjectModel, renderedDir: string, outDir: string): DerivedSpecs {
  const out: DerivedSpecs = { written: [], skipped: new Map() };
  const skip = (reason: string, name: string) => out.skipped.set(reason, [...(out.skipped.get(reason) ?? []), name]);
  for (const letter of fs.readdirSync(renderedDir).sort()) {
    for (const name of fs.readdirSync(path.join(renderedDir, letter)).sort()) {
      const dir = path.join(renderedDir, letter, name);
      const eff = effectiveComponent(model, name);
      const def = model.unions.components.get(name);
      if (!eff || !def) {
        skip('not in the tree', name);
        continue;
      }
      const cfg = effectiveToJS(eff.config) as Record<string, Record<string, unknown> | undefined>;
      if (cfg['spec']?.['type'] === 'local') {
        skip('local spec', name);
        continue;
      }
      const collected = collectOverlays(diskFileSystem, eff, def.file, model.root);
      if (!collected.ok) {
        skip('overlays not collected', name);
        continue;
      }
      if (collected.overlays.some((p) => p.overlay.type.startsWith('file-'))) {
        skip('file overlays need sidecar files', name);
        continue;
      }
      const check = (cfg['build']?.['check'] ?? {}) as Record<string, unknown>;
      const inverted = invertRender({
        rendered: withoutRpmautospecBlock(fs.readFileSync(path.join(dir, `${name}.spec`), 'utf8')),
        userOverlays: collected.overlays.map((p) => p.overlay),
        ...(check['skip'] === true ? { checkSkipReason: String(check['skip_reason'] ?? '') } : {}),
        ...(fs.existsSync(path.join(dir, `${name}.azl.macros`)) ? { macrosFileName: `${name}.azl.macros` } : {}),
      });
      if (!inverted.ok) {
        skip(inverted.reason, name);
        continue;
      }
      fs.mkdirSync(path.join(outDir, name), { recursive: true });
      fs.writeFileSync(path.join(outDir, name, `${name}.spec`), inverted.spec);
      out.written.push(name);
    }
  }
  return out;
}
