// The whole-tree check's faster paths give the answers of the plain code they replace (issue 15): each is run
// side by side with a reference — the previous implementation, kept here or beside the fast one — over the real
// tree's inputs and over seeded random inputs built to hit every branch (repeats, names in two groups, empty
// names, non-string items; paths with `.`, `..`, doubled and trailing slashes, prefixes that are not parents).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { isWithin, isWithinByRelative, resolvedPath } from '../../../server/src/core/confinement';
import { compileMatcher, type GlobMatcher } from '../../../server/src/core/glob';
import { isStarSegment, StarMatcher } from '../../../server/src/core/glob/starMatcher';
import type { CoreDiagnostic, Span } from '../../../server/src/core/diagnostics';
import { DocumentCache } from '../../../server/src/core/documentCache';
import { memoryFileSystem } from '../../../server/src/core/fs';
import { loadProject } from '../../../server/src/core/project/projectModel';
import { DiagnosticSink } from '../../../server/src/core/rules/diagnosticSink';
import { childTable, namedTables, readArray, stringItems } from '../../../server/src/core/rules/modelValues';
import { checkPackageGroups } from '../../../server/src/core/rules/packageGroups';
import { re2CompileError, re2Error, re2SyntaxError } from '../../../server/src/core/rules/regex';
import { parseToml, type ModelTable } from '../../../server/src/core/toml';
import { CORPUS_ROOT, filesBelow } from '../../support/paths';
import { prng as random } from '../../support/prng';

const corpusFiles = filesBelow(CORPUS_ROOT, '.toml');

describe('isWithin: the prefix comparison of resolved paths answers as path.relative does', () => {
  it('on every pair of the real tree’s directories and files', () => {
    const dirs = [...new Set(corpusFiles.map((f) => path.dirname(f)))];
    const paths = [...dirs, ...corpusFiles, CORPUS_ROOT, path.dirname(CORPUS_ROOT), '/'];
    let inside = 0;
    for (const dir of [...dirs.slice(0, 40), CORPUS_ROOT, '/'])
      for (const p of paths) {
        const want = isWithinByRelative(dir, p);
        assert.equal(isWithin(dir, p), want, `${dir} ${p}`);
        if (want) inside++;
      }
    assert.ok(inside > 100, 'the pairs include paths inside their directory');
  });

  it('on random paths with dot segments, doubled and trailing slashes and sibling prefixes', () => {
    const segments = ['a', 'ab', 'b', '.', '..', '', '...', '.a', 'a.', 'a b'];
    for (let seed = 1; seed <= 20; seed++) {
      const next = random(seed);
      const pick = () => segments[Math.floor(next() * segments.length)] as string;
      const one = () => {
        const parts = Array.from({ length: Math.floor(next() * 5) }, pick);
        const p = '/' + parts.join('/');
        return next() < 0.15 ? p + '/' : next() < 0.1 ? parts.join('/') || '.' : p;
      };
      for (let i = 0; i < 2000; i++) {
        const dir = one();
        const p = next() < 0.5 ? dir + (next() < 0.5 ? '/' : '') + pick() + (next() < 0.5 ? '/' + pick() : '') : one();
        assert.equal(isWithin(dir, p), isWithinByRelative(dir, p), `seed ${seed}: isWithin(${JSON.stringify(dir)}, ${JSON.stringify(p)})`);
        for (const q of [dir, p]) if (path.isAbsolute(q)) assert.equal(resolvedPath(q), path.resolve(q), `resolvedPath(${JSON.stringify(q)})`);
      }
    }
  });
});

describe('the star matcher answers as the general matcher for one segment', () => {
  const general = (pattern: string): GlobMatcher => {
    const c = compileMatcher(pattern, { segment: true, general: true });
    assert.ok(c.ok, pattern);
    return c.matcher;
  };
  const agree = (pattern: string, names: readonly string[]) => {
    const compiled = compileMatcher(pattern, { segment: true });
    assert.ok(compiled.ok && compiled.matcher instanceof StarMatcher, `${pattern} takes the star matcher`);
    const reference = general(pattern);
    let matched = 0;
    for (const name of names) {
      const want = reference.match(name);
      assert.equal(compiled.matcher.match(name), want, `${JSON.stringify(pattern)} on ${JSON.stringify(name)}`);
      if (want) matched++;
    }
    return matched;
  };

  it('on every name of the real tree, for the patterns of its includes and overlay-files and their variants', () => {
    const names = [...new Set(corpusFiles.flatMap((f) => path.relative(CORPUS_ROOT, f).split('/')))];
    let matched = 0;
    for (const pattern of ['*.comp.toml', '*.packages.toml', '*.distro.toml', '*.toml', '*', 'components.toml', '*comp*', 'k*l*.comp.toml', '*.*.*', 'kernel*', '*s'])
      matched += agree(pattern, names);
    assert.ok(matched > 400, `${matched} matches`);
  });

  it('on random patterns and names over a small alphabet (repeats, overlaps, empty pieces)', () => {
    const letters = ['a', 'b', '.', 'ab', 'é', '🙂'];
    for (let seed = 1; seed <= 10; seed++) {
      const next = random(seed);
      const word = (max: number) => Array.from({ length: Math.floor(next() * max) }, () => letters[Math.floor(next() * letters.length)]).join('');
      for (let i = 0; i < 200; i++) {
        const pieces = Array.from({ length: 1 + Math.floor(next() * 4) }, () => word(3));
        const pattern = pieces.join('*');
        if (!isStarSegment(pattern)) continue;
        agree(pattern, Array.from({ length: 30 }, () => word(8)));
      }
    }
  });

  it('is taken only for literal text and single stars', () => {
    for (const p of ['a?b', '[ab]', '{a,b}', 'a\\*', '**', 'a**b', '', 'a/b']) assert.equal(isStarSegment(p), false, p);
    for (const p of ['a', '*', '*.toml', 'a*b*c']) assert.equal(isStarSegment(p), true, p);
  });
});

describe('re2Error: remembered answers are the compiler’s', () => {
  it('for every regex of the real tree and for broken ones, asked twice', () => {
    const patterns = new Set<string>(['a(b', '[z-a]', '(?<=x)y', '(a)\\1', '\\Z', 'x{1001}', '', '(?i)^release:', '\\pN+']);
    for (const f of corpusFiles) {
      const doc = parseToml(fs.readFileSync(f, 'utf8'));
      const visit = (v: unknown): void => {
        if (Array.isArray(v)) v.forEach(visit);
        else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (k === 'regex' && typeof x === 'string' ? patterns.add(x) : visit(x));
      };
      visit(doc.root.type === 'table' ? toPlain(doc.root) : undefined);
    }
    assert.ok(patterns.size > 50, `found ${patterns.size} patterns`);
    for (let round = 0; round < 2; round++) for (const p of patterns) assert.equal(re2Error(p), re2CompileError(p), `round ${round}: ${p}`);
    assert.ok([...patterns].some((p) => re2Error(p) !== undefined), 'some patterns are errors');
  });

  it('parsing alone gives the full compile’s answer, on seeded random patterns and oversized ones', () => {
    const tokens = ['a', 'b', '.', '*', '+', '?', '*?', '|', '(', ')', '(?:', '(?i)', '(?P<n>', '(?<=', '(?!', '[', ']', '[^', '-', '^', '$', '\\', '\\d', '\\pN', '\\p{Greek}', '\\Q', '\\E', '\\1', '\\z', '\\Z', '{', '}', '{2}', '{1,3}', '{1001}', ',', '[:alpha:]', '[[:digit:]]', 'é', '\u{1F600}', ' '];
    let errors = 0;
    let valid = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const next = random(seed);
      for (let i = 0; i < 100; i++) {
        let p = '';
        const n = 1 + Math.floor(next() * 12);
        for (let k = 0; k < n; k++) p += tokens[Math.floor(next() * tokens.length)];
        const reference = re2CompileError(p);
        assert.equal(re2SyntaxError(p), reference, `seed ${seed}: ${JSON.stringify(p)}`);
        if (reference === undefined) valid++;
        else errors++;
      }
    }
    for (const p of ['a{1000}', 'a{1000}b{1000}', '(a{999}){999}', '((a{100}){100}){100}', '((((a{10}){10}){10}){10}){10}', '(((((((((((a)))))))))))*', 'x'.repeat(20000), '(?:'.repeat(1001) + ')'.repeat(1001)])
      assert.equal(re2SyntaxError(p), re2CompileError(p), p.slice(0, 60));
    assert.ok(errors > 500 && valid > 500, `both kinds drawn (${valid} valid, ${errors} errors)`);
  });

  it('stays right past the memo’s bound (it starts afresh)', () => {
    for (let i = 0; i < 4200; i++) assert.equal(re2Error(`x${i}(`), re2CompileError(`x${i}(`));
    assert.equal(re2Error('x0('), re2CompileError('x0('));
    assert.equal(re2Error('ok|fine'), undefined);
  });
});

/** Plain nested objects of a model table's keys and string values (enough to find `regex` fields). */
function toPlain(t: ModelTable): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, e] of t.entries) {
    const n = e.node;
    out[k] = n.type === 'table' ? toPlain(n) : n.type === 'array' ? n.items.map((i) => (i.type === 'table' ? toPlain(i) : i.type === 'scalar' && i.syntax.kind === 'string' ? i.syntax.value : null)) : n.type === 'scalar' && n.syntax.kind === 'string' ? n.syntax.value : null;
  }
  return out;
}

/** checkPackageGroups as it was written before the one-map version: the reference. */
function referencePackageGroups(sink: DiagnosticSink, root: ModelTable): void {
  const firstGroup = new Map<string, string>();
  for (const { name, table } of namedTables(childTable(root, 'package-groups'))) {
    const packages = readArray(table, 'packages');
    if (packages.state !== 'value') continue;
    const inGroup = new Map<string, Span>();
    for (const item of stringItems(packages.value)) {
      if (item.value === '') {
        sink.error(item.span, 'package-group-empty-package', `packages[${item.index}] must not be empty (package group \`${name}\`); remove the entry or name a binary package.`, { group: name, index: item.index });
        continue;
      }
      if (inGroup.has(item.value)) {
        sink.error(item.span, 'package-group-duplicate-package', `package \`${item.value}\` appears more than once in the packages list of package group \`${name}\`; remove the repeat.`, { group: name, index: item.index });
        continue;
      }
      inGroup.set(item.value, item.span);
      const other = firstGroup.get(item.value);
      if (other !== undefined) {
        sink.error(item.span, 'package-group-package-in-two-groups', `package \`${item.value}\` appears in both package-group \`${other}\` and \`${name}\`; a package may only belong to one group, so remove it from one of them.`, { group: name, otherGroup: other });
      } else {
        firstGroup.set(item.value, name);
      }
    }
  }
}

function packageGroupFindings(check: (sink: DiagnosticSink, root: ModelTable) => void, file: string, text: string): CoreDiagnostic[] {
  const sink = new DiagnosticSink(file);
  check(sink, parseToml(text).root);
  return sink.diagnostics;
}

/** Package-group tables with names drawn from a small pool, so that repeats and names in two groups are common. */
function randomGroups(next: () => number, prefix: string, groups: number): string {
  const pool = Array.from({ length: 12 }, (_, i) => `pkg-${i}`);
  let text = '';
  for (let g = 0; g < groups; g++) {
    const items = Array.from({ length: Math.floor(next() * 10) }, () => {
      const r = next();
      return r < 0.08 ? '""' : r < 0.12 ? '1' : r < 0.15 ? '["nested"]' : JSON.stringify(pool[Math.floor(next() * pool.length)]);
    });
    text += `[package-groups.${prefix}${g}]\n${next() < 0.05 ? 'packages = "not-a-list"' : `packages = [${items.join(', ')}]`}\n`;
  }
  return text;
}

describe('checkPackageGroups: one map gives the two-map version’s findings', () => {
  it('on the real tree’s package files', () => {
    let items = 0;
    for (const f of corpusFiles) {
      const text = fs.readFileSync(f, 'utf8');
      if (!text.includes('[package-groups.')) continue;
      items += (text.match(/^\s*"/gm) ?? []).length;
      assert.deepEqual(packageGroupFindings(checkPackageGroups, f, text), packageGroupFindings(referencePackageGroups, f, text), f);
    }
    assert.ok(items > 10_000, `the package files list ${items} items`);
  });

  it('on random groups with repeats, names in two or more groups, empty names and non-string items', () => {
    let found = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      const text = randomGroups(next, 'g', 1 + Math.floor(next() * 5));
      const got = packageGroupFindings(checkPackageGroups, '/p/x.toml', text);
      assert.deepEqual(got, packageGroupFindings(referencePackageGroups, '/p/x.toml', text), `seed ${seed}:\n${text}`);
      found += got.length;
    }
    assert.ok(found > 300, 'the random groups produce findings of every kind');
  });
});

describe('project-package-in-two-groups: packed first listings give the pairs of the plain algorithm', () => {
  it('on random projects whose package files list the same names', () => {
    let found = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const next = random(seed);
      const files: Record<string, string> = { '/p/azldev.toml': 'includes = ["*.packages.toml"]\n' };
      const nFiles = 1 + Math.floor(next() * 4);
      for (let f = 0; f < nFiles; f++) files[`/p/f${f}.packages.toml`] = randomGroups(next, `f${f}-`, 1 + Math.floor(next() * 3));
      const model = loadProject(new DocumentCache(memoryFileSystem(files)), '/p/azldev.toml');
      const got = model.diagnostics.filter((d) => d.code === 'project-package-in-two-groups').map((d) => `${d.file}@${d.span.start} ${d.related?.[0]?.file}@${d.related?.[0]?.span.start} ${d.message}`);
      // Reference: walk the groups in the model's order; a name's first listing owns it.
      const want: string[] = [];
      const owner = new Map<string, { file: string; name: string; span: Span }>();
      for (const [name, def] of model.unions['package-groups']) {
        const node = def.node.type === 'table' ? def.node.entries.get('packages')?.node : undefined;
        for (const item of node?.type === 'array' ? node.items : []) {
          if (item.type !== 'scalar' || item.syntax.kind !== 'string') continue;
          const value = item.syntax.value;
          const first = owner.get(value);
          if (!first) owner.set(value, { file: def.file, name, span: item.span });
          else if (first.file !== def.file && first.name !== name)
            want.push(`${def.file}@${item.span.start} ${first.file}@${first.span.start} Package '${value}' is in package group '${name}' and also in '${first.name}' (${path.relative(path.dirname(def.file), first.file) || path.basename(first.file)}); a package may belong to one package group only`);
        }
      }
      assert.deepEqual(got, want, `seed ${seed}`);
      found += got.length;
    }
    assert.ok(found > 50, `the random projects put names in two groups (${found})`);
  });
});
