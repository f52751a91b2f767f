// `npm run docs:rules`: rewrites the README's rule table from the rule catalog.
import { readFileSync, writeFileSync } from 'node:fs';
import { withRulesTable } from './rulesTable';

const readme = readFileSync('README.md', 'utf8');
const next = withRulesTable(readme);
if (next === undefined) {
  process.stderr.write('README.md has no rules:begin/rules:end markers\n');
  process.exit(2);
}
if (next !== readme) writeFileSync('README.md', next);
process.stdout.write(next === readme ? 'README.md rule table is up to date\n' : 'README.md rule table rewritten\n');
