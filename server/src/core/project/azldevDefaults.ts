// What azldev's built-in default config (defaultconfigs/content/defaults.toml, loaded before the project's
// own files unless azldev runs with its defaults disabled) contributes to the checks: two repo-set templates
// any project's sets may instantiate.
import { parseToml, type TomlDocument } from '../toml';

/** The name diagnostics and related locations give the built-in config. */
export const AZLDEV_DEFAULTS_FILE = "azldev's built-in defaults.toml";

const DEFAULT_RESOURCES = `[resources.rpm-repo-set-templates.azl-standard]
description = "Standard base/sdk x binary/debug/source layout"
subrepos = [
  { name = "base", kind = "binary", subpath = "base/$basearch" },
  { name = "base-debug", kind = "debug", subpath = "base/debuginfo/$basearch" },
  { name = "base-src", kind = "source", subpath = "base/srpms" },
  { name = "sdk", kind = "binary", subpath = "sdk/$basearch" },
  { name = "sdk-debug", kind = "debug", subpath = "sdk/debuginfo/$basearch" },
  { name = "sdk-src", kind = "source", subpath = "sdk/srpms" },
]

[resources.rpm-repo-set-templates.koji-dist-repo]
description = "Koji dist-repo layout: per-arch binary + debug trees plus a src/ tree"
subrepos = [
  { name = "binary", kind = "binary", subpath = "$basearch" },
  { name = "debug", kind = "debug", subpath = "$basearch/debug" },
  { name = "src", kind = "source", subpath = "src" },
]
`;

let parsed: TomlDocument | undefined;

/** The built-in config as a parsed document (parsed once). */
export function azldevDefaultsDocument(): TomlDocument {
  parsed ??= parseToml(DEFAULT_RESOURCES);
  return parsed;
}
