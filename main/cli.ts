/**
 * The `atelier` command line: the same services and the same contract validation as the app,
 * without Electron. Each subcommand lives in cli/ and is listed in cli/commands.ts; exit codes
 * are in cli/errors.ts (bad flags: one line on stderr, exit 2; failures: exit 1).
 */
import { joinNegativeValues } from './cli/args';
import { usageText } from './cli/command';
import { commands } from './cli/commands';
import { report, UsageError } from './cli/errors';

export async function runCli(argv: string[]): Promise<number> {
  const [word, ...rest] = joinNegativeValues(argv);
  if (word === undefined || word === 'help' || word === '--help' || word === '-h') {
    console.log(usageText(commands));
    // No command at all is a usage mistake (a script that forgot its arguments); asking is not.
    return word === undefined ? 2 : 0;
  }
  try {
    const command = commands.find((c) => c.name === word);
    if (!command)
      throw new UsageError(`unknown command "${word}" (try: ${commands.map((c) => c.name).join(', ')})`);
    await command.run(rest);
    return 0;
  } catch (e) {
    return report(e);
  }
}

// Run when executed directly (built out/main/cli.js or `tsx main/cli.ts`).
const entry = process.argv[1] ?? '';
if (/[\\/]cli\.(ts|js)$/.test(entry)) {
  void runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
