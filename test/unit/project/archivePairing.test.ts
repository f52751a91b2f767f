// Archive overlays pair with `source-files` entries of `origin.type = "overlay"` on the resolved component
// (azldev component.go ValidateArchiveOverlays, run by source preparation): each half alone is an error where
// it is written, whichever layer or overlay file writes it. The rows of azldev's TestValidateArchiveOverlayOrigins
// (component_test.go) that are about the pairing are the first table.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CoreDiagnostic } from '../../../server/src/core/diagnostics';
import { memoryService } from '../../support/memoryService';

const ARCHIVE = 'pkg.tar.gz';
const ROOT = 'includes = ["comps/*.comp.toml"]\n[project]\ndefault-distro = { name = "f", version = "1" }\n[distros.f.versions.1]\n';
const archiveOverlay = `[[components.curl.overlays]]\ndescription = "d"\ntype = "file-remove"\narchive = "${ARCHIVE}"\nfile = "vendor/**"\n`;
const sourceFile = (originType: string) =>
  `[[components.curl.source-files]]\nfilename = "${ARCHIVE}"\nhash = "00"\nhash-type = "SHA256"\nreplace-upstream = true\nreplace-reason = "r"\n` +
  `origin = { type = "${originType}"${originType === 'download' ? ', uri = "https://example.com/pkg.tar.gz"' : originType === 'custom' ? ', script = "gen.sh"' : ''} }\n`;

const PAIRING = new Set(['archive-overlay-origin-orphaned', 'archive-overlay-origin-missing']);

/** The pairing findings of the project, as `file: severity code [spanned text]`. */
function pairing(files: Record<string, string>): { shown: string[]; diags: CoreDiagnostic[] } {
  const all = Object.fromEntries(Object.entries({ 'azldev.toml': ROOT, ...files }).map(([k, v]) => [`/p/${k}`, v]));
  const diags = memoryService(all, { lint: false })
    .checkProject('/p')
    .diagnostics.filter((d) => PAIRING.has(d.code));
  return { diags, shown: diags.map((d) => `${d.file.slice(3)}: ${d.severity} ${d.code} [${(all[d.file] ?? '').slice(d.span.start, d.span.end)}]`) };
}

describe("azldev's TestValidateArchiveOverlayOrigins, the pairing rows", () => {
  const rows: { name: string; comp: string; want: string[] }[] = [
    { name: 'matching', comp: archiveOverlay + sourceFile('overlay'), want: [] },
    { name: 'missing origin', comp: archiveOverlay, want: [`comps/curl.comp.toml: error archive-overlay-origin-missing ["${ARCHIVE}"]`] },
    { name: 'orphaned origin', comp: `[components.curl]\n${sourceFile('overlay')}`, want: [`comps/curl.comp.toml: error archive-overlay-origin-orphaned ["${ARCHIVE}"]`] },
    { name: 'custom origin', comp: archiveOverlay + sourceFile('custom'), want: [`comps/curl.comp.toml: error archive-overlay-origin-missing ["${ARCHIVE}"]`] },
    { name: 'download origin', comp: archiveOverlay + sourceFile('download'), want: [`comps/curl.comp.toml: error archive-overlay-origin-missing ["${ARCHIVE}"]`] },
  ];
  for (const row of rows) {
    it(row.name, () => assert.deepEqual(pairing({ 'comps/curl.comp.toml': row.comp }).shown, row.want));
  }

  it("in azldev's words", () => {
    const [missing] = pairing({ 'comps/curl.comp.toml': archiveOverlay }).diags;
    assert.equal(
      missing?.message,
      "invalid archive overlays for component `curl`: archive overlay for `pkg.tar.gz` requires a matching 'source-files' entry with 'origin.type = overlay'; " +
        "add the entry to the component TOML, then run 'prepare-sources --allow-no-hashes' to bootstrap its hash (azldev's source preparation stops here).",
    );
    const [orphaned] = pairing({ 'comps/curl.comp.toml': `[components.curl]\n${sourceFile('overlay')}` }).diags;
    assert.match(orphaned?.message ?? '', /^invalid archive overlays for component `curl`: 'source-files' entry for `pkg\.tar\.gz` has 'origin\.type = overlay', but no archive-scoped overlay modifies that archive; add a matching archive overlay or remove the stale 'source-files' entry/);
  });
});

describe('the halves from different layers and files', () => {
  it("a group's archive overlay combines with the component's origin (component_test.go)", () => {
    const group = `[component-groups.archive-overlays]\ncomponents = ["curl"]\n[[component-groups.archive-overlays.default-component-config.overlays]]\ntype = "file-remove"\narchive = "${ARCHIVE}"\nfile = "vendor/**"\n`;
    assert.deepEqual(pairing({ 'comps/groups.comp.toml': group, 'comps/curl.comp.toml': `[components.curl]\n${sourceFile('overlay')}` }).shown, []);
  });

  it("a group's archive overlay without origins: one error at the group's overlay, counting its members", () => {
    const group = `[component-groups.g]\ncomponents = ["curl", "wget"]\n[[component-groups.g.default-component-config.overlays]]\ntype = "file-remove"\narchive = "${ARCHIVE}"\nfile = "vendor/**"\n`;
    const { shown, diags } = pairing({ 'comps/groups.comp.toml': group, 'comps/curl.comp.toml': '[components.curl]\n[components.wget]\n' });
    assert.deepEqual(shown, [`comps/groups.comp.toml: error archive-overlay-origin-missing ["${ARCHIVE}"]`]);
    assert.match(diags[0]?.message ?? '', /^invalid archive overlays for 2 components \(first `curl`\)/);
  });

  it('an overlay file holding the archive overlay pairs with the component origin', () => {
    const overlayFile = `[metadata]\ncategory = "azl-pruning"\nupstream-status = "inapplicable"\n\n[[overlays]]\ndescription = "d"\ntype = "file-remove"\narchive = "${ARCHIVE}"\nfile = "vendor/**"\n`;
    const comp = `[components.curl]\noverlay-files = ["curl/*.overlay.toml"]\n${sourceFile('overlay')}`;
    assert.deepEqual(pairing({ 'comps/curl.comp.toml': comp, 'comps/curl/prune.overlay.toml': overlayFile }).shown, []);
    // Without its source-files entry, the overlay file's overlay is the one to pair.
    assert.deepEqual(pairing({ 'comps/curl.comp.toml': '[components.curl]\noverlay-files = ["curl/*.overlay.toml"]\n', 'comps/curl/prune.overlay.toml': overlayFile }).shown, [
      `comps/curl/prune.overlay.toml: error archive-overlay-origin-missing ["${ARCHIVE}"]`,
    ]);
  });

  it('an empty overlay-files list clears the inherited patterns: the origin is orphaned', () => {
    const overlayFile = `[metadata]\ncategory = "azl-pruning"\nupstream-status = "inapplicable"\n\n[[overlays]]\ndescription = "d"\ntype = "file-remove"\narchive = "${ARCHIVE}"\nfile = "vendor/**"\n`;
    const root = ROOT.replace('[distros.f.versions.1]\n', '[distros.f.versions.1]\n\n[default-component-config]\noverlay-files = ["curl/*.overlay.toml"]\n');
    const comp = `[components.curl]\noverlay-files = []\n${sourceFile('overlay')}`;
    // Inherited patterns resolve against the component's own file (comps/), where the overlay file is.
    assert.deepEqual(pairing({ 'azldev.toml': root, 'comps/curl.comp.toml': comp.replace('overlay-files = []\n', ''), 'comps/curl/prune.overlay.toml': overlayFile }).shown, []);
    assert.deepEqual(pairing({ 'azldev.toml': root, 'comps/curl.comp.toml': comp, 'comps/curl/prune.overlay.toml': overlayFile }).shown, [
      `comps/curl.comp.toml: error archive-overlay-origin-orphaned ["${ARCHIVE}"]`,
    ]);
  });

  it('the editor shows the finding in the file that writes it', () => {
    const text = archiveOverlay;
    const service = memoryService({ '/p/azldev.toml': ROOT, '/p/comps/curl.comp.toml': text }, { lint: false });
    const codes = service.validateFile('/p/comps/curl.comp.toml', text).map((d) => `${d.severity} ${d.code}`);
    assert.deepEqual(codes, ['error archive-overlay-origin-missing']);
  });
});
