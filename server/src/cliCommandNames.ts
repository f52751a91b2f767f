// The commands the command line's entry (cli.ts) hands to the ES module of the other commands (cliCommands.ts,
// typed against this list), so the entry loads that module only for one of them.
export const OTHER_COMMAND_NAMES = ['render', 'config dump', 'upstream', 'repo', 'lsp', 'review'] as const;

export type OtherCommandName = (typeof OTHER_COMMAND_NAMES)[number];

/** The command `argv` names (its first word, or the first two), when it is one of the other commands. */
export function otherCommandOf(argv: readonly string[]): OtherCommandName | undefined {
  const two = `${argv[0]} ${argv[1]}`;
  return OTHER_COMMAND_NAMES.find((name) => name === two || name === argv[0]);
}
