// Answers about the disk kept for the rest of the current turn of the event loop, then forgotten: a keystroke asks
// whether azldev.toml exists in each directory above the file several times (the project root, for the document's
// checks, its house rules and its publish), and whether the house rules file is there. Within one synchronous run
// the answers cannot change under the server (it writes no project file); a later message sees the disk again.

/** `fn`, its answers kept until the microtasks of this turn run. */
export function memoForTurn<V>(fn: (key: string) => V): (key: string) => V {
  const answers = new Map<string, V>();
  let clearing = false;
  return (key) => {
    if (answers.has(key)) return answers.get(key) as V;
    const value = fn(key);
    answers.set(key, value);
    if (!clearing) {
      clearing = true;
      queueMicrotask(() => {
        answers.clear();
        clearing = false;
      });
    }
    return value;
  };
}
