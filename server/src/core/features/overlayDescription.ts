// A first description for an overlay that has none, said in words from what the overlay does ("Add
// BuildRequires: pkgconfig(zlib)", "Replace `foo` with `bar` in %build of -devel"), for the quick fix
// of the authoring guide's "no description" finding. The author refines the why; the what is right.
import type { ModelTable } from '../toml';

const MAX_SHOWN = 40;

function shown(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > MAX_SHOWN ? `${one.slice(0, MAX_SHOWN - 1)}…` : one;
}

export function describeOverlay(overlay: ModelTable | undefined): string {
  const str = (k: string): string | undefined => {
    const n = overlay?.entries.get(k)?.node;
    return n?.type === 'scalar' && n.syntax.kind === 'string' && n.syntax.value !== '' ? n.syntax.value : undefined;
  };
  const lineCount = (): number => {
    const n = overlay?.entries.get('lines')?.node;
    return n?.type === 'array' ? n.items.length : 0;
  };
  const type = str('type');
  const tag = str('tag') ?? 'a tag';
  const value = str('value');
  const section = str('section');
  const pkg = str('package');
  const file = str('file');
  const where = `${section ? ` in ${section}` : ''}${pkg ? ` of ${pkg}` : ''}`;
  const lines = (n: number) => (n === 1 ? '1 line' : `${n} lines`);
  switch (type) {
    case 'spec-add-tag':
    case 'spec-insert-tag':
      return `Add ${tag}: ${shown(value ?? '…')}${pkg ? ` to ${pkg}` : ''}`;
    case 'spec-set-tag':
      return `Set ${tag} to ${shown(value ?? '…')}${pkg ? ` in ${pkg}` : ''}`;
    case 'spec-update-tag':
      return `Change ${tag} to ${shown(value ?? '…')}${pkg ? ` in ${pkg}` : ''}`;
    case 'spec-remove-tag':
      return `Remove ${tag}${value ? `: ${shown(value)}` : ''}${pkg ? ` from ${pkg}` : ''}`;
    case 'spec-prepend-lines':
      return `Prepend ${lines(lineCount())} to ${section ?? 'the spec'}${pkg ? ` of ${pkg}` : ''}`;
    case 'spec-append-lines':
      return `Append ${lines(lineCount())} to ${section ?? 'the spec'}${pkg ? ` of ${pkg}` : ''}`;
    case 'spec-search-replace':
    case 'file-search-replace': {
      const regex = str('regex');
      const replacement = str('replacement');
      const inWhat = type === 'file-search-replace' ? (file ? ` in ${file}` : '') : where;
      return replacement ? `Replace \`${shown(regex ?? '…')}\` with \`${shown(replacement)}\`${inWhat}` : `Remove \`${shown(regex ?? '…')}\`${inWhat}`;
    }
    case 'spec-remove-section':
      return `Remove ${section ?? 'a section'}${pkg ? ` of ${pkg}` : ''}`;
    case 'spec-remove-subpackage':
      return `Drop the ${pkg ?? '…'} sub-package`;
    case 'patch-add':
      return `Add patch ${file ?? str('source')?.split('/').pop() ?? '…'}`;
    case 'patch-remove':
      return `Drop patch ${file ?? '…'}`;
    case 'file-prepend-lines':
      return `Prepend ${lines(lineCount())} to ${file ?? 'a file'}`;
    case 'file-add':
      return `Add ${file ?? 'a file'}`;
    case 'file-remove':
      return `Remove ${file ?? 'a file'}`;
    case 'file-rename':
      return `Rename ${file ?? 'a file'} to ${str('replacement') ?? '…'}`;
    default:
      return 'What this overlay changes and why';
  }
}
