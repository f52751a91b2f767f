// The top-level usage text of `distro-toml` (its main command is `check`); each other command prints its own.
export const USAGE = `Usage: distro-toml check [PATH...] [--format text|json|sarif|github] [--fail-on error|warning|information]
                         [--rule CODE=LEVEL]... [--color auto|always|never] [--schema bundled|workspace|FILE]
                         [--config-file FILE]... [--hints] [--specs-dir DIR] [--repo URL|DIR]... [--filelists] [--package-cache DIR]
       distro-toml render NAME... [--project DIR] [--out DIR] [--format text|json] [--specs-dir DIR]
       distro-toml render --all --check [--jobs N] [--shard I/N] [--format text|json|sarif|github|markdown] [--write] [--patch FILE] ...
       distro-toml config dump [--project DIR] [--component NAME] [--format toml|json] [--config-file FILE]...
       distro-toml review [--base REV] [--head REV] [--format text|json|markdown]   (see distro-toml review --help)
       distro-toml upstream unlock [NAME] [--cache-dir DIR] [--force]
       distro-toml upstream sync [NAME...] [--jobs N] [--refresh] [--offline] [--cache-dir DIR]
       distro-toml repo list|sync|query ...   (see distro-toml repo --help)
       distro-toml lsp [--stdio]          the language server, for editors (see distro-toml lsp --help)

Checks azldev configuration: every file reachable through 'includes' from each project root
(the nearest azldev.toml at or above PATH; a directory without one is searched for projects),
plus TOML files named directly. PATH defaults to the current directory. Every component with overlays
or a %check skip is rendered against its spec when one is at hand without the network (local specs,
--specs-dir, the upstream cache 'render' fills) and each overlay that would fail is reported.

Findings are then filtered by the house rules: the project's .distro-toml.toml ([rules] CODE = "LEVEL"),
then --rule, and '# distro-toml: ignore[CODE]' comments silence one line's findings (the README lists
every rule code).

Options:
  --format text|json|sarif|github
                             output format (default: text): 'file:line:col severity code message';
                             JSON with 0-based LSP ranges; SARIF 2.1.0 for code scanning; GitHub
                             Actions workflow annotations (::error file=...,line=...::message)
  --fail-on error|warning|information
                             exit 1 when a finding of this severity or a more severe one is printed
                             (default: error)
  --rule CODE=LEVEL          report CODE at LEVEL (error, warning, information, hint or off), over the
                             project's .distro-toml.toml (may be repeated)
  --color auto|always|never  colour the text output and the summary (default: auto: on a terminal,
                             unless NO_COLOR is set; FORCE_COLOR forces it on, or off with 0)
  --schema bundled|workspace|FILE
                             schema to validate against (default: bundled; 'workspace' uses the
                             project's vendored external/schemas/azldev.schema.json)
  --config-file FILE         load FILE after the include tree, as azldev's --config-file does
                             (may be repeated)
  --hints                    also print hints (such as files that only take effect with --config-file)
  --specs-dir DIR            read upstream specs from DIR/<name>/<name>.spec before the upstream cache
  --repo URL|DIR             check package names (components, dependency overlays, package groups)
                             against this repository's index, synced first (may be repeated)
  --filelists                with --repo: fetch filelists too, so file dependencies outside the files
                             primary lists (/etc/, bin/, /usr/lib/sendmail) are checked, not skipped
  --package-cache DIR        where repository indexes are cached (default: ~/.cache/distro-toml/packages)
  -h, --help                 show this help
  --version                  print the version

Exit status: 0 no finding at or above --fail-on; 1 such findings; 2 bad usage, a path with nothing
to check, or a failure. The summary on stderr counts the findings printed by severity.`;

/** What every command is given: where it runs and where its output goes. */
export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout(text: string): void;
  stderr(text: string): void;
}
