// azldev's TestApplySpecOverlay table (internal/app/azldev/core/sources/overlays_test.go), as data: each overlay,
// the spec it is applied to, and azldev's expected spec (or that it fails).

export interface SpecOverlayVector {
  name: string;
  overlay: Record<string, unknown>;
  spec: string;
  error?: boolean;
  result?: string;
}

export const SPEC_OVERLAY_VECTORS: SpecOverlayVector[] = [
  {
    "name": "set existing tag",
    "overlay": {
      "type": "spec-set-tag",
      "tag": "Name",
      "value": "updated"
    },
    "spec": "Name: original\n",
    "result": "Name: updated\n"
  },
  {
    "name": "set tag in non-existent package",
    "overlay": {
      "type": "spec-set-tag",
      "tag": "Name",
      "value": "updated",
      "package": "i-do-not-exist"
    },
    "spec": "Name: original\n",
    "error": true
  },
  {
    "name": "update existing tag",
    "overlay": {
      "type": "spec-update-tag",
      "tag": "Name",
      "value": "updated"
    },
    "spec": "Name: original\n",
    "result": "Name: updated\n"
  },
  {
    "name": "update non-existing tag",
    "overlay": {
      "type": "spec-update-tag",
      "tag": "Vendor",
      "value": "updated"
    },
    "spec": "Name: original\n",
    "error": true
  },
  {
    "name": "add tag",
    "overlay": {
      "type": "spec-add-tag",
      "tag": "BuildRequires",
      "value": "added-package"
    },
    "spec": "Name: name\nBuildRequires: existing-package\n",
    "result": "Name: name\nBuildRequires: existing-package\nBuildRequires: added-package\n"
  },
  {
    "name": "add tag to non-existent package",
    "overlay": {
      "type": "spec-add-tag",
      "tag": "BuildRequires",
      "value": "added-package",
      "package": "i-do-not-exist"
    },
    "spec": "Name: name\n",
    "error": true
  },
  {
    "name": "insert tag after same family",
    "overlay": {
      "type": "spec-insert-tag",
      "tag": "Source9999",
      "value": "macros.azl.macros"
    },
    "spec": "Name: name\nSource0: test.tar.gz\nBuildRequires: gcc\n",
    "result": "Name: name\nSource0: test.tar.gz\nSource9999: macros.azl.macros\nBuildRequires: gcc\n"
  },
  {
    "name": "insert tag to non-existent package",
    "overlay": {
      "type": "spec-insert-tag",
      "tag": "Source9999",
      "value": "macros.azl.macros",
      "package": "i-do-not-exist"
    },
    "spec": "Name: name\n",
    "error": true
  },
  {
    "name": "remove tag",
    "overlay": {
      "type": "spec-remove-tag",
      "tag": "BuildRequires",
      "value": "problematic-package"
    },
    "spec": "Name: name\nBuildRequires: okay-package\nBuildRequires: problematic-package\nBuildRequires: another-okay-package\n",
    "result": "Name: name\nBuildRequires: okay-package\nBuildRequires: another-okay-package\n"
  },
  {
    "name": "remove non-existent tag",
    "overlay": {
      "type": "spec-remove-tag",
      "tag": "BuildRequires",
      "value": "problematic-package"
    },
    "spec": "Name: name\nBuildRequires: okay-package\n",
    "error": true
  },
  {
    "name": "prepend lines",
    "overlay": {
      "type": "spec-prepend-lines",
      "section": "%files",
      "package": "mine",
      "lines": [
        "file1",
        "file2"
      ]
    },
    "spec": "Name: name\n\n%files\nsome-file\n\n%files -n mine\nother-file\n\n%changelog\n",
    "result": "Name: name\n\n%files\nsome-file\n\n%files -n mine\nfile1\nfile2\nother-file\n\n%changelog\n"
  },
  {
    "name": "prepend lines to non-existent section",
    "overlay": {
      "type": "spec-prepend-lines",
      "section": "%prep",
      "lines": [
        "do-something"
      ]
    },
    "spec": "Name: name\n",
    "error": true
  },
  {
    "name": "append lines",
    "overlay": {
      "type": "spec-append-lines",
      "section": "%description",
      "lines": [
        "line1"
      ]
    },
    "spec": "Name: name\n\n%description\nsome-description\nthat keeps going\n\n%changelog\n",
    "result": "Name: name\n\n%description\nsome-description\nthat keeps going\n\nline1\n%changelog\n"
  },
  {
    "name": "append lines to non-existent section",
    "overlay": {
      "type": "spec-append-lines",
      "section": "%prep",
      "lines": [
        "do-something"
      ]
    },
    "spec": "Name: name\n",
    "error": true
  },
  {
    "name": "prepend lines to entire spec (no section)",
    "overlay": {
      "type": "spec-prepend-lines",
      "lines": [
        "# top of file"
      ]
    },
    "spec": "Name: name\n\n%description\ntext\n\n%changelog\n* Mon Jan 01 2024 User <user@example.com> - 1.0-1\n- Initial release\n",
    "result": "# top of file\nName: name\n\n%description\ntext\n\n%changelog\n* Mon Jan 01 2024 User <user@example.com> - 1.0-1\n- Initial release\n"
  },
  {
    "name": "append lines to entire spec (no section)",
    "overlay": {
      "type": "spec-append-lines",
      "lines": [
        "# end of file"
      ]
    },
    "spec": "Name: name\n\n%description\ntext\n\n%changelog\n* Mon Jan 01 2024 User <user@example.com> - 1.0-1\n- Initial release\n",
    "result": "Name: name\n\n%description\ntext\n\n%changelog\n* Mon Jan 01 2024 User <user@example.com> - 1.0-1\n- Initial release\n# end of file\n"
  },
  {
    "name": "search and replace",
    "overlay": {
      "type": "spec-search-replace",
      "section": "%build",
      "regex": "--enable-feature\\w*\\s*",
      "replacement": ""
    },
    "spec": "Name: name\n\n%build\n./configure --enable-feature1 --enable-feature2 --enable-other-thing\n\n%changelog\n",
    "result": "Name: name\n\n%build\n./configure --enable-other-thing\n\n%changelog\n"
  },
  {
    "name": "search and replace with no matches",
    "overlay": {
      "type": "spec-search-replace",
      "section": "%build",
      "regex": "--enable-foo",
      "replacement": ""
    },
    "spec": "Name: name\n\n%build\n./configure --enable-baz\n\n%changelog\n",
    "error": true
  },
  {
    "name": "search and replace across entire spec (no section)",
    "overlay": {
      "type": "spec-search-replace",
      "regex": "oldname",
      "replacement": "newname"
    },
    "spec": "Name: oldname\n\n%description\noldname package\n\n%build\n./configure --prefix=/opt/oldname\n\n%changelog\n",
    "result": "Name: newname\n\n%description\nnewname package\n\n%build\n./configure --prefix=/opt/newname\n\n%changelog\n"
  }
];
