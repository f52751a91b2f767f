// House rules through the language service, as the server and the CLI apply them: levels from the project's
// .distro-toml.toml and from the caller (later wins), `off`, ignore comments on the next line and trailing,
// stacked and listing several codes, unused ones reported at the code (and not where the check did not run),
// the project file's own findings, and the quick fixes for both.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codeActions } from '../../../server/src/core/features/codeActions';
import { SchemaStore } from '../../../server/src/core/features/schemaWalk';
import { HOUSE_RULES_FILE } from '../../../server/src/core/houseRules/projectFile';
import type { CoreDiagnostic } from '../../../server/src/core/diagnostics';
import type { RuleGroup } from '../../../server/src/core/ruleCatalog';
import { memoryService } from '../../support/memoryService';
import { applyOffsetEdits } from '../../support/offsetEdits';
import { SCHEMAS_DIR } from '../../support/paths';

const ROOT = '/p';
const PROJECT = '/p/azldev.toml';
const COMP = '/p/comps/curl.comp.toml';
const RULES = `/p/${HOUSE_RULES_FILE}`;

const AZLDEV = 'includes = ["comps/*.comp.toml"]\n\n[project]\ndefault-distro = { name = "fedora", version = "43" }\n\n[distros.fedora]\ndefault-version = "43"\n\n[distros.fedora.versions.43]\nrelease-ver = "43"\n';
// Two overlays without a description (information), one unknown key (error).
const COMP_TEXT = [
  '[components.curl]',
  '',
  '[[components.curl.overlays]]',
  'type = "spec-remove-tag"',
  'tag = "Vendor"',
  '',
  '[[components.curl.overlays]]',
  'type = "spec-remove-tag"',
  'tag = "Packager"',
  '',
  '[components.curl.build]',
  'chek = { skip = false }',
  '',
].join('\n');

function shown(files: Record<string, string>, levels: Record<string, string> = {}, unjudged?: ReadonlySet<RuleGroup>) {
  const service = memoryService({ [PROJECT]: AZLDEV, ...files });
  const { levelsFromObject } = require('../../../server/src/core/houseRules/levels') as typeof import('../../../server/src/core/houseRules/levels');
  service.setRuleLevels(levelsFromObject(levels).levels);
  const check = service.checkProject(ROOT);
  const byFile = new Map<string, CoreDiagnostic[]>();
  for (const d of check.diagnostics) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  const out: CoreDiagnostic[] = [];
  for (const [file, list] of byFile) out.push(...service.applyHouseRules(file, list, unjudged));
  return { service, diags: out };
}

const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;
const summary = (diags: CoreDiagnostic[], file: string, text: string) =>
  diags.filter((d) => d.file === file).map((d) => `${lineOf(text, d.span.start)} ${d.severity} ${d.code}`).sort();

describe('rule levels', () => {
  it('without house rules every finding keeps its default level', () => {
    const { diags } = shown({ [COMP]: COMP_TEXT });
    assert.deepEqual(summary(diags, COMP, COMP_TEXT), ['12 error schema-unknown-key', '3 information guide-overlay-description', '7 information guide-overlay-description']);
  });

  it("the project's .distro-toml.toml raises, lowers and turns off rules", () => {
    const rules = '[rules]\nguide-overlay-description = "warning"\nschema-unknown-key = "off"\n';
    const { diags } = shown({ [COMP]: COMP_TEXT, [RULES]: rules });
    assert.deepEqual(summary(diags, COMP, COMP_TEXT), ['3 warning guide-overlay-description', '7 warning guide-overlay-description']);
    assert.deepEqual(diags.filter((d) => d.file === RULES), []);
  });

  it("the caller's levels (settings, --rule) override the project file code by code", () => {
    const rules = '[rules]\nguide-overlay-description = "warning"\nschema-unknown-key = "off"\n';
    const { diags } = shown({ [COMP]: COMP_TEXT, [RULES]: rules }, { 'guide-overlay-description': 'off', 'schema-unknown-key': 'hint' });
    assert.deepEqual(summary(diags, COMP, COMP_TEXT), ['12 hint schema-unknown-key']);
  });

  it('the project file reports unknown keys, codes and levels with a did-you-mean, and applies the rest', () => {
    const rules = '[rules]\nguide-overlay-descripton = "off"\nschema-unknown-key = "warn"\nguide-overlay-description = 3\nguide-inline-overlays = "off"\n\n[severity]\n';
    const { diags, service } = shown({ [COMP]: COMP_TEXT, [RULES]: rules });
    const own = diags.filter((d) => d.file === RULES);
    assert.deepEqual(
      own.map((d) => [d.code, rules.slice(d.span.start, d.span.end), d.data?.suggestion]),
      [
        ['house-rules-invalid', 'guide-overlay-descripton', 'guide-overlay-description'],
        ['house-rules-invalid', '"warn"', 'warning'],
        ['house-rules-invalid', '3', undefined],
        ['house-rules-invalid', 'severity', undefined],
      ],
    );
    assert.equal(service.houseRules(ROOT).levels.get('guide-inline-overlays'), 'off');
    // The quick fixes take the suggestions.
    const fixed = codeActions({ service, schemas: new SchemaStore(SCHEMAS_DIR) }, RULES, rules, own.slice(0, 2)).map((a) => applyOffsetEdits(rules, a.edits[RULES] ?? []));
    assert.ok(fixed[0]?.includes('\nguide-overlay-description = "off"\n'), fixed[0]);
    assert.ok(fixed[1]?.includes('schema-unknown-key = "warning"'), fixed[1]);
  });

  it('a project file that is not TOML is reported and changes nothing', () => {
    const { diags } = shown({ [COMP]: COMP_TEXT, [RULES]: '[rules\n' });
    assert.deepEqual(diags.filter((d) => d.file === RULES).map((d) => d.code), ['toml-syntax']);
    assert.equal(diags.filter((d) => d.file === COMP).length, 3);
  });

  it('the project file is neither checked as azldev config nor reported as a file nothing includes', () => {
    const { service, diags } = shown({ [COMP]: COMP_TEXT, [RULES]: '[rules]\n' });
    assert.equal(service.classify(RULES), undefined);
    assert.deepEqual(diags.filter((d) => d.file === RULES), []);
  });
});

describe('ignore comments', () => {
  const withComment = (line: number, comment: string) => {
    const lines = COMP_TEXT.split('\n');
    lines.splice(line - 1, 0, comment);
    return lines.join('\n');
  };

  it('a comment on its own line silences that code on the next line, and only there', () => {
    const text = withComment(3, '# distro-toml: ignore[guide-overlay-description] legacy overlay, kept as upstream wrote it');
    const { diags } = shown({ [COMP]: text });
    assert.deepEqual(summary(diags, COMP, text), ['13 error schema-unknown-key', '8 information guide-overlay-description']);
  });

  it('a trailing comment silences its own line; several codes in one comment; stacked comments', () => {
    const trailing = COMP_TEXT.replace('chek = { skip = false }', 'chek = { skip = false }  # distro-toml: ignore[schema-unknown-key]');
    assert.deepEqual(summary(shown({ [COMP]: trailing }).diags, COMP, trailing), ['3 information guide-overlay-description', '7 information guide-overlay-description']);
    const stacked = withComment(7, '# distro-toml: ignore[guide-overlay-description]\n\n# distro-toml: ignore[schema-unknown-key, guide-inline-overlays]');
    const d = shown({ [COMP]: stacked }).diags;
    // Line 10 (the second overlay header) is silenced for the description; the list's other codes are unused there.
    assert.deepEqual(summary(d, COMP, stacked), ['15 error schema-unknown-key', '3 information guide-overlay-description', '9 warning unused-ignore', '9 warning unused-ignore']);
  });

  it('an ignore that silences nothing is reported at its code, with a fix that removes it', () => {
    const text = withComment(1, '# distro-toml: ignore[guide-name-tag]');
    const { diags, service } = shown({ [COMP]: text });
    const unused = diags.filter((d) => d.code === 'unused-ignore');
    assert.deepEqual(unused.map((d) => [text.slice(d.span.start, d.span.end), d.severity]), [['guide-name-tag', 'warning']]);
    const [fix] = codeActions({ service, schemas: new SchemaStore(SCHEMAS_DIR) }, COMP, text, unused);
    assert.equal(fix?.title, 'Remove the ignore comment');
    assert.equal(applyOffsetEdits(text, fix?.edits[COMP] ?? []), COMP_TEXT);
  });

  it('a fix removes one unused code from a list and keeps the others', () => {
    const text = withComment(3, '# distro-toml: ignore[guide-name-tag, guide-overlay-description]');
    const { diags, service } = shown({ [COMP]: text });
    const unused = diags.filter((d) => d.code === 'unused-ignore');
    assert.equal(unused.length, 1);
    const [fix] = codeActions({ service, schemas: new SchemaStore(SCHEMAS_DIR) }, COMP, text, unused);
    assert.ok(applyOffsetEdits(text, fix?.edits[COMP] ?? []).includes('# distro-toml: ignore[guide-overlay-description]\n[[components'), fix?.title);
  });

  it('a misspelt code is reported with a did-you-mean', () => {
    const text = withComment(3, '# distro-toml: ignore[guide-overlay-descripton]');
    const unused = shown({ [COMP]: text }).diags.filter((d) => d.code === 'unused-ignore');
    assert.equal(unused.length, 1);
    assert.equal(unused[0]?.data?.suggestion, 'guide-overlay-description');
  });

  it('an ignore of a check that did not run, or of a rule turned off, is not called unused', () => {
    const text = withComment(1, '# distro-toml: ignore[overlay-does-not-apply, package-source-unknown, guide-name-tag]');
    assert.equal(shown({ [COMP]: text }, {}, new Set<RuleGroup>(['render', 'packages'])).diags.filter((d) => d.code === 'unused-ignore').length, 1);
    assert.equal(shown({ [COMP]: text }, { 'guide-name-tag': 'off' }, new Set<RuleGroup>(['render', 'packages'])).diags.filter((d) => d.code === 'unused-ignore').length, 0);
    assert.equal(shown({ [COMP]: text }).diags.filter((d) => d.code === 'unused-ignore').length, 3);
  });

  it('text that only looks like an ignore comment inside a string ignores nothing', () => {
    const text = COMP_TEXT.replace('tag = "Vendor"', 'tag = "Vendor"\ndescription = "# distro-toml: ignore[schema-unknown-key]"');
    const { diags } = shown({ [COMP]: text });
    assert.ok(diags.some((d) => d.code === 'schema-unknown-key'));
    assert.ok(!diags.some((d) => d.code === 'unused-ignore'));
  });

  it('unused-ignore itself can be turned off', () => {
    const text = withComment(1, '# distro-toml: ignore[guide-name-tag]');
    assert.ok(!shown({ [COMP]: text }, { 'unused-ignore': 'off' }).diags.some((d) => d.code === 'unused-ignore'));
  });
});
