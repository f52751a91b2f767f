// Every azldev-rendered spec in the shared corpus parses, serialises back byte for byte, and is classified
// line by line exactly as an independent transcription of azldev's spec.go rules classifies it.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parseSpec, serializeSpec } from '../../../server/src/core/spec';
import { listCorpusSpecs } from './corpus';

const files = listCorpusSpecs();
const texts = files.map((f) => readFileSync(f, 'utf8'));

// azldev's section table, typed out again here so the oracle shares no code with the parser.
const AZLDEV_SECTIONS: Record<string, string> = {
  '%package': 'Package', '%prep': 'Script', '%conf': 'Script', '%build': 'Script', '%install': 'Script',
  '%check': 'Script', '%clean': 'Script', '%generate_buildrequires': 'Script', '%pre': 'Script', '%post': 'Script',
  '%preun': 'Script', '%postun': 'Script', '%pretrans': 'Script', '%posttrans': 'Script', '%preuntrans': 'Script',
  '%postuntrans': 'Script', '%verify': 'Script', '%triggerin': 'Script', '%triggerun': 'Script',
  '%triggerprein': 'Script', '%triggerpostun': 'Script', '%filetriggerin': 'Script', '%filetriggerun': 'Script',
  '%filetriggerpostun': 'Script', '%transfiletriggerin': 'Script', '%transfiletriggerun': 'Script',
  '%transfiletriggerpostun': 'Script', '%description': 'Raw', '%files': 'Files', '%changelog': 'Changelog',
  '%patchlist': 'SourceFileList', '%sourcelist': 'SourceFileList',
};

interface OracleLine {
  kind: string;
  sectionName: string;
  tag?: [string, string];
}

function azldevOracle(text: string): OracleLine[] {
  const raw = text.split('\n');
  if (raw[raw.length - 1] === '') raw.pop();
  let sectionName = '';
  let sectionType = 'Package';
  return raw.map((physical) => {
    const logical = physical.startsWith('#') ? '' : physical.trim();
    const tokens = logical.split(/\s+/).filter((t) => t !== '');
    const first = tokens[0] ?? '';
    const type = first.startsWith('%') ? AZLDEV_SECTIONS[first.toLowerCase()] : undefined;
    if (type !== undefined) {
      sectionName = first;
      sectionType = type;
      return { kind: 'sectionStart', sectionName };
    }
    const m = sectionType === 'Package' ? /^\s*([^\s:]+):\s*(.*?)\s*$/.exec(logical) : null;
    if (m !== null) return { kind: 'tag', sectionName, tag: [m[1] as string, m[2] as string] };
    return { kind: 'raw', sectionName };
  });
}

test('the corpus holds all 601 rendered specs', () => {
  assert.ok(files.length >= 601, `found ${files.length} specs`);
});

test('every corpus spec round-trips byte for byte', () => {
  const broken = texts.flatMap((t, i) => (serializeSpec(parseSpec(t)) === t ? [] : [path.basename(files[i] as string)]));
  assert.deepEqual(broken, []);
});

test('every corpus line is classified as azldev classifies it', () => {
  let checked = 0;
  texts.forEach((text, i) => {
    const doc = parseSpec(text);
    const oracle = azldevOracle(text);
    assert.equal(doc.lines.length, oracle.length, files[i]);
    doc.lines.forEach((line, n) => {
      const want = oracle[n] as OracleLine;
      const where = `${files[i]}:${n + 1}`;
      assert.equal(line.kind, want.kind, where);
      assert.equal(doc.sections[line.section]?.name, want.sectionName, where);
      if (want.tag !== undefined) {
        assert.deepEqual([line.tag?.name, line.tag?.value], want.tag, where);
        const tag = line.tag;
        assert.ok(tag !== undefined);
        assert.equal(text.slice(tag.nameSpan.start, tag.nameSpan.end), tag.name, where);
        assert.equal(text.slice(tag.valueSpan.start, tag.valueSpan.end), tag.value, where);
      }
      checked++;
    });
  });
  assert.ok(checked > 300_000, `checked ${checked} lines`);
});

test('sections tile each corpus spec and lines point at the section that contains them', () => {
  for (const [i, text] of texts.entries()) {
    const doc = parseSpec(text);
    let nextLine = 0;
    let nextOffset = 0;
    for (const s of doc.sections) {
      assert.equal(s.startLine, nextLine, files[i]);
      assert.equal(s.start, nextOffset, files[i]);
      for (let n = s.startLine; n < s.endLine; n++) assert.equal(doc.lines[n]?.section, s.index, files[i]);
      nextLine = s.endLine;
      nextOffset = s.end;
    }
    assert.equal(nextLine, doc.lines.length, files[i]);
    assert.equal(nextOffset, text.length, files[i]);
  }
});

test('conditionals in every corpus spec are balanced and every line knows its nesting', () => {
  for (const [i, text] of texts.entries()) {
    const doc = parseSpec(text);
    assert.deepEqual(doc.problems, [], files[i]);
    let depth = 0;
    for (const line of doc.lines) {
      const kind = line.directive?.kind;
      // A directive line sits outside the block it opens, separates or closes.
      const expected = kind === 'branch' || kind === 'close' ? depth - 1 : depth;
      assert.equal(line.condition?.depth ?? 0, expected, `${files[i]}:${line.index + 1}`);
      if (kind === 'open') depth++;
      if (kind === 'close') depth--;
    }
    for (const block of doc.conditionals) {
      assert.ok(block.closed, files[i]);
      assert.equal(block.directives[0]?.kind, 'open');
      assert.equal(block.directives[block.directives.length - 1]?.kind, 'close');
    }
  }
});

test('parsing the whole corpus and the largest spec (figures printed; speed goals live in bench/)', (t) => {
  const started = performance.now();
  for (const t of texts) parseSpec(t);
  const corpusMs = performance.now() - started;
  const largest = texts.reduce((a, b) => (b.length > a.length ? b : a));
  const runs: number[] = [];
  for (let k = 0; k < 7; k++) {
    const s = performance.now();
    parseSpec(largest);
    runs.push(performance.now() - s);
  }
  runs.sort((a, b) => a - b);
  const median = runs[3] as number;
  const lineCount = largest.split('\n').length;
  t.diagnostic(`corpus ${corpusMs.toFixed(0)} ms; largest spec (${lineCount} lines) median ${median.toFixed(2)} ms`);
  assert.ok(lineCount > 5000);
});
