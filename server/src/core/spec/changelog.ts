// azldev's AddChangelogEntry: a new entry right after each %changelog header, dated in UTC.

import { EDIT_OK, editError, type SpecEditor, type SpecEditResult } from './specEditor';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's "Mon Jan 02 2006" layout. */
export function changelogDate(date: Date): string {
  const day = String(date.getUTCDate()).padStart(2, '0');
  return `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${day} ${date.getUTCFullYear()}`;
}

export interface ChangelogEntry {
  user: string;
  email: string;
  version: string;
  release: string;
  date: Date;
  details: readonly string[];
}

export function addChangelogEntry(editor: SpecEditor, entry: ChangelogEntry): SpecEditResult {
  const headers = editor.document.sections.filter((s) => s.name === '%changelog' && s.headerLine !== undefined);
  if (headers.length === 0) return editError('section-not-found', 'existing changelog section could not be found');
  const lines = [
    `* ${changelogDate(entry.date)} ${entry.user} <${entry.email}> - ${entry.version}-${entry.release}`,
    ...entry.details.map((d) => `- ${d}`),
    '',
  ];
  for (const s of [...headers].reverse()) editor.insertLines((s.headerLine as number) + 1, lines);
  return EDIT_OK;
}
