// `distro-toml check ARGS`: parses the arguments, loads the package index when `--repo` asks for one, runs the
// check (cliCheck.ts) and prints its output. Returns the exit code: 0 nothing at or above --fail-on (default
// error), 1 such findings, 2 bad usage or failure.
import * as path from 'node:path';
import { runCheck, type FailOn, type OutputFormat } from './cliCheck';
import { parseRuleOption } from './cliRuleOption';
import type { RuleCode } from './core/ruleCatalog';
import type { RuleLevel } from './core/houseRules/levels';
import { useColour, type ColourChoice } from './output/colour';
import { USAGE, type CliIo } from './cliUsage';
import type { PackageIndex } from './core/packages/queries';
import { credentialsProblem } from './core/packages/repoSources';
import { requireWithCodeCache } from './cliCodeCache';
import { loadPrecompiledSchemas } from './precompiled';
import { defaultUpstreamCacheDir } from './upstreamCacheDir';
import { VERSION } from './version';

class UsageError extends Error {}

interface ParsedArgs {
  paths: string[];
  format: OutputFormat;
  schema: string;
  configFiles: string[];
  hints: boolean;
  specsDir?: string;
  /** As given; made absolute (directories) once the package index code is loaded. */
  /** As given: made absolute (directories) once --repo has loaded the package index code. */
  repos: string[];
  packageCache: string | undefined;
  filelists: boolean;
  failOn: FailOn;
  rules: Map<RuleCode, RuleLevel>;
  colour: ColourChoice;
}

function parseArgs(rest: string[], cwd: string): ParsedArgs | 'help' | 'version' {
  if (rest.includes('-h') || rest.includes('--help')) return 'help';
  if (rest.includes('--version')) return 'version';
  const out: ParsedArgs = { paths: [], format: 'text', schema: 'bundled', configFiles: [], hints: false, repos: [], packageCache: undefined, filelists: false, failOn: 'error', rules: new Map(), colour: 'auto' };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    const takeValue = (name: string): string => {
      const eq = a.indexOf('=');
      if (eq >= 0) return a.slice(eq + 1);
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      return v;
    };
    if (a === '--format' || a.startsWith('--format=')) {
      const v = takeValue('--format');
      if (v !== 'text' && v !== 'json' && v !== 'sarif' && v !== 'github') throw new UsageError(`--format must be text, json, sarif or github (got '${v}')`);
      out.format = v;
    } else if (a === '--fail-on' || a.startsWith('--fail-on=')) {
      const v = takeValue('--fail-on');
      if (v !== 'error' && v !== 'warning' && v !== 'information') throw new UsageError(`--fail-on must be error, warning or information (got '${v}')`);
      out.failOn = v;
    } else if (a === '--rule' || a.startsWith('--rule=')) {
      const parsed = parseRuleOption(takeValue('--rule'));
      if (typeof parsed === 'string') throw new UsageError(parsed);
      out.rules.set(parsed.code, parsed.level);
    } else if (a === '--color' || a.startsWith('--color=')) {
      const v = takeValue('--color');
      if (v !== 'auto' && v !== 'always' && v !== 'never') throw new UsageError(`--color must be auto, always or never (got '${v}')`);
      out.colour = v;
    } else if (a === '--schema' || a.startsWith('--schema=')) {
      out.schema = takeValue('--schema');
    } else if (a === '--config-file' || a.startsWith('--config-file=')) {
      out.configFiles.push(takeValue('--config-file'));
    } else if (a === '--specs-dir' || a.startsWith('--specs-dir=')) {
      out.specsDir = takeValue('--specs-dir');
    } else if (a === '--repo' || a.startsWith('--repo=')) {
      const repo = takeValue('--repo');
      const credentials = credentialsProblem(repo);
      if (credentials) throw new UsageError(`--repo ${credentials}`);
      out.repos.push(repo);
    } else if (a === '--package-cache' || a.startsWith('--package-cache=')) {
      out.packageCache = path.resolve(cwd, takeValue('--package-cache'));
    } else if (a === '--filelists') {
      out.filelists = true;
    } else if (a === '--hints') {
      out.hints = true;
    } else if (a.startsWith('-') && a !== '-') {
      throw new UsageError(`unknown option '${a}'`);
    } else out.paths.push(a);
  }
  if (!out.paths.length) out.paths.push('.');
  return out;
}

export async function runCheckCommand(argv: string[], io: CliIo): Promise<number> {
  // The V8 flags a check runs under are set by the command line's entry (cli.ts) before this bundle compiles.
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv, io.cwd);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`distro-toml: ${err.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw err;
  }
  if (args === 'help') {
    io.stdout(USAGE + '\n');
    return 0;
  }
  if (args === 'version') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  let packageIndex: PackageIndex | undefined;
  let packageSummary: string | undefined;
  if (args.repos.length) {
    // The package index code (sync, download, decompression) is loaded only when --repo asks for it.
    const { packageIndexForCheck, repoArgument } = await import('./cliCheckRepo.js');
    const found = await packageIndexForCheck(args.repos.map((r) => repoArgument(r, io.cwd)), args.packageCache, io.env, (l: string) => io.stderr(l + '\n'), args.filelists);
    if (!found) return 2;
    packageIndex = found.index;
    packageSummary = `package names checked against ${found.summary}`;
  }
  const result = await runCheck({
    ...(packageIndex ? { packageIndex } : {}),
    paths: args.paths,
    format: args.format,
    schema: args.schema,
    configFiles: args.configFiles,
    hints: args.hints,
    ...(args.specsDir !== undefined ? { specsDir: args.specsDir } : {}),
    upstreamCacheDir: defaultUpstreamCacheDir(),
    cwd: io.cwd,
    bundledSchemaDir: path.join(__dirname, '..', 'schemas'),
    // The validators through their code cache too (cliCodeCache.ts).
    precompiled: loadPrecompiledSchemas(requireWithCodeCache),
    failOn: args.failOn,
    ruleLevels: args.rules,
    colour: { stdout: useColour(args.colour, process.stdout.isTTY, io.env), stderr: useColour(args.colour, process.stderr.isTTY, io.env) },
  });
  for (const line of result.stderr) io.stderr(line + '\n');
  if (packageSummary) io.stderr(packageSummary + '\n');
  io.stdout(result.stdout);
  return result.exitCode;
}
