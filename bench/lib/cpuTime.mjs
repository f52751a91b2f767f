// CPU time a process has spent, read from Linux's /proc: the main thread (where the language server does
// its work) and all its threads (the garbage collector's helpers included), in milliseconds. A figure that
// other work on the machine does not inflate the way wall time does. Undefined where /proc has no such file.
import * as fs from 'node:fs';

/** @param {string} file @returns {number | undefined} the first field of a schedstat file, in ms */
function schedstatMs(file) {
  try {
    return Number(fs.readFileSync(file, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return undefined;
  }
}

/** @param {number} pid @returns {{ mainMs: number, allMs: number } | undefined} */
export function cpuTimeOf(pid) {
  const mainMs = schedstatMs(`/proc/${pid}/task/${pid}/schedstat`);
  if (mainMs === undefined) return undefined;
  let allMs = 0;
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) allMs += schedstatMs(`/proc/${pid}/task/${tid}/schedstat`) ?? 0;
  } catch {
    allMs = mainMs;
  }
  return { mainMs, allMs };
}
