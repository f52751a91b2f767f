// A benchmark's command line: `--name value` options and flags, and the language servers it started, ended on an
// interrupt (only those).

/** @param {string[]} args */
export function optionsOf(args) {
  return {
    /** The value after `name`, or `dflt`. @param {string} name @param {string | undefined} dflt */
    opt(name, dflt) {
      const i = args.indexOf(name);
      return i >= 0 ? args[i + 1] : dflt;
    },
    /** @param {string} name */
    flag: (name) => args.includes(name),
  };
}

/** The clients whose servers an interrupt ends. @returns {Set<{ child: import('node:child_process').ChildProcess }>} */
export function liveClients() {
  const live = new Set();
  process.on('SIGINT', () => {
    for (const c of live) c.child.kill('SIGKILL');
    process.exit(130);
  });
  return live;
}
