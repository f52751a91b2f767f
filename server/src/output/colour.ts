// Colour on a terminal only: `--color always|never` decides when given; otherwise FORCE_COLOR (any value but
// `0`/`false` turns it on, those turn it off), then NO_COLOR (set and non-empty: off), then whether the stream
// is a terminal that is not `TERM=dumb`.

export type ColourChoice = 'auto' | 'always' | 'never';

export function useColour(choice: ColourChoice, isTTY: boolean | undefined, env: Readonly<Record<string, string | undefined>>): boolean {
  if (choice !== 'auto') return choice === 'always';
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return Boolean(isTTY) && env.TERM !== 'dumb';
}

const CODES = { red: 31, yellow: 33, blue: 34, cyan: 36, dim: 2, bold: 1 } as const;
export type Style = keyof typeof CODES;

export type Paint = (style: Style, text: string) => string;

/** The escape sequences `painter` writes, and no others. */
export const PAINTED = new RegExp(`\\u001b\\[(?:0|${Object.values(CODES).join('|')})m`);

export function painter(on: boolean): Paint {
  return on ? (style, text) => `\u001b[${CODES[style]}m${text}\u001b[0m` : (_style, text) => text;
}
