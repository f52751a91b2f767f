// The TOML files of an azldev tree that a whole-tree check covers: the project file and everything
// reachable from it through `includes` globs (relative to the including file, `*`, `?`, `[...]`, `**`).
// Peers have no notion of includes, so the benchmark hands them exactly this list.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'smol-toml';

/** @param {string} segment @returns {RegExp} one path segment's glob as a regular expression */
function segmentRegExp(segment) {
  let re = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = segment.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        re += `[${segment.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** @param {string} dir @param {string[]} segments @param {Set<string>} out */
function expand(dir, segments, out) {
  const [head, ...rest] = segments;
  if (head === undefined) {
    if (fs.existsSync(dir) && fs.statSync(dir).isFile()) out.add(dir);
    return;
  }
  if (head === '**') {
    expand(dir, rest, out);
    for (const e of readDir(dir)) if (e.isDirectory()) expand(path.join(dir, e.name), segments, out);
    return;
  }
  if (!/[*?[]/.test(head)) return expand(path.join(dir, head), rest, out);
  const re = segmentRegExp(head);
  for (const e of readDir(dir)) if (re.test(e.name)) expand(path.join(dir, e.name), rest, out);
}

/** @param {string} dir */
function readDir(dir) {
  try {
    return fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  } catch {
    return [];
  }
}

/** @param {string} treeRoot a directory holding azldev.toml @returns {string[]} absolute paths, in load order */
export function configFilesOf(treeRoot) {
  const seen = new Set();
  /** @param {string} file */
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const doc = parse(fs.readFileSync(file, 'utf8'));
    const includes = Array.isArray(doc.includes) ? doc.includes : [];
    for (const glob of includes) {
      if (typeof glob !== 'string') continue;
      const matches = new Set();
      expand(path.dirname(file), glob.split('/').filter((s) => s && s !== '.'), matches);
      for (const m of [...matches].sort()) visit(m);
    }
  };
  visit(path.join(treeRoot, 'azldev.toml'));
  return [...seen];
}
