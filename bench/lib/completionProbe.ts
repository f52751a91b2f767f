// Run in a fresh process by bench/completion-latency.mjs (bundled by esbuild at bench time): completion and
// hover answered in process, through the same handler functions the server registers (handlers/completion.ts,
// handlers/hover.ts: the core's answer and its conversion to LSP), without the transport. The project is
// loaded first (what the server's start-up scan does), then each request is timed N times: wall and CPU.
// argv: TREE REL N   stdout: JSON figures
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { CompletionParams, HoverParams } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { diskFileSystem, type FileSystem } from '../../server/src/core/fs';
import { createLanguageService } from '../../server/src/core/languageService';
import { SchemaStore } from '../../server/src/core/features/schemaWalk';
import { completionAnswer } from '../../server/src/handlers/completion';
import type { ServerContext } from '../../server/src/handlers/context';
import { hoverAnswer } from '../../server/src/handlers/hover';

const [tree, rel, n, schemasDir, validatorsFile] = process.argv.slice(2) as [string, string, string, string, string];
const file = path.join(tree, rel);
const uri = pathToFileURL(file).toString();
// The same buffer as the stdio benchmark: a half-typed header at the end and an overlay block.
const text = `${fs.readFileSync(file, 'utf8')}\n[components.pyth\n\n[[components.zlib-ng.overlays]]\n\n`;
const doc = TextDocument.create(uri, 'toml', 1, text);
const fsView: FileSystem = { ...diskFileSystem, readFile: (p) => (p === file ? text : diskFileSystem.readFile(p)), exists: (p) => p === file || diskFileSystem.exists(p) };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const precompiled = require(validatorsFile) as Parameters<typeof createLanguageService>[0]['precompiled'];
const service = createLanguageService({ fs: fsView, schema: 'bundled', bundledSchemaDir: schemasDir, precompiled, cwd: tree });
const ctx = {
  connection: undefined as never,
  documents: { get: (u: string) => (u === uri ? doc : undefined), all: () => [doc] } as unknown as ServerContext['documents'],
  service: () => service,
  filePathOf: (u: string) => (u.startsWith('file://') ? decodeURIComponent(new URL(u).pathname) : undefined),
  uriOf: (f: string) => pathToFileURL(f).toString(),
  textOf: (f: string) => fsView.readFile(f),
  workspaceRoots: () => [tree],
  clientCapabilities: () => ({ textDocument: { completion: { completionItem: { snippetSupport: true } } } }),
  log: () => undefined,
} satisfies ServerContext;
const schemas = new SchemaStore(schemasDir);

function positionAfter(needle: string): { line: number; character: number } {
  const end = text.indexOf(needle) + needle.length;
  const before = text.slice(0, end);
  return { line: before.split('\n').length - 1, character: end - (before.lastIndexOf('\n') + 1) };
}
const header: CompletionParams = { textDocument: { uri }, position: positionAfter('\n[components.pyth') };
const overlay: CompletionParams = { textDocument: { uri }, position: { line: positionAfter('[[components.zlib-ng.overlays]]\n').line, character: 0 } };
const hoverAt: HoverParams = { textDocument: { uri }, position: positionAfter('[components.gi') };

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
function timed(run: () => unknown): { wall: number; cpu: number; result: unknown } {
  const c = cpuMs();
  const t = performance.now();
  const result = run();
  return { wall: performance.now() - t, cpu: cpuMs() - c, result };
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

const load = timed(() => service.projects.model(tree));
const series = { completion: () => completionAnswer(ctx, schemas, header), overlay: () => completionAnswer(ctx, schemas, overlay), hover: () => hoverAnswer(ctx, hoverAt) };
const out: Record<string, unknown> = { projectLoadMs: load.wall };
const first: Record<string, number> = {};
for (const [name, run] of Object.entries(series)) first[name] = timed(run).wall;
const samples: Record<string, { wall: number[]; cpu: number[] }> = { completion: { wall: [], cpu: [] }, overlay: { wall: [], cpu: [] }, hover: { wall: [], cpu: [] } };
for (let i = 0; i < Number(n); i++) {
  for (const [name, run] of Object.entries(series)) {
    const t = timed(run);
    samples[name]?.wall.push(t.wall);
    samples[name]?.cpu.push(t.cpu);
  }
}
for (const [name, s] of Object.entries(samples)) out[name] = { first: first[name], p50: pct(s.wall, 50), p95: pct(s.wall, 95), cpuP50: pct(s.cpu, 50), cpuP95: pct(s.cpu, 95) };
process.stdout.write(JSON.stringify(out) + '\n');
