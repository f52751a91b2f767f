// rpm's comparison flags as the index stores them (primary spells them `flags="GE"`), in a module of their own
// so that matching versions (dependencyMatch.ts) does not load the XML reader.

/** Packed: 1 less, 2 greater, 4 equal; 8 pre (a requirement of the package's %pre scriptlet). */
export const DEP_LESS = 1, DEP_GREATER = 2, DEP_EQUAL = 4, DEP_PRE = 8;
