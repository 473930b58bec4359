/**
 * Last-resort handlers for a host process: a promise rejected with nobody listening is logged
 * with its stack and the host keeps serving (one bad request must not end every user's session);
 * an exception that escaped everything is logged before the process ends, so the log says why.
 */
import type { Logger } from './logger';

export function guardProcess(logger: Logger, where: string): void {
  process.on('unhandledRejection', (reason) => {
    logger.error(`${where}: a promise was rejected and nothing handled it`, reason);
  });
  process.on('uncaughtException', (err) => {
    logger.error(`${where}: uncaught exception; the process ends`, err);
    console.error(`atelier: ${err instanceof Error ? err.message : String(err)} (details in the log)`);
    process.exit(1);
  });
}
