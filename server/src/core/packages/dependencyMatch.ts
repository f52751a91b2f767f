// Whether a provide satisfies a requirement, as rpm's rpmdsCompare decides: unversioned on either side
// matches; otherwise the two version ranges must overlap.
import { DEP_EQUAL, DEP_GREATER, DEP_LESS } from './depFlags';
import { compareEvr, parseEvr } from './rpmvercmp';

const SENSE = DEP_LESS | DEP_GREATER | DEP_EQUAL;

/** Flags for a comparison operator as written in a spec (`>=`), or undefined when it is not one. */
export function flagsOfOperator(op: string): number | undefined {
  switch (op) {
    case '<': return DEP_LESS;
    case '<=': case '=<': return DEP_LESS | DEP_EQUAL;
    case '=': case '==': return DEP_EQUAL;
    case '>=': case '=>': return DEP_GREATER | DEP_EQUAL;
    case '>': return DEP_GREATER;
    default: return undefined;
  }
}

export function operatorOfFlags(flags: number): string {
  switch (flags & SENSE) {
    case DEP_LESS: return '<';
    case DEP_LESS | DEP_EQUAL: return '<=';
    case DEP_EQUAL: return '=';
    case DEP_GREATER | DEP_EQUAL: return '>=';
    case DEP_GREATER: return '>';
    default: return '';
  }
}

/** rpmdsCompare(provide, require): do the two ranges overlap? */
export function rangesOverlap(provFlags: number, provEvr: string, reqFlags: number, reqEvr: string): boolean {
  if (!(provFlags & SENSE) || !(reqFlags & SENSE) || !provEvr || !reqEvr) return true;
  const sense = compareEvr(parseEvr(provEvr), parseEvr(reqEvr));
  if (sense < 0) return (provFlags & DEP_GREATER) !== 0 || (reqFlags & DEP_LESS) !== 0;
  if (sense > 0) return (provFlags & DEP_LESS) !== 0 || (reqFlags & DEP_GREATER) !== 0;
  return ((provFlags & DEP_EQUAL) !== 0 && (reqFlags & DEP_EQUAL) !== 0) ||
    ((provFlags & DEP_LESS) !== 0 && (reqFlags & DEP_LESS) !== 0) ||
    ((provFlags & DEP_GREATER) !== 0 && (reqFlags & DEP_GREATER) !== 0);
}
