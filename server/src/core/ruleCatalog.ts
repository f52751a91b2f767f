// Every diagnostic code Distro TOML reports, with its default level and what it means. `CoreDiagnostic.code`
// is a `RuleCode`, so a finding with a code missing here does not compile; the README's rule table, SARIF's
// rule descriptions and the house-rules validation are all generated from this one list.
import type { Severity } from './diagnostics';

/** Where a finding comes from: the groups of the README table, and which checks a run may not have made. */
export type RuleGroup = 'toml' | 'files' | 'schema' | 'azldev' | 'project' | 'guide' | 'render' | 'packages' | 'house';

export interface RuleInfo {
  group: RuleGroup;
  /** The level it is reported at unless house rules say otherwise (some rules lower it where azldev is lenient). */
  level: Severity;
  /** One line: what is wrong. */
  summary: string;
  /** One paragraph: why it matters and what to do. */
  help: string;
}

const r = (group: RuleGroup, level: Severity, summary: string, help: string): RuleInfo => ({ group, level, summary, help });

export const RULE_CATALOG = {
  // TOML itself
  'toml-syntax': r('toml', 'error', 'The text is not valid TOML.', 'The parser recovers and keeps checking the rest of the file, but azldev refuses the whole file. The range points at the first character that cannot be read (an unclosed string or bracket, a half-typed key); fix that first, later findings often follow from it.'),
  'toml-duplicate-key': r('toml', 'error', 'A key is defined twice in the same table.', 'TOML forbids defining a key twice; azldev fails to load the file. The related location shows the first definition: keep one of them (the quick fix removes the duplicate).'),
  'toml-redefined-table': r('toml', 'error', 'A table is defined twice, or as a table and an array of tables.', 'A `[header]` may appear once, and a name cannot be both `[x]` and `[[x]]` or a table and a value. Merge the two definitions into one.'),
  'toml-invalid-extension': r('toml', 'error', 'A table is extended where TOML does not allow it.', 'A dotted key or header tries to add to something already defined as a value, an inline table or an array. Write the keys inside the existing definition instead.'),
  'invalid-utf8': r('toml', 'error', 'The file holds bytes that are not UTF-8.', 'TOML files must be UTF-8, and azldev rejects other encodings. Save the file as UTF-8; the finding names the byte offset of each invalid sequence.'),
  // Files and reads
  'file-not-regular': r('files', 'error', 'A path an include, an `overlay-files` entry or the command line names is a FIFO, socket or device, not a regular file.', 'Distro TOML opens regular files only, so that a hostile tree cannot make it block or read a device; the finding says the file was not read. azldev opens whatever its globs match that is not a directory, so it would wait forever on a FIFO. Replace the path with a regular file, or narrow the glob.'),
  'file-too-large': r('files', 'error', 'An included file is over the 8 MiB limit for one file.', 'Configuration files that large are not read, so that a generated or hostile file cannot exhaust memory. Split the file, or exclude it from the include globs.'),
  'file-unreadable': r('files', 'error', 'An included file does not exist or cannot be read.', 'The file was matched or named but cannot be opened (permissions, a broken symbolic link, removed meanwhile). azldev fails the same way; fix the path or the permissions.'),
  'path-outside-project': r('files', 'error', 'A path leaves the project root and is not read.', 'An include, `overlay-files` entry, local spec `path` or overlay `source` that reaches outside the project (through `../`, an absolute path or a symbolic link) is refused: the tree is untrusted data and only the project is read. Move the file into the project and name it by a relative path.'),
  'path-not-found': r('files', 'error', 'A named file does not exist.', 'A literal path (an include without glob characters, a spec `path`, an overlay `source`) names no file. azldev fails on it; fix the path, which is relative to the file that names it.'),
  'too-many-diagnostics': r('files', 'warning', 'A file has more than 1,000 findings; the rest are summarized.', 'Only the first 1,000 findings of a file are reported, then this one summary with the number left out. Fix the first ones (often one syntax error causes the rest) and check again.'),
  // The JSON schema
  'schema-unknown-key': r('schema', 'error', 'A key the schema does not define.', "azldev's structures reject unknown fields, so a misspelt key stops the load (or, with older azldev, is silently ignored). The quick fix offers the closest known keys."),
  'schema-missing-key': r('schema', 'error', 'A required key is missing.', "The schema requires this key in this table. Keys azldev's loader can take from inheritance (a component's `spec.type`, a distro version's `release-ver`) are checked on the effective configuration instead and are not reported here."),
  'schema-type': r('schema', 'error', 'A value has the wrong type.', 'For example a string where the schema wants a boolean or an array. The message says which types are allowed and what was found.'),
  'schema-enum': r('schema', 'error', 'A value is not one of the allowed values.', 'The field takes a fixed set of values (overlay types, origin types, hash types...). The quick fix offers the closest allowed values.'),
  'schema-not-allowed': r('schema', 'error', 'A key is not allowed in this place.', 'The schema forbids this key here (for example a field that only one overlay type accepts). Remove it or move it where it belongs.'),
  'schema-alternatives': r('schema', 'error', 'A table matches none of the forms the schema allows.', 'The value must match one (or exactly one) of several shapes, such as exactly one of `base-uri` or `metalink`. The message names the keys that choose the form.'),
  'schema-property-name': r('schema', 'error', 'A table key is not a valid name for its table.', 'Some tables restrict their key names (for example distro version names). Rename the key to match the pattern the message gives.'),
  'schema-unquoted-datetime': r('schema', 'error', 'A date-time is written unquoted where azldev wants a string.', 'TOML reads `snapshot = 2026-02-24T00:00:00Z` as a date-time value, but azldev expects a string. The quick fix quotes it.'),
  'schema-pattern': r('schema', 'error', "A string does not match the schema's pattern.", 'The field has a format the schema states as a regular expression (names, versions, hashes). The message shows the expected pattern.'),
  'schema-format': r('schema', 'error', 'A string is not in the format the schema names.', "For example a URI or date-time field holding something else. Write the value in the named format."),
  'schema-min-length': r('schema', 'error', 'A string is shorter than the schema allows.', 'Usually an empty string where a value is required. Fill it in or remove the key.'),
  'schema-max-length': r('schema', 'error', 'A string is longer than the schema allows.', 'Shorten the value to the length the message gives.'),
  'schema-min-items': r('schema', 'error', 'An array has fewer items than the schema allows.', 'Usually an empty array where at least one entry is required. Add an entry or remove the key.'),
  'schema-max-items': r('schema', 'error', 'An array has more items than the schema allows.', 'Remove entries down to the limit the message gives.'),
  'schema-unique-items': r('schema', 'error', 'An array lists the same item twice.', 'The schema wants each entry once. Remove the repeat.'),
  'schema-minimum': r('schema', 'error', 'A number is below the minimum the schema allows.', 'Use a value at or above the minimum the message gives.'),
  'schema-maximum': r('schema', 'error', 'A number is above the maximum the schema allows.', 'Use a value at or below the maximum the message gives.'),
  'schema-not': r('schema', 'error', 'A value has a form the schema excludes.', 'The schema states this combination is not allowed. The message says which part is refused.'),
  'schema-invalid': r('schema', 'error', 'A value breaks another schema constraint.', 'A schema keyword Distro TOML has no dedicated code for; the message carries the validator\'s words.'),
  // azldev's load-time rules, one file at a time
  'overlay-missing-field': r('azldev', 'error', 'An overlay lacks a field its type requires.', "azldev's overlay validation requires fields per type (`tag` and `value` for the tag overlays, `regex` for the search-and-replace ones, `lines`, `section`, `file`, `source`...). The quick fix adds the field."),
  'overlay-forbidden-field': r('azldev', 'error', 'An overlay sets a field its type refuses.', 'Some types reject fields outright (for example `section` on `spec-remove-subpackage`, `archive` on overlays that cannot reach into an archive); azldev stops loading. The quick fix removes it.'),
  'overlay-unused-field': r('azldev', 'warning', 'An overlay sets a field its type ignores.', 'azldev accepts the field but never reads it for this type, so the overlay does not do what it seems to say. Remove it, or use the overlay type that reads it.'),
  'overlay-package-requires-section': r('azldev', 'error', 'An overlay sets `package` without `section`.', 'A sub-package only qualifies a section (`%files foo`), so azldev requires `section` whenever `package` is set. Add a section, or remove `package` to target the whole spec.'),
  'overlay-file-not-relative': r('azldev', 'error', "An overlay's `file` is an absolute path.", '`file` names a file in the component sources (a sidecar file or a patch), relative to them. Drop the leading `/`.'),
  'overlay-file-escapes': r('azldev', 'error', "An overlay's `file` would write outside the component's sources.", "azldev refuses a `file` that leaves the sources directory (`..`, an absolute path) because it writes there. Name a file inside the component's sources."),
  'overlay-replacement-not-filename': r('azldev', 'error', 'A `file-rename` replacement is not a file name.', 'The new name must be a plain file name; a path ending in `/` names a directory, and azldev fails to rename onto it.'),
  'overlay-glob-invalid': r('azldev', 'error', 'A `patch-remove` file pattern is not a valid glob.', 'The pattern is matched against the patch names with doublestar; an unclosed `[` or `{` or a trailing lone backslash fails the render.'),
  'overlay-archive-invalid': r('azldev', 'error', "An overlay's `archive` does not name an archive azldev can repack.", 'azldev can only reach into `.tar`, `.tar.gz`/`.tgz`, `.tar.xz`/`.txz` and `.tar.zst`/`.tzst` sources.'),
  'overlay-archive-unsafe': r('azldev', 'error', "An overlay's `archive` is not a plain file name.", 'The archive is a file of the component sources; a path with directories or `..` is refused.'),
  'overlay-file-per-overlay-metadata': r('azldev', 'error', 'An overlay inside an overlay file has its own `metadata`.', 'In a `*.overlay.toml` document the top-level `[metadata]` applies to every overlay, and azldev rejects per-overlay metadata there. Move it to the file level.'),
  'archive-overlay-loose-conflict': r('azldev', 'error', 'An archive is changed both as a loose file and from inside.', 'An archive modified by an archive-scoped overlay cannot also be targeted by a loose-file overlay; azldev refuses the combination. Drop one of them.'),
  'regex-invalid': r('azldev', 'error', 'An overlay regex is not valid Go RE2 syntax.', 'azldev compiles `regex` with Go\'s regexp package (RE2): no look-around, no back-references. The message carries the compiler\'s error; Distro TOML checks with an RE2 engine.'),
  'metadata-commits-required': r('azldev', 'error', 'An `upstream-backport` overlay lists no commits.', 'Overlay metadata with category `upstream-backport` must name at least one upstream commit it backports (`commits = [{ url = "..." }]`).'),
  'metadata-upstream-status-contradictory': r('azldev', 'error', "An overlay's upstream status contradicts its category.", 'An `upstream-backport` is upstreamed or upstreamable by definition; another `upstream-status` is refused. The quick fix offers the allowed values.'),
  'metadata-url-invalid': r('azldev', 'error', 'A metadata commit or bug link is not an http(s) URL.', 'azldev requires absolute links with a host, such as `https://src.fedoraproject.org/...`.'),
  'build-skip-reason-required': r('azldev', 'error', '`check.skip = true` without `skip_reason`.', 'Disabling `%check` must say why. It is an error on a component and a warning on a default-component-config, where a later layer may add the reason. The quick fix adds the key.'),
  'build-expected-reason-required': r('azldev', 'error', '`failure.expected = true` without `expected-reason`.', 'A build expected to fail must say why. It is an error on a component and a warning on a default-component-config. The quick fix adds the key.'),
  'spec-field-requires-type': r('azldev', 'error', 'A spec field that belongs to the other spec type.', '`path` is only valid with `type = "local"`; `upstream-name`, `upstream-distro` and `upstream-commit` only with `type = "upstream"`. azldev rejects the file.'),
  'spec-path-required': r('azldev', 'error', 'A local spec without `path`.', 'A `type = "local"` spec must name its spec file, relative to the config file.'),
  'spec-snapshot-per-component': r('azldev', 'warning', 'A component sets its own upstream `snapshot`.', 'Snapshots belong on the distro or a group\'s default-component-config so the tree moves together; to pin one component use `upstream-commit`.'),
  'component-name-invalid': r('azldev', 'error', 'A component name cannot be a file or directory name.', 'The name becomes a directory and a file name when azldev renders the component or writes its lock file, so names with `/`, `..` or control characters are refused. Name the component like its RPM package.'),
  'config-empty-entry': r('azldev', 'error', 'An empty string in `includes`, `overlay-files` or a path list.', 'azldev fails on an empty entry. The quick fix removes it.'),
  'glob-pattern-invalid': r('azldev', 'error', 'An include or `overlay-files` pattern is not a valid glob.', 'azldev validates every pattern with doublestar before reading a directory and stops on the first bad one (an unclosed `[` or `{`, a trailing backslash).'),
  'publish-channel-invalid': r('azldev', 'error', 'A publish channel is not a plain directory name.', 'A channel names one directory of the published repositories; use a plain name such as `base`.'),
  'package-group-empty-package': r('azldev', 'error', 'An empty string in a package group.', 'Each entry of `packages` names a binary package. Remove the empty entry.'),
  'package-group-duplicate-package': r('azldev', 'error', 'A package group lists a package twice.', 'Remove the repeat.'),
  'package-group-package-in-two-groups': r('azldev', 'error', 'A package is in two package groups of one file.', 'A binary package belongs to one package group only; remove it from one of them. (Across files the project check reports `project-package-in-two-groups`.)'),
  'source-file-origin-required': r('azldev', 'error', 'A source file without `origin`.', 'Every `[[source-files]]` entry needs an origin, e.g. `origin = { type = "download", uri = "https://..." }`.'),
  'source-file-uri-required': r('azldev', 'error', 'A download source file without `uri`.', 'An origin of type `download` must say where to download from.'),
  'source-file-uri-invalid': r('azldev', 'error', "A source file's `uri` has no scheme.", 'Write an absolute URI such as `https://...`.'),
  'source-file-uri-unexpected': r('azldev', 'error', 'A `uri` on a custom or overlay origin.', '`uri` is only valid on `download` origins; remove it.'),
  'source-file-hash-type-required': r('azldev', 'error', '`hash` without `hash-type`.', 'azldev needs to know how to verify the hash: add `hash-type = "SHA512"` (or `"SHA256"`). The quick fix adds it.'),
  'source-file-replace-reason-required': r('azldev', 'error', '`replace-upstream = true` without `replace-reason`.', 'Overriding a file of the upstream sources must be documented. The quick fix adds the key.'),
  'source-file-replace-reason-unexpected': r('azldev', 'error', '`replace-reason` without `replace-upstream = true`.', 'The reason only means something when the file replaces an upstream one: set `replace-upstream`, or remove the reason.'),
  'source-file-overlay-requires-replace-upstream': r('azldev', 'error', "An `origin.type = \"overlay\"` file without `replace-upstream = true`.", 'An overlay origin repacks an archive that is already in the upstream `sources` file, so it replaces it. The quick fix sets `replace-upstream = true`.'),
  'source-file-script-required': r('azldev', 'error', 'A custom origin without `script`.', 'A `custom` origin is produced by a script next to the spec; name it, e.g. `script = "generate.sh"`.'),
  'source-file-invalid-script': r('azldev', 'error', "A custom origin's `script` is not a plain file name.", 'The script is a file next to the spec; a path is refused.'),
  'source-file-invalid-input': r('azldev', 'error', "A custom origin's `inputs` entry is not a plain file name.", 'Inputs are files next to the spec that the script reads; name each by its file name.'),
  'source-file-duplicate-input': r('azldev', 'error', 'A custom origin lists an input twice.', 'Remove the repeat.'),
  'source-file-input-is-script': r('azldev', 'error', 'A custom origin lists its script among its inputs.', 'The script is already copied; remove it from `inputs`.'),
  'source-file-custom-only-field': r('azldev', 'error', '`script`, `mock-packages` or `inputs` on a non-custom origin.', 'These fields only mean something for `type = "custom"`: remove them or change the type.'),
  'source-file-invalid-filename': r('azldev', 'error', "A source file's `filename` is not a plain file name.", 'Use the file name as the spec\'s Source tag names it, without directories.'),
  'source-file-duplicate': r('azldev', 'error', 'Two source files with the same filename.', 'Each filename in a component\'s `source-files` must be unique; merge or remove one.'),
  'resource-invalid-name': r('azldev', 'error', 'A resource or sub-repo name azldev refuses.', 'Repository names become repo IDs: letters, digits and `-_.:` only, starting with a letter or digit.'),
  'resource-unsupported-type': r('azldev', 'error', 'An rpm-repo of a type azldev does not support.', 'Only `rpm-md` repositories are supported.'),
  'resource-unsafe-characters': r('azldev', 'error', 'A resource field holds characters that would break the generated repo file.', 'Descriptions and sub-paths are written into dnf/mock repository files; newlines and other control characters are refused.'),
  'resource-repo-source-required': r('azldev', 'error', 'An rpm-repo with neither `base-uri` nor `metalink`.', 'Each repository must say where it lives: exactly one of the two.'),
  'resource-repo-source-conflict': r('azldev', 'error', 'An rpm-repo with both `base-uri` and `metalink`.', 'Keep one of them.'),
  'resource-invalid-uri': r('azldev', 'error', 'A repository URI is not an http(s) URL as Go parses it.', 'azldev parses `base-uri` and `metalink` with Go\'s URL parser and requires http(s) with a host.'),
  'resource-gpg-key-required': r('azldev', 'error', 'A repository without `gpg-key` that does not disable the GPG check.', 'Set `gpg-key`, or say `disable-gpg-check = true` explicitly.'),
  'resource-invalid-gpg-key': r('azldev', 'error', 'A `gpg-key` that is neither an http(s) URL nor a usable file path.', 'Name the key by an https URL or a path azldev can read.'),
  'resource-template-no-subrepos': r('azldev', 'error', 'A repo-set template without sub-repos.', 'A template must define at least one entry in `subrepos`.'),
  'resource-duplicate-subrepo': r('azldev', 'error', 'A repo-set template names a sub-repo twice.', 'Sub-repo names must be unique within a template.'),
  'resource-invalid-subrepo-kind': r('azldev', 'error', 'A sub-repo `kind` other than binary, debug or source.', 'Use one of the three kinds.'),
  'resource-subpath-required': r('azldev', 'error', 'A sub-repo without `subpath`.', 'Each sub-repo says where it lives below the set\'s `base-uri`.'),
  'resource-subpath-absolute': r('azldev', 'error', 'A sub-repo `subpath` with a leading slash.', 'The sub-path is joined to the set\'s `base-uri`; make it relative.'),
  'resource-set-template-required': r('azldev', 'error', 'A repo set without `template`.', 'Name an entry of `[resources.rpm-repo-set-templates]`.'),
  'resource-set-base-uri-required': r('azldev', 'error', 'A repo set without `base-uri`.', 'The set\'s sub-repos are found below its `base-uri`.'),
  'resource-set-base-uri-query': r('azldev', 'error', "A repo set's `base-uri` has a query string or fragment.", 'Sub-paths are appended to the base URI, which azldev refuses when it carries `?` or `#`.'),
  'test-suite-invalid-name': r('azldev', 'error', 'A test suite name azldev refuses.', 'Test suite names are identifiers: letters, digits, `-` and `_`.'),
  'test-suite-type-required': r('azldev', 'error', 'A test suite without `type`.', 'Set `type = "pytest"` or `type = "lisa"`.'),
  'test-suite-unknown-type': r('azldev', 'error', 'A test suite of an unknown type.', 'Only `pytest` and `lisa` are supported.'),
  'test-suite-mismatched-subtable': r('azldev', 'error', "A test suite has the other type's subtable.", 'A `pytest` suite must not have `[lisa]`, and the reverse.'),
  'test-suite-pytest-required': r('azldev', 'error', 'A pytest suite without a `[pytest]` subtable.', 'Add e.g. `pytest = { test-paths = ["tests/"] }`.'),
  'test-suite-invalid-install-mode': r('azldev', 'error', 'An unknown pytest install mode.', 'Allowed: `pyproject`, `requirements`, `none` (the default).'),
  'test-suite-working-dir-required': r('azldev', 'error', 'A pytest install mode without `working-dir`.', 'With `pyproject` or `requirements`, say which directory holds the file to install from.'),
  'test-suite-git-url-required': r('azldev', 'error', 'A LISA framework without `git-url`.', 'Say where the test framework is cloned from.'),
  'test-suite-ref-required': r('azldev', 'error', 'A LISA framework without `ref`.', 'Pin the framework to a full 40-hex-digit commit.'),
  'test-suite-invalid-ref': r('azldev', 'error', 'A LISA `ref` that is not a 40-hex-digit commit.', 'Branches and short hashes are refused: pin the full commit.'),
  'test-suite-test-cases-required': r('azldev', 'error', 'A LISA suite without test cases.', 'List the test cases to run.'),
  // The whole project
  'include-cycle': r('project', 'error', 'Files include each other in a circle.', 'azldev walks includes depth-first and stops with "circular include detected". Remove one of the includes.'),
  'include-repeated': r('project', 'error', 'An include reaches files that are already included.', 'azldev keeps one set of loaded files for the whole include walk and stops at the first file reached a second time with "circular include detected". One finding per include entry counts the files it reaches again and names the first few, with where each was first included. Include each file once: narrow the pattern, or remove the entry.'),
  'include-glob-work-limit': r('project', 'error', 'An include pattern needs too much work to expand.', 'The pattern would visit an unbounded number of directories (for example `**` over a huge or looping tree); Distro TOML stops expanding it. Narrow the pattern.'),
  'project-duplicate-component': r('project', 'error', 'A component defined in two files.', 'Components are a strict union across the project: azldev stops with a duplicate-definition error. The related location shows the other definition.'),
  'project-duplicate-component-group': r('project', 'error', 'A component group defined in two files.', 'Component groups are a strict union across the project; rename or merge one of them.'),
  'project-duplicate-image': r('project', 'error', 'An image defined in two files.', 'Images are a strict union across the project; rename or merge one of them.'),
  'project-duplicate-package-group': r('project', 'error', 'A package group defined in two files.', 'Package groups are a strict union across the project; rename or merge one of them.'),
  'project-duplicate-test-suite': r('project', 'error', 'A test suite defined in two files.', 'Test suites are a strict union across the project; rename or merge one of them.'),
  'project-unknown-group-member': r('project', 'error', 'A component group lists a component no file defines.', 'azldev fails to enumerate the group. The quick fix offers the closest component names.'),
  'project-package-in-two-groups': r('project', 'error', 'A package is in two package groups.', 'A binary package may belong to one package group only; the related location shows the other group.'),
  'project-unknown-distro': r('project', 'error', 'A reference to a distro the project does not define.', 'The quick fix offers the defined distros.'),
  'project-unknown-distro-version': r('project', 'error', 'A reference to a distro version that does not exist.', 'The quick fix offers the versions the distro defines.'),
  'project-no-default-distro': r('project', 'error', 'Components but no `default-distro` in `[project]`.', 'Components resolve their upstream against the project\'s default distro; without one azldev fails with "failed to resolve current distro".'),
  'project-no-distro-version': r('project', 'error', "The default distro has no version to resolve against.", '`default-distro` names a distro without a `version`, and the distro has no `default-version`.'),
  'spec-no-distro-version': r('project', 'error', 'Components take their spec from a distro without a version.', 'The upstream distro a component names has no `default-version` and none is given; azldev fails with "no distro version selected".'),
  'project-undefined-test-suite': r('project', 'error', 'An image names a test suite that is not defined.', 'The quick fix offers the defined test suites.'),
  'project-file-not-included': r('project', 'warning', 'A TOML file nothing includes.', 'No include reaches the file, so azldev never reads it. A file that only changes settings the project already has (a distro override) is a hint instead: it takes effect with `--config-file` (list it in `distroToml.extraConfigFiles`). The quick fix adds it to an includes list.'),
  'archive-overlay-origin-missing': r('project', 'error', 'An archive overlay without the matching overlay-origin source file.', 'An overlay that reaches into a source archive needs a `[[source-files]]` entry with `origin.type = "overlay"` for that archive on the resolved component (defaults and overlay files included).'),
  'archive-overlay-origin-orphaned': r('project', 'error', 'An overlay-origin source file that no archive overlay uses.', 'A `origin.type = "overlay"` source file exists to be repacked by archive overlays; without one azldev fails.'),
  'distro-input-repo-or-set': r('project', 'error', 'A distro input with both or neither of `repo` and `set`.', 'Each `inputs` entry names exactly one repository or one repo set.'),
  'distro-input-undefined-repo': r('project', 'error', 'A distro input names an undefined rpm-repo.', 'The quick fix offers the defined repositories (including those repo sets expand to).'),
  'distro-input-undefined-set': r('project', 'error', 'A distro input names an undefined repo set.', 'The quick fix offers the defined repo sets.'),
  'distro-input-duplicate': r('project', 'error', 'A distro input produces the same repository twice.', 'Remove the duplicate so each repository comes from one place.'),
  'distro-input-local-gpg-key': r('project', 'error', 'An `rpm-build` input uses a repository with a local `gpg-key`.', 'mock would evaluate the path inside its chroot, so local keys are not supported there; use an https key URL.'),
  'resource-set-undefined-template': r('project', 'error', 'A repo set names an undefined template.', 'The quick fix offers the defined templates.'),
  'resource-set-unknown-subrepo': r('project', 'error', "A repo set's `subrepos` allowlist names a sub-repo its template lacks.", 'The quick fix offers the template\'s sub-repos.'),
  'resource-set-duplicate-subrepo': r('project', 'error', "A repo set's `subrepos` allowlist names a sub-repo twice.", 'Remove the repeat.'),
  'resource-set-invalid-repo-id': r('project', 'error', 'A repo set would produce an invalid repo ID.', 'The ID is `name-prefix` plus the sub-repo name; change the prefix.'),
  'resource-set-repo-collision': r('project', 'error', 'A repo set produces a repository name that already exists.', 'Choose another `name-prefix`, or rename the colliding repository.'),
  'resource-subpath-invalid': r('project', 'error', "A template's sub-path is invalid for the set that uses it.", 'The joined URI of set and template is not a valid repository location.'),
  // The authoring guide
  'guide-overlay-description': r('guide', 'information', 'An overlay without a `description`.', 'The authoring guide asks every overlay to say why it exists. The quick fix adds a description drafted from the overlay.'),
  'guide-inline-overlays': r('guide', 'information', 'Overlays written as an inline array.', 'The guide asks for one `[[components.NAME.overlays]]` block per overlay; the legacy inline syntax is not to be copied. The quick fix rewrites the array as blocks.'),
  'guide-literal-backreference': r('guide', 'information', 'A `$1` or `${1}` in a replacement.', 'azldev does not expand back-references: the text is written into the spec as is.'),
  'guide-dotall-regex': r('guide', 'information', 'A `(?s)` multi-line regex.', 'The guide asks to match line by line, or to use `spec-remove-section` / `spec-append-lines`.'),
  'guide-name-tag': r('guide', 'warning', 'An overlay that changes `Name:`.', 'The component name, the rendered-spec path and the package names all derive from `Name:`; the guide says never to change it (setting it to the component\'s own name, for a package imported under another name, is allowed).'),
  'guide-package-short-name': r('guide', 'information', '`package` written as the full sub-package name.', '`package` is the suffix as written after `%package` (`%files devel` → `package = "devel"`) unless the spec declares it with `-n`. The quick fix shortens it.'),
  'guide-prefer-targeted': r('guide', 'information', 'A regex that rewrites one tag line where a targeted overlay exists.', 'The guide prefers `spec-set-tag`, `spec-update-tag` or `spec-remove-tag` over a `spec-search-replace` on a tag. Where the regex replaces the whole `Tag:` line with another value, the quick fix rewrites the overlay as `spec-set-tag`, which renders the same.'),
  'guide-regex-basic-string': r('guide', 'information', 'A regex written in a basic string with doubled backslashes.', 'In `"..."` every backslash of the pattern must be doubled (`"\\\\.spec"`), which is easy to get wrong; a literal string (`\'\\.spec\'`) holds the pattern as written. The quick fix rewrites it as a literal string with the same value.'),
  // Render-time findings (overlays against the spec at hand)
  'overlay-does-not-apply': r('render', 'error', 'An overlay fails against the spec.', 'Rendered against the spec at hand (local spec, specs folder or the upstream cache, never the network), the overlay fails as azldev would: a regex that matches nothing, a missing tag, section, sub-package or file. The message carries azldev\'s words.'),
  'check-skip-does-not-apply': r('render', 'error', '`check.skip` on a spec without `%check`.', 'azldev prepends `exit 0` to `%check` and fails when the spec has none. Remove the skip.'),
  'guide-unscoped-search-replace': r('render', 'information', 'A `spec-search-replace` without `section`.', 'Judged against the spec: the section it can be scoped to with the same result (the quick fix adds it), the sections it reaches when one would not do, or, when it only changes the preamble, a hint that it is fine as written.'),
  'release-not-bumpable': r('render', 'warning', 'A static Release azldev cannot bump.', 'With `release.calculation = "auto"` (the default) azldev bumps a static `Release:` by the number of commits that changed the component, and fails the render with "does not start with an integer" once the component has a synthetic commit (a committed change to its configuration, counted through its lock file) when the spec\'s Release (after overlays) is neither `%autorelease`, `N` nor `N%{?dist}`. Predicted where the spec is at hand, at the component\'s name. The quick fix sets `release = { calculation = "manual" }` and pins the Release with a `spec-set-tag` overlay.'),
  // The package index
  'package-source-unknown': r('packages', 'warning', 'A component or `upstream-name` that is no source package of the index.', 'Checked against the synced Fedora package index (and `--repo` repositories); did-you-mean fixes offer the closest names.'),
  'package-binary-unknown': r('packages', 'warning', 'A package-group entry that is no binary package of the index.', 'Package groups list binary packages. Did-you-mean fixes offer the closest names.'),
  'package-capability-unknown': r('packages', 'warning', 'A dependency nothing in the repositories provides.', 'A `Requires`/`BuildRequires` value set by an overlay (each name inside rich dependencies) that no package of the index provides.'),
  'package-version-unsatisfied': r('packages', 'warning', 'A versioned dependency no available version satisfies.', 'The capability exists, but with rpm\'s version comparison no provider meets the constraint; the message lists the available versions.'),
  'package-channel-split': r('packages', 'warning', 'A binary publishes to another channel than its siblings.', 'The tree\'s package lists say every binary of a source package publishes to one channel, except what the exceptions file carves out. Move it, or add an exception.'),
  'package-binaries-ungrouped': r('packages', 'warning', 'Binaries of a grouped source package in no package group.', 'List them beside their siblings so every binary publishes to the same channel.'),
  // House rules
  'unused-ignore': r('house', 'warning', 'A `# distro-toml: ignore[CODE]` comment that silences nothing.', 'The finding it was written for is gone (or the code is misspelt); remove the comment so it cannot hide a later finding. The quick fix removes it.'),
  'house-rules-invalid': r('house', 'error', 'A problem in the project\'s `.distro-toml.toml`.', 'An unknown key, rule code or level, or a file that is not valid TOML. The rest of the file still applies.'),
} satisfies Record<string, RuleInfo>;

export type RuleCode = keyof typeof RULE_CATALOG;

export const RULE_CODES: readonly RuleCode[] = Object.keys(RULE_CATALOG) as RuleCode[];

export function isRuleCode(code: string): code is RuleCode {
  return Object.prototype.hasOwnProperty.call(RULE_CATALOG, code);
}

export function ruleInfo(code: RuleCode): RuleInfo {
  return RULE_CATALOG[code];
}
