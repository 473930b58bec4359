/**
 * Exit codes: 2 for a command line the user can fix (bad flags, or input the contract refuses),
 * 1 for anything else. Either way the reason is one line on stderr, so scripts can show it as is.
 */
import { AtelierError } from '../../preload/contract';

export class UsageError extends Error {}

function isUsage(e: unknown): boolean {
  if (e instanceof UsageError) return true;
  // The router refused the input: the flags were wrong, not Atelier.
  if (e instanceof AtelierError) return e.code === 'invalid-input';
  return Boolean((e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'));
}

/** Prints the failure and answers the exit code. */
export function report(e: unknown): number {
  // One line: some parse errors (node:util) span several.
  console.error(`atelier: ${((e as Error).message.split('\n')[0] ?? '').trim()}`);
  return isUsage(e) ? 2 : 1;
}
