// A component's drift as a patch `git apply` takes from the repository root: `diff --git` headers, new and
// deleted files with their modes, the spec with the committed history-derived parts carried over (so applying it
// brings the directory exactly to what `--write` writes). Binary files and links cannot be put in a text patch;
// they are listed apart (the caller names them in comment lines before the first header, which git apply ignores).
import { unifiedHunks } from '../text/unifiedDiff';
import type { CommittedOutput, ComponentDrift, WritePlan } from './drift';

const decoder = new TextDecoder('utf-8', { fatal: true });

function text(bytes: Uint8Array | undefined): string | undefined {
  if (bytes === undefined) return '';
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/** The patch for one component (empty when it has no drift); `prefix` is the rendered-specs-dir from the repository root. */
export function gitPatchFor(prefix: string, drift: ComponentDrift, committed: CommittedOutput, write: WritePlan): { patch: string; skipped: string[] } {
  let out = '';
  const skipped: string[] = [];
  const irregular = new Set(committed.irregular);
  for (const f of drift.files) {
    const p = [prefix, drift.dir, f.file].filter((s) => s !== '').join('/');
    const before = f.kind === 'missing' ? undefined : committed.files?.get(f.file);
    const after = f.kind === 'extra' ? undefined : write.get(f.file);
    const a = text(before);
    const b = text(after);
    if (irregular.has(f.file) || a === undefined || b === undefined) {
      skipped.push(p);
      continue;
    }
    const hunks = unifiedHunks(a, b);
    if (f.kind === 'missing') out += `diff --git a/${p} b/${p}\nnew file mode 100644\n` + (hunks ? `--- /dev/null\n+++ b/${p}\n${hunks}` : '');
    else if (f.kind === 'extra') out += `diff --git a/${p} b/${p}\ndeleted file mode 100644\n` + (hunks ? `--- a/${p}\n+++ /dev/null\n${hunks}` : '');
    else if (hunks) out += `diff --git a/${p} b/${p}\n--- a/${p}\n+++ b/${p}\n${hunks}`;
  }
  return { patch: out, skipped };
}
