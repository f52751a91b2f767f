// Trees made from an editor buffer kept in pieces (core/text/pieceText.ts): their `text` is joined only when
// something reads it, and the buffer is kept with the tree so the next re-parse asks it how the text changed
// and reads only windows of it. Code that needs only the text's length asks `textLengthOf`.
import type { PieceText } from '../text/pieceText';
import type { TomlSyntaxTree } from './ast';

/** The buffer of each tree made from one. */
export const treeSources = new WeakMap<TomlSyntaxTree, PieceText>();

/** The length of a tree's text, without joining a text kept in pieces. */
export function textLengthOf(tree: TomlSyntaxTree): number {
  return treeSources.get(tree)?.length ?? tree.text.length;
}

/** A tree of `source` with the given parts, its `text` joined on first read. */
export function treeOfSource(source: PieceText, parts: Omit<TomlSyntaxTree, 'text'>): TomlSyntaxTree {
  const tree: TomlSyntaxTree = {
    get text() {
      return source.toString();
    },
    rootEntries: parts.rootEntries,
    tables: parts.tables,
    comments: parts.comments,
    errors: parts.errors,
  };
  treeSources.set(tree, source);
  return tree;
}
