// `distro-toml config dump`: the project's merged configuration the way azldev's `config dump` prints it
// (loader.go's merge of the include tree, every path made absolute against the file that wrote it, the
// project's default directories filled in), or with --component one component's resolved configuration
// (its layers merged, its overlay files' overlays appended). TOML uses azldev's TOML keys; JSON uses its
// json tags (camelCase field names; map keys such as component names as written).
import * as path from 'node:path';
import { diskFileSystem } from './core/fs';
import { createLanguageService, type LanguageService } from './core/languageService';
import { effectiveComponent, type EffectiveNode } from './core/project/effectiveConfig';
import type { ProjectModel } from './core/project/projectModel';
import { findProjectRoot } from './core/project/root';
import { resolvedComponentTree, type ViewTree } from './core/features/effectiveConfigView';
import { writeTomlTable, type TomlTree } from './core/features/effectiveConfigViewToml';
import { schemaParts, subSchemas, type Schema } from './core/features/hoverSchema';
import { toJS } from './core/toml';

export interface ConfigDumpOptions {
  project?: string;
  component?: string;
  format: 'json' | 'toml';
  configFiles: string[];
  cwd: string;
  bundledSchemaDir: string;
}

export interface ConfigDumpResult {
  stdout: string;
  stderr: string[];
  exitCode: number;
}

type Plain = Record<string, unknown>;

function isPlain(v: unknown): v is Plain {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

function set(o: Plain, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/** azldev's makeAbsolute: empty stays empty, absolute stays, relative joins the reference directory. */
function absolute(dir: string, p: unknown): unknown {
  return typeof p === 'string' && p !== '' && !path.isAbsolute(p) ? path.join(dir, p) : p;
}

function absolutizeAt(o: unknown, key: string, dir: string): void {
  if (isPlain(o) && key in o) set(o, key, absolute(dir, o[key]));
}

/** ComponentConfig.WithAbsolutePaths: the local spec path and each overlay's source; overlay-files stay as written. */
function componentPaths(c: unknown, dir: string): void {
  if (!isPlain(c)) return;
  absolutizeAt(c.spec, 'path', dir);
  if (Array.isArray(c.overlays)) for (const o of c.overlays) absolutizeAt(o, 'source', dir);
}

/** Go's zero values never override under mergo.WithOverride. */
function isEmpty(v: unknown): boolean {
  return v === '' || v === false || v === 0 || v === undefined || (Array.isArray(v) && v.length === 0);
}

/**
 * mergo.Merge(dst, src, WithOverride[, WithAppendSlice]) on plain values: struct fields merge one by
 * one, non-empty values override, slices append or replace; a map's entry (`mapKeys` says which tables
 * are maps) is replaced whole, as mergo does for struct values of a map.
 */
function mergo(dst: Plain, src: Plain, appendSlices: boolean, mapKeys: ReadonlySet<string> = new Set()): void {
  for (const [k, v] of Object.entries(src)) {
    const cur = dst[k];
    if (isPlain(v)) {
      if (mapKeys.has(k) && isPlain(cur)) {
        for (const [mk, mv] of Object.entries(v)) set(cur, mk, structuredClone(mv));
      } else if (isPlain(cur)) mergo(cur, v, appendSlices, mapKeys);
      else set(dst, k, structuredClone(v));
    } else if (Array.isArray(v)) {
      if (appendSlices && Array.isArray(cur)) set(dst, k, [...cur, ...structuredClone(v)]);
      else if (v.length || cur === undefined) set(dst, k, structuredClone(v));
    } else if (!isEmpty(v) || cur === undefined) set(dst, k, v);
  }
}

const PROJECT_DIRS = ['log-dir', 'work-dir', 'output-dir', 'rendered-specs-dir', 'lock-dir'];
/** ProjectInfo.ApplyProjectDefaults (project.go). */
const PROJECT_DEFAULT_DIRS: Record<string, string> = { 'log-dir': 'build/logs', 'work-dir': 'build/work', 'output-dir': 'out', 'lock-dir': 'locks', 'rendered-specs-dir': 'specs' };
/** Go's runtime.GOARCH names for the architecture-specific mock configs (DistroVersionDefinition.WithResolvedConfigs). */
const MOCK_CONFIG_KEY: Partial<Record<string, string>> = { x64: 'mock-config-x86_64', arm64: 'mock-config-aarch64' };

/** loader.go's mergeConfigFile for every file in load order. */
export function mergedProjectConfig(service: LanguageService, model: ProjectModel): Plain {
  const out: Plain = {};
  const project: Plain = {};
  const unions: Record<string, Plain> = { 'component-groups': {}, components: {}, images: {}, 'package-groups': {}, 'test-suites': {} };
  const distros: Plain = {};
  const merged: Record<string, Plain> = { resources: {}, tools: {}, 'default-component-config': {}, 'default-package-config': {} };
  for (const f of model.files) {
    const doc = service.cache.get(f.path)?.doc;
    if (!doc) continue;
    const dir = path.dirname(f.path);
    const file = toJS(doc.root) as Plain;
    if (isPlain(file.project)) {
      const p = structuredClone(file.project);
      for (const k of PROJECT_DIRS) absolutizeAt(p, k, dir);
      mergo(project, p, false);
    }
    for (const k of Object.keys(unions)) {
      const defs = file[k];
      if (!isPlain(defs)) continue;
      for (const [name, def] of Object.entries(defs)) {
        if (name in (unions[k] as Plain)) continue;
        const d = structuredClone(def);
        if (k === 'components') componentPaths(d, dir);
        if (k === 'component-groups' && isPlain(d)) {
          for (const list of ['specs', 'excluded-paths']) if (Array.isArray(d[list])) set(d, list, (d[list] as unknown[]).map((s) => absolute(dir, s)));
          componentPaths(d['default-component-config'], dir);
        }
        if (k === 'images' && isPlain(d)) absolutizeAt(d.definition, 'path', dir);
        set(unions[k] as Plain, name, d);
      }
    }
    if (isPlain(file.distros)) {
      for (const [name, def] of Object.entries(file.distros)) {
        if (!isPlain(def)) continue;
        const d = structuredClone(def);
        for (const v of isPlain(d.versions) ? Object.values(d.versions) : []) {
          if (!isPlain(v)) continue;
          const archKey = MOCK_CONFIG_KEY[process.arch];
          if (archKey && typeof v[archKey] === 'string' && v[archKey] !== '') set(v, 'mock-config', v[archKey]);
          absolutizeAt(v, 'mock-config', dir);
          componentPaths(v['default-component-config'], dir);
        }
        const existing = distros[name];
        if (isPlain(existing)) mergo(existing, d, false, new Set(['versions']));
        else set(distros, name, d);
      }
    }
    for (const k of Object.keys(merged)) {
      const section = file[k];
      if (!isPlain(section)) continue;
      const s = structuredClone(section);
      if (k === 'default-component-config') componentPaths(s, dir);
      mergo(merged[k] as Plain, s, k === 'default-component-config');
    }
  }
  for (const [k, rel] of Object.entries(PROJECT_DEFAULT_DIRS)) if (isEmpty(project[k])) set(project, k, path.join(model.root, rel));
  // ProjectConfig's field order (project.go).
  const ordered: [string, Plain][] = [
    ['project', project],
    ['component-groups', unions['component-groups'] as Plain],
    ['components', unions.components as Plain],
    ['images', unions.images as Plain],
    ['distros', distros],
    ['resources', merged.resources as Plain],
    ['tools', merged.tools as Plain],
    ['default-component-config', merged['default-component-config'] as Plain],
    ['default-package-config', merged['default-package-config'] as Plain],
    ['package-groups', unions['package-groups'] as Plain],
    ['test-suites', unions['test-suites'] as Plain],
  ];
  for (const [k, v] of ordered) if (Object.keys(v).length) set(out, k, v);
  return out;
}

/** A resolved component with its paths absolute against the file of the layer that wrote each. */
export function resolvedComponentConfig(service: LanguageService, model: ProjectModel, name: string): Plain | undefined {
  const eff = effectiveComponent(model, name);
  const def = model.unions.components.get(name);
  if (!eff || !def) return undefined;
  const { tree } = resolvedComponentTree(service, eff, def.file);
  const plain = plainOf(tree) as Plain;
  const spec = tree.entries.get('spec');
  const specPath = spec?.kind === 'table' ? spec.entries.get('path') : undefined;
  if (specPath?.kind === 'value' && specPath.origin && isPlain(plain.spec)) set(plain.spec, 'path', absolute(path.dirname(specPath.origin.file), specPath.value));
  const overlays = tree.entries.get('overlays');
  if (overlays?.kind === 'array' && Array.isArray(plain.overlays)) {
    overlays.items.forEach((item, i) => {
      const source = item.value.kind === 'table' ? item.value.entries.get('source') : undefined;
      if (source?.kind === 'value' && source.origin) absolutizeAt((plain.overlays as unknown[])[i], 'source', path.dirname(source.origin.file));
    });
  }
  return plain;
}

function plainOf(node: ViewTree | EffectiveNode): unknown {
  if (node.kind === 'value') return node.value;
  if (node.kind === 'array') return node.items.map((i) => plainOf(i.value));
  const out: Plain = {};
  for (const [k, v] of node.entries) set(out, k, plainOf(v));
  return out;
}

/** kebab-case and snake_case TOML keys to azldev's camelCase json tags (`skip_reason` → `skipReason`). */
function camel(key: string): string {
  return key.replace(/[-_]([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());
}

/**
 * Orders struct fields as the schema (generated from azldev's Go structs) lists them and sorts map keys,
 * as Go's encoders do; for JSON also renames struct fields to their json tags.
 */
function shaped(value: unknown, schemas: Schema[], root: Schema, json: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => shaped(v, schemas.flatMap((s) => subSchemas(root, s, 0)), root, json));
  if (!isPlain(value)) return value;
  const props: string[] = [];
  let isMap = false;
  for (const s of schemas.flatMap((n) => schemaParts(root, n))) {
    if (isPlain(s.properties)) for (const k of Object.keys(s.properties)) if (!props.includes(k)) props.push(k);
    if (isPlain(s.additionalProperties)) isMap = true;
  }
  const keys = Object.keys(value);
  const struct = props.length > 0 || !isMap;
  const order = struct ? [...props.filter((k) => keys.includes(k)), ...keys.filter((k) => !props.includes(k))] : [...keys].sort();
  const out: Plain = {};
  for (const k of order) set(out, json && struct ? camel(k) : k, shaped(value[k], schemas.flatMap((s) => subSchemas(root, s, k)), root, json));
  return out;
}

/** ComponentConfig and ImageConfig carry their map key as `name` in JSON only (`toml:"-" json:"name"`). */
function withJsonNames(config: Plain): void {
  for (const k of ['components', 'images']) {
    const map = config[k];
    if (!isPlain(map)) continue;
    for (const [name, v] of Object.entries(map)) if (isPlain(v)) set(map, name, Object.assign({ name }, v));
  }
}

function treeOf(value: unknown): TomlTree<never> {
  if (Array.isArray(value)) return { kind: 'array', items: value.map((v) => ({ value: treeOf(v) })) };
  if (isPlain(value)) return { kind: 'table', entries: new Map(Object.entries(value).map(([k, v]) => [k, treeOf(v)])) };
  return { kind: 'value', value };
}

function toToml(value: Plain, prefix: string[]): string {
  const out: string[] = [];
  writeTomlTable(out, prefix, treeOf(value) as Extract<TomlTree<never>, { kind: 'table' }>, () => undefined);
  return out.join('\n') + '\n';
}

/** JSON.stringify with 2-space indent, as json.MarshalIndent; integers beyond 2^53 keep their digits. */
function toJson(value: unknown): string {
  const big: string[] = [];
  const text = JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? `\u0000big${big.push(v.toString()) - 1}\u0000` : v), 2);
  return text.replace(/"\\u0000big(\d+)\\u0000"/g, (_, i: string) => big[Number(i)] ?? '0') + '\n';
}

export function runConfigDump(options: ConfigDumpOptions): ConfigDumpResult {
  const start = path.resolve(options.cwd, options.project ?? '.');
  const root = findProjectRoot(diskFileSystem, path.join(start, 'azldev.toml'));
  if (!root) return { stdout: '', stderr: [`distro-toml: no azldev.toml at or above ${start}`], exitCode: 2 };
  const service = createLanguageService({ fs: diskFileSystem, schema: 'bundled', bundledSchemaDir: options.bundledSchemaDir, cwd: options.cwd });
  service.setExtraConfigFiles(options.configFiles.map((f) => path.resolve(options.cwd, f)));
  const model = service.projects.model(root);
  const errors = model.diagnostics.filter((d) => d.severity === 'error');
  const stderr = errors.map((d) => `${path.relative(options.cwd, d.file)}: error: ${d.message}`);
  // azldev refuses to load a project with these errors, so there is nothing to dump.
  if (errors.length) return { stdout: '', stderr, exitCode: 1 };
  const schemaText = diskFileSystem.readFile(path.join(options.bundledSchemaDir, 'azldev.schema.json'));
  const schema = schemaText ? (JSON.parse(schemaText) as Schema) : {};
  const json = options.format === 'json';
  if (options.component !== undefined) {
    const resolved = resolvedComponentConfig(service, model, options.component);
    if (!resolved) return { stdout: '', stderr: [...stderr, `distro-toml: the project defines no component '${options.component}'`], exitCode: 2 };
    const value = shaped(resolved, [{ $ref: '#/$defs/ComponentConfig' }], schema, json) as Plain;
    return { stdout: json ? toJson({ name: options.component, ...value }) : toToml(value, ['components', options.component]), stderr, exitCode: 0 };
  }
  // Top-level keys keep ProjectConfig's order (mergedProjectConfig), which is not ConfigFile's (the schema's).
  const value: Plain = {};
  for (const [k, v] of Object.entries(mergedProjectConfig(service, model))) set(value, json ? camel(k) : k, shaped(v, subSchemas(schema, schema, k), schema, json));
  if (json) withJsonNames(value);
  return { stdout: json ? toJson(value) : toToml(value, []), stderr, exitCode: 0 };
}

export const CONFIG_DUMP_USAGE = `Usage: distro-toml config dump [--project DIR] [--component NAME] [--format toml|json] [--config-file FILE]...

Prints the project's merged configuration as azldev's 'config dump' does (paths absolute), or with
--component the component's resolved configuration (distro, project and group defaults applied,
overlay files' overlays appended).`;

export interface ConfigDumpIo {
  cwd: string;
  bundledSchemaDir: string;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** `distro-toml config dump ARGS`: parses the arguments, prints, and returns the exit code. */
export function runConfigDumpCli(argv: string[], io: ConfigDumpIo): number {
  const options: ConfigDumpOptions = { format: 'toml', configFiles: [], cwd: io.cwd, bundledSchemaDir: io.bundledSchemaDir };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const value = (): string | undefined => (a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i]);
    const name = a.split('=')[0];
    if (a === '-h' || a === '--help') {
      io.stdout(CONFIG_DUMP_USAGE + '\n');
      return 0;
    }
    const v = name === '--project' || name === '--component' || name === '--format' || name === '-f' || name === '--config-file' ? value() : undefined;
    if (name === '--project' && v !== undefined) options.project = v;
    else if (name === '--component' && v !== undefined) options.component = v;
    else if ((name === '--format' || name === '-f') && (v === 'toml' || v === 'json')) options.format = v;
    else if (name === '--config-file' && v !== undefined) options.configFiles.push(v);
    else {
      const why = name === '--format' || name === '-f' ? `--format must be toml or json (got '${v ?? ''}')` : v === undefined && argv[i] === undefined && a.startsWith('--') ? `${name} needs a value` : `unexpected argument '${a}'`;
      io.stderr(`distro-toml: ${why}\n\n${CONFIG_DUMP_USAGE}\n`);
      return 2;
    }
  }
  const result = runConfigDump(options);
  for (const line of result.stderr) io.stderr(line + '\n');
  io.stdout(result.stdout);
  return result.exitCode;
}
