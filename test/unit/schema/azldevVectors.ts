// Behaviour vectors for the schema tests, transcribed as data from azldev's Go tests:
// internal/projectconfig/overlay_test.go (TestComponentOverlay_Validate) and
// overlay_metadata_test.go (TestOverlayMetadata_Validate). `valid` is azldev's verdict.

export interface OverlayVector {
  readonly name: string;
  readonly overlay: Readonly<Record<string, string | readonly string[]>>;
  readonly valid: boolean;
}

export interface MetadataVector {
  readonly name: string;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly valid: boolean;
}

export const overlayVectors: readonly OverlayVector[] = [
  { name: "spec-add-tag valid", valid: true, overlay: {"type": "spec-add-tag", "tag": "BuildRequires", "value": "some-package"} },
  { name: "spec-add-tag missing tag", valid: false, overlay: {"type": "spec-add-tag", "value": "some-value"} },
  { name: "spec-add-tag missing value", valid: false, overlay: {"type": "spec-add-tag", "tag": "BuildRequires"} },
  { name: "spec-insert-tag valid", valid: true, overlay: {"type": "spec-insert-tag", "tag": "Source9999", "value": "macros.azl.macros"} },
  { name: "spec-insert-tag missing tag", valid: false, overlay: {"type": "spec-insert-tag", "value": "some-value"} },
  { name: "spec-insert-tag missing value", valid: false, overlay: {"type": "spec-insert-tag", "tag": "Source9999"} },
  { name: "spec-set-tag valid", valid: true, overlay: {"type": "spec-set-tag", "tag": "Version", "value": "1.0.0"} },
  { name: "spec-set-tag missing tag", valid: false, overlay: {"type": "spec-set-tag", "value": "1.0.0"} },
  { name: "spec-update-tag valid", valid: true, overlay: {"type": "spec-update-tag", "tag": "Release", "value": "2"} },
  { name: "spec-remove-tag valid", valid: true, overlay: {"type": "spec-remove-tag", "tag": "Obsoletes"} },
  { name: "spec-remove-tag missing tag", valid: false, overlay: {"type": "spec-remove-tag"} },
  { name: "spec-prepend-lines valid", valid: true, overlay: {"type": "spec-prepend-lines", "lines": ["# Comment"]} },
  { name: "spec-prepend-lines missing lines", valid: false, overlay: {"type": "spec-prepend-lines"} },
  { name: "spec-append-lines valid", valid: true, overlay: {"type": "spec-append-lines", "lines": ["# Footer"]} },
  { name: "spec-prepend-lines whole-file (no section) valid", valid: true, overlay: {"type": "spec-prepend-lines", "lines": ["# Top of file"]} },
  { name: "spec-prepend-lines whole-file with package rejected", valid: false, overlay: {"type": "spec-prepend-lines", "package": "foo", "lines": ["# Top of file"]} },
  { name: "spec-append-lines whole-file (no section) valid", valid: true, overlay: {"type": "spec-append-lines", "lines": ["# End of file"]} },
  { name: "spec-append-lines whole-file with package rejected", valid: false, overlay: {"type": "spec-append-lines", "package": "foo", "lines": ["# End of file"]} },
  { name: "spec-search-replace whole-file (no section) valid", valid: true, overlay: {"type": "spec-search-replace", "regex": "pattern", "replacement": "replacement"} },
  { name: "spec-search-replace whole-file with package rejected", valid: false, overlay: {"type": "spec-search-replace", "package": "foo", "regex": "pattern", "replacement": "replacement"} },
  { name: "spec-search-replace valid", valid: true, overlay: {"type": "spec-search-replace", "regex": "pattern", "replacement": "replacement"} },
  { name: "spec-search-replace valid with empty replacement", valid: true, overlay: {"type": "spec-search-replace", "regex": "pattern-to-delete", "replacement": ""} },
  { name: "spec-search-replace missing regex", valid: false, overlay: {"type": "spec-search-replace", "replacement": "replacement"} },
  { name: "file-prepend-lines valid", valid: true, overlay: {"type": "file-prepend-lines", "file": "test.txt", "lines": ["# Header"]} },
  { name: "file-prepend-lines missing file", valid: false, overlay: {"type": "file-prepend-lines", "lines": ["# Header"]} },
  { name: "file-prepend-lines missing lines", valid: false, overlay: {"type": "file-prepend-lines", "file": "test.txt"} },
  { name: "file-search-replace valid", valid: true, overlay: {"type": "file-search-replace", "file": "config.txt", "regex": "old", "replacement": "new"} },
  { name: "file-search-replace missing file", valid: false, overlay: {"type": "file-search-replace", "regex": "pattern", "replacement": "replacement"} },
  { name: "file-search-replace missing regex", valid: false, overlay: {"type": "file-search-replace", "file": "test.txt", "replacement": "replacement"} },
  { name: "file-add valid", valid: true, overlay: {"type": "file-add", "file": "new-file.txt", "source": "/path/to/source.txt"} },
  { name: "file-add missing file", valid: false, overlay: {"type": "file-add", "source": "/path/to/source.txt"} },
  { name: "file-add missing source", valid: false, overlay: {"type": "file-add", "file": "new-file.txt"} },
  { name: "file-remove archive-scoped path accepted", valid: true, overlay: {"type": "file-remove", "archive": "pkg-1.0.tar.gz", "file": "vendor/**"} },
  { name: "file-search-replace archive-scoped path accepted", valid: true, overlay: {"type": "file-search-replace", "archive": "pkg-1.0.tar.gz", "file": "vendor/config.h", "regex": "old", "replacement": "new"} },
  { name: "file-add archive field rejected", valid: false, overlay: {"type": "file-add", "archive": "pkg-1.0.tar.gz", "file": "vendor/new.txt", "source": "/path/to/source.txt"} },
  { name: "file-prepend-lines archive field rejected", valid: false, overlay: {"type": "file-prepend-lines", "archive": "pkg-1.0.tar.gz", "file": "vendor/config.h", "lines": ["// header"]} },
  { name: "patch-remove archive field rejected", valid: false, overlay: {"type": "patch-remove", "archive": "pkg-1.0.tar.gz", "file": "fix.patch"} },
  { name: "archive field with unrecognized extension rejected", valid: false, overlay: {"type": "file-remove", "archive": "pkg-1.0.zip", "file": "vendor/**"} },
  { name: "archive field without file field rejected", valid: false, overlay: {"type": "file-remove", "archive": "pkg-1.0.tar.gz"} },
  { name: "error includes description", valid: false, overlay: {"type": "spec-add-tag", "description": "Add vendor tag for compliance"} },
  { name: "patch-add valid with source only", valid: true, overlay: {"type": "patch-add", "source": "patches/fix-foo.patch"} },
  { name: "patch-add valid with source and file", valid: true, overlay: {"type": "patch-add", "source": "patches/fix-foo.patch", "file": "my-fix.patch"} },
  { name: "patch-add missing source", valid: false, overlay: {"type": "patch-add"} },
  { name: "patch-add absolute file path rejected", valid: false, overlay: {"type": "patch-add", "source": "patches/fix-foo.patch", "file": "/absolute/path.patch"} },
  { name: "patch-remove valid", valid: true, overlay: {"type": "patch-remove", "file": "fix-foo.patch"} },
  { name: "patch-remove missing file", valid: false, overlay: {"type": "patch-remove"} },
  { name: "patch-remove absolute file path rejected", valid: false, overlay: {"type": "patch-remove", "file": "/absolute/fix.patch"} },
  { name: "patch-remove with glob pattern valid", valid: true, overlay: {"type": "patch-remove", "file": "CVE-*.patch"} },
  { name: "patch-remove with doublestar glob valid", valid: true, overlay: {"type": "patch-remove", "file": "**/*.patch"} },
  { name: "patch-remove with invalid glob pattern", valid: false, overlay: {"type": "patch-remove", "file": "[invalid"} },
  { name: "spec-remove-section valid with section only", valid: true, overlay: {"type": "spec-remove-section", "section": "%generate_buildrequires"} },
  { name: "spec-remove-section valid with section and package", valid: true, overlay: {"type": "spec-remove-section", "section": "%files", "package": "devel"} },
  { name: "spec-remove-section missing section", valid: false, overlay: {"type": "spec-remove-section"} },
  { name: "spec-remove-subpackage valid", valid: true, overlay: {"type": "spec-remove-subpackage", "package": "devel"} },
  { name: "spec-remove-subpackage missing package", valid: false, overlay: {"type": "spec-remove-subpackage"} },
  { name: "spec-remove-subpackage rejects section field", valid: false, overlay: {"type": "spec-remove-subpackage", "package": "devel", "section": "%files"} },
  { name: "file-remove archive-scoped valid", valid: true, overlay: {"type": "file-remove", "archive": "pkg-1.0.tar.gz", "file": "unwanted.conf"} },
  { name: "file-remove archive-scoped glob valid", valid: true, overlay: {"type": "file-remove", "archive": "pkg-1.0.tar.gz", "file": "docs/**/*.md"} },
  { name: "file-remove of a bare archive name is a plain loose-file remove", valid: true, overlay: {"type": "file-remove", "file": "old.tar.gz"} },
  { name: "file-remove without archive field is a plain loose-file remove", valid: true, overlay: {"type": "file-remove", "file": "unwanted.conf"} },
  { name: "file-search-replace archive-scoped valid", valid: true, overlay: {"type": "file-search-replace", "archive": "pkg-1.0.tar.gz", "file": "config.h", "regex": "old_value", "replacement": "new_value"} },
];

export const metadataVectors: readonly MetadataVector[] = [
  { name: "upstream-backport with commits is valid", valid: true, metadata: {"category": "upstream-backport", "upstream-status": "upstreamed", "commits": [{"url": "https://src.fedoraproject.org/rpms/xclock/c/abc123"}]} },
  { name: "upstream-backport requires commits", valid: false, metadata: {"category": "upstream-backport", "upstream-status": "upstreamed"} },
  { name: "upstream-backport with bug refs valid", valid: true, metadata: {"category": "upstream-backport", "upstream-status": "upstreamed", "commits": [{"url": "https://src.fedoraproject.org/rpms/xclock/c/abc123"}], "bugs": [{"url": "https://github.com/example/repo/issues/1"}]} },
  { name: "azl-branding-policy with inapplicable status is valid", valid: true, metadata: {"category": "azl-branding-policy", "upstream-status": "inapplicable"} },
  { name: "azl-temp-workaround with unknown status is valid", valid: true, metadata: {"category": "azl-temp-workaround", "upstream-status": "unknown"} },
  { name: "azl-branding-policy may carry bugs and commits", valid: true, metadata: {"category": "azl-branding-policy", "upstream-status": "upstreamable", "commits": [{"url": "https://github.com/example/repo/commit/deadbeef"}], "bugs": [{"url": "https://bugzilla.redhat.com/show_bug.cgi?id=2234567"}, {"url": "https://github.com/example/repo/issues/2"}]} },
  { name: "upstream-status inapplicable is valid", valid: true, metadata: {"category": "azl-compatibility", "upstream-status": "inapplicable"} },
  { name: "upstream-status needs-upstream-hook is valid", valid: true, metadata: {"category": "azl-pruning", "upstream-status": "needs-upstream-hook"} },
  { name: "upstream-status upstreamed is valid", valid: true, metadata: {"category": "upstream-backport", "upstream-status": "upstreamed", "commits": [{"url": "https://src.fedoraproject.org/rpms/xclock/c/abc123"}]} },
  { name: "unknown upstream-status is rejected", valid: false, metadata: {"category": "azl-compatibility", "upstream-status": "bogus"} },
  { name: "missing category", valid: false, metadata: {"upstream-status": "upstreamed", "commits": [{"url": "https://example.com/commit/abc"}]} },
  { name: "unknown category", valid: false, metadata: {"category": "bogus", "upstream-status": "unknown"} },
  { name: "missing upstream-status", valid: false, metadata: {"category": "azl-branding-policy"} },
  { name: "bug requires url", valid: false, metadata: {"category": "azl-compatibility", "upstream-status": "inapplicable", "bugs": [{}]} },
  { name: "bug rejects non-http url", valid: false, metadata: {"category": "azl-compatibility", "upstream-status": "inapplicable", "bugs": [{"url": "ftp://example.com/bug/1"}]} },
  { name: "commit url must be http", valid: false, metadata: {"category": "upstream-backport", "upstream-status": "upstreamed", "commits": [{"url": "not-a-url"}]} },
  { name: "upstream-backport with explicit upstreamed status is valid", valid: true, metadata: {"category": "upstream-backport", "upstream-status": "upstreamed", "commits": [{"url": "https://src.fedoraproject.org/rpms/xclock/c/abc123"}]} },
  { name: "upstream-backport with upstreamable status is valid", valid: true, metadata: {"category": "upstream-backport", "upstream-status": "upstreamable", "commits": [{"url": "https://src.fedoraproject.org/rpms/xclock/c/abc123"}]} },
  { name: "upstream-backport with needs-upstream-hook status is contradictory", valid: false, metadata: {"category": "upstream-backport", "upstream-status": "needs-upstream-hook", "commits": [{"url": "https://src.fedoraproject.org/rpms/xclock/c/abc123"}]} },
  { name: "upstream-backport with inapplicable status is contradictory", valid: false, metadata: {"category": "upstream-backport", "upstream-status": "inapplicable", "commits": [{"url": "https://src.fedoraproject.org/rpms/xclock/c/abc123"}]} },
];
