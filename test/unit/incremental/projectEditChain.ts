// Shared by the project differential tests: a chain of edits replayed on one language service, each step's project
// findings compared with those of a fresh service over the same buffers.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { LanguageService } from '../../../server/src/core/languageService';
import type { ProjectModel } from '../../../server/src/core/project/projectModel';
import { corpusRoot } from './editCorpus';

/** One edit: the file it changes, the file's new text, and a label for a failure message. */
export type ProjectEditStep = (texts: Map<string, string>, rand: () => number) => [file: string, text: string, label: string];

export interface ProjectEditChain {
  steps: readonly ProjectEditStep[];
  count: number;
  rand: () => number;
  /** The current text of every file a step edits (updated as the chain goes). */
  texts: Map<string, string>;
  /** The open buffers the services read (updated as the chain goes). */
  buffers: Map<string, string>;
  incremental: LanguageService;
  fresh: (buffers: Map<string, string>) => LanguageService;
  /** More to compare after each step, `where` naming the step. */
  alsoCompare?: (incremental: LanguageService, scratch: LanguageService, where: string) => void;
}

/** Replays the chain (steps taken in turn, round and round) and returns the codes of the project findings seen. */
export function replayProjectEdits(chain: ProjectEditChain): Set<string> {
  const { steps, texts, buffers, incremental } = chain;
  const seen = new Set<string>();
  for (let step = 0; step < chain.count; step++) {
    const [file, text, label] = (steps[step % steps.length] as ProjectEditStep)(texts, chain.rand);
    texts.set(file, text);
    buffers.set(file, text);
    // As the server does on a change: the buffer's own diagnostics, then the project's.
    incremental.fileDiagnostics(file, text);
    const got = incremental.projectDiagnostics(corpusRoot);
    const scratch = chain.fresh(new Map(buffers));
    const where = `step ${step}: ${path.relative(corpusRoot, file)}, ${label}`;
    assert.deepStrictEqual(got, scratch.projectDiagnostics(corpusRoot), where);
    chain.alsoCompare?.(incremental, scratch, where);
    for (const list of got.values()) for (const d of list) seen.add(d.code);
  }
  return seen;
}

/** The merged model as plain data: every order a from-scratch merge fixes, spans included. */
export function modelShape(model: ProjectModel): unknown {
  const defs = (m: Map<string, { name: string; file: string; keySpan: object; definitionSpan: object }>) =>
    [...m.values()].map((d) => [d.name, d.file, { ...d.keySpan }, { ...d.definitionSpan }]);
  return {
    files: model.files.map((f) => f.path),
    unions: Object.fromEntries(Object.entries(model.unions).map(([k, m]) => [k, defs(m)])),
    distros: [...model.distros].map(([name, list]) => [name, list.map((d) => [d.file, { ...d.keySpan }])]),
    sections: Object.fromEntries(Object.entries(model.sections).map(([k, list]) => [k, list.map((s) => [s.file, { ...s.entry.keySpan }])])),
    groupsByComponent: [...model.groupsByComponent],
    contributions: [...model.contributions.values()].map((c) => [c.file, Object.fromEntries(Object.entries(c.unions).map(([k, list]) => [k, list.map((d) => d.name)]))]),
  };
}
