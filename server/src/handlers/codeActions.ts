// textDocument/codeAction: quick fixes for the diagnostics the client sends back. Their `data` is what the
// server published; a client that drops it gets the diagnostic recomputed and matched by code and range.
import * as path from 'node:path';
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver/node';
import type { CoreDiagnostic, Severity } from '../core/diagnostics';
import { isRuleCode } from '../core/ruleCatalog';
import { HOUSE_RULES_FILE } from '../core/houseRules/projectFile';
import { codeActions } from '../core/features/codeActions';
import { SchemaStore } from '../core/features/schemaWalk';
import { LineIndex } from '../core/text/lineIndex';
import type { FeatureHandler } from './context';

const SEVERITY: Record<number, Severity> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

export const codeActionsFeature: FeatureHandler = {
  capabilities: { codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] } },
  register(ctx) {
    const schemas = new SchemaStore(path.join(__dirname, '..', 'schemas'));
    ctx.connection.onCodeAction((params): CodeAction[] => {
      const ours = params.context.diagnostics.filter((d) => d.source === 'distro-toml' && typeof d.code === 'string');
      const file = ctx.filePathOf(params.textDocument.uri);
      const open = ctx.documents.get(params.textDocument.uri);
      const service = ctx.service();
      if (!ours.length || !file || !open || (!service.classify(file) && path.basename(file) !== HOUSE_RULES_FILE)) return [];
      const text = open.getText();
      const index = new LineIndex(text);
      let fresh: CoreDiagnostic[] | undefined;
      const byLsp = new Map<CoreDiagnostic, Diagnostic>();
      for (const d of ours) {
        // A code the client sends back that is none of ours (an older server's) has no fixes.
        const code = String(d.code);
        if (!isRuleCode(code)) continue;
        const span = { start: index.offsetAt(d.range.start), end: index.offsetAt(d.range.end) };
        let core: CoreDiagnostic = { file, span, severity: SEVERITY[d.severity ?? DiagnosticSeverity.Error] ?? 'error', code, message: typeof d.message === 'string' ? d.message : d.message.value };
        if (d.data && typeof d.data === 'object') core.data = d.data as Record<string, unknown>;
        else {
          fresh ??= service.validateFile(file, text);
          core = fresh.find((f) => f.code === core.code && f.span.start === span.start && f.span.end === span.end) ?? core;
        }
        byLsp.set(core, d);
      }
      const indexes = new Map<string, LineIndex>([[file, index]]);
      const indexOf = (f: string): LineIndex => {
        let idx = indexes.get(f);
        if (!idx) {
          idx = new LineIndex(ctx.textOf(f) ?? '');
          indexes.set(f, idx);
        }
        return idx;
      };
      return codeActions({ service, schemas }, file, text, [...byLsp.keys()]).map((a) => {
        const changes: Record<string, TextEdit[]> = {};
        for (const [f, edits] of Object.entries(a.edits)) {
          changes[ctx.uriOf(f)] = edits.map((e) => ({ range: indexOf(f).rangeAt(e.start, e.end), newText: e.newText }));
        }
        const diagnostic = byLsp.get(a.diagnostic);
        return { title: a.title, kind: CodeActionKind.QuickFix, ...(diagnostic ? { diagnostics: [diagnostic] } : {}), isPreferred: a.isPreferred, edit: { changes } };
      });
    });
  },
};
