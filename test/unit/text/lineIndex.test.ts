// Positions to offsets as LSP reads a position (core/text/lineIndex.ts): a character past the end of its line is
// the line's end, before its line break (LF, CRLF, a lone CR); a line past the last is the end of the text; a
// position inside a surrogate pair is the pair's start. Compared with vscode-languageserver-textdocument, which
// reads positions the same way apart from the pair, over positions around every line of texts with each kind of line break.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex, lineStartsOf } from '../../../server/src/core/text/lineIndex';
import { CORPUS_ROOT } from '../../support/paths';

const TEXTS = ['a = 1\nbb = 2\n', 'a = 1\r\nbb = 2\r\n', 'a\rb\r\rc', '', '\n\n', 'k = "😀"\r\nx😀y\n😀', 'no break at the end'];

describe('LineIndex.offsetAt', () => {
  it('clamps a character past the end of its line to the line end, before the line break', () => {
    const index = new LineIndex('a = 1\r\nbb = 2\nc\rd');
    assert.equal(index.offsetAt({ line: 0, character: 99 }), 5);
    assert.equal(index.offsetAt({ line: 1, character: 99 }), 13);
    assert.equal(index.offsetAt({ line: 2, character: 99 }), 15);
    assert.equal(index.offsetAt({ line: 3, character: 99 }), 17);
    assert.equal(index.offsetAt({ line: 1e12, character: 0 }), 17);
    assert.equal(index.offsetAt({ line: -1, character: 5 }), 0);
  });

  it('reads a position inside a surrogate pair as the pair\'s start', () => {
    const text = 'k = "😀"\nx😀😀';
    const index = new LineIndex(text);
    assert.equal(index.offsetAt({ line: 0, character: 6 }), 5);
    assert.equal(index.offsetAt({ line: 0, character: 7 }), 7);
    assert.equal(index.offsetAt({ line: 1, character: 2 }), 10);
    assert.equal(index.offsetAt({ line: 1, character: 4 }), 12);
    assert.equal(index.offsetAt({ line: 1, character: 5 }), 14);
  });

  it('agrees with vscode-languageserver-textdocument everywhere else', () => {
    for (const text of TEXTS) {
      const index = new LineIndex(text);
      const doc = TextDocument.create('x', 'toml', 1, text);
      for (let line = -1; line <= doc.lineCount + 1; line++) {
        for (let character = -1; character <= 12; character++) {
          const expected = doc.offsetAt({ line, character });
          const insidePair = /[\uD800-\uDBFF]/.test(text[expected - 1] ?? '') && /[\uDC00-\uDFFF]/.test(text[expected] ?? '');
          assert.equal(index.offsetAt({ line, character }), insidePair ? expected - 1 : expected, `${JSON.stringify(text)} ${line}:${character}`);
        }
      }
    }
  });
});

describe('lineStartsOf', () => {
  it('gives the line starts vscode-languageserver-textdocument gives, for every file of the real tree as it is (LF) and with CRLF, CR and a mix', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(dir, e.name));
        else if (e.name.endsWith('.toml')) files.push(path.join(dir, e.name));
      }
    };
    walk(CORPUS_ROOT);
    assert.ok(files.length > 200, `${files.length} files`);
    let lines = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      for (const variant of [text, text.replace(/\n/g, '\r\n'), text.replace(/\n/g, '\r'), text.replace(/\n\n/g, '\n\r\n')]) {
        const doc = TextDocument.create('file:///x.toml', 'toml', 1, variant);
        const expected = Array.from({ length: doc.lineCount }, (_, line) => doc.offsetAt({ line, character: 0 }));
        assert.deepEqual(lineStartsOf(variant), expected, file);
        lines += expected.length;
      }
    }
    assert.ok(lines > 100_000, `${lines} lines`);
  });
});
