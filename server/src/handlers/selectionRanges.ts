// textDocument/selectionRange for TOML: the core's spans around each position, as nested SelectionRanges.
import type { SelectionRange } from 'vscode-languageserver/node';
import { selectionRanges } from '../core/features/selectionRanges';
import type { FeatureHandler } from './context';
import { rangeIn, requestDocument } from './definitionLocations';

export const selectionRangesFeature: FeatureHandler = {
  capabilities: { selectionRangeProvider: true },
  register(ctx) {
    ctx.connection.onSelectionRanges((params): SelectionRange[] | null => {
      const req = requestDocument(ctx, params.textDocument.uri);
      const entry = req && req.service.cache.get(req.file);
      if (!req || !entry) return null;
      const chains = selectionRanges(entry.doc, params.positions.map((p) => req.offsetAt(p)));
      return chains.map((chain, i) => {
        let range: SelectionRange | undefined;
        for (let k = chain.length - 1; k >= 0; k--) {
          const span = chain[k] as { start: number; end: number };
          range = { range: rangeIn(req.service, req.file, span), ...(range ? { parent: range } : {}) };
        }
        // A position the chain cannot place (none is empty: the document's span is always there) selects itself.
        return range ?? { range: { start: params.positions[i] as SelectionRange['range']['start'], end: params.positions[i] as SelectionRange['range']['start'] } };
      });
    });
  },
};
