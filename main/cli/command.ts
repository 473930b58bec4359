/** What a subcommand file exports; main/cli/commands.ts lists them. */
export interface Command {
  /** The first word on the command line. */
  readonly name: string;
  /**
   * Its lines of the usage text without "atelier ": each form starts with the name; any other
   * line continues the form above and is indented under its flags.
   */
  readonly usage: readonly string[];
  /** Throws a UsageError for a command line the user can fix; see errors.ts for exit codes. */
  run(args: string[]): Promise<void>;
}

export function usageText(commands: readonly Command[]): string {
  const lines = commands.flatMap(({ name, usage }) =>
    usage.map((l) =>
      l === name || l.startsWith(`${name} `)
        ? `  atelier ${l}`
        : `${' '.repeat(`  atelier ${name} `.length)}${l}`,
    ),
  );
  return ['usage:', ...lines].join('\n');
}
