/**
 * A long call from the command line as a job: its progress on stderr (a rewritten line on a
 * terminal, a line per 10% otherwise) and Ctrl+C cancelling it.
 */
import { randomUUID } from 'node:crypto';
import { cancelOnInterrupt, withAtelier, type Session } from './session';

/** Job progress for this job on stderr: a rewritten line on a terminal, a line per 10% otherwise. */
function showProgress(session: Session, jobId: string): () => void {
  const tty = process.stderr.isTTY;
  let shown = -1;
  const off = session.atelier.events.on('job.progress', (p) => {
    if (p.jobId !== jobId || p.stage === 'done') return;
    if (tty) process.stderr.write(`\r${p.message}\x1b[K`);
    else if (Math.floor(p.fraction * 10) !== shown) {
      shown = Math.floor(p.fraction * 10);
      process.stderr.write(`${p.message}\n`);
    }
  });
  return () => {
    off();
    if (tty) process.stderr.write('\r\x1b[K');
  };
}

/** `opts` as `withAtelier` takes them (e.g. the batch queue an augment runs on). */
export async function asJob<T>(
  dataDir: string | undefined,
  work: (s: Session, jobId: string) => Promise<T>,
  opts: Parameters<typeof withAtelier>[2] = {},
): Promise<T> {
  return withAtelier(
    dataDir,
    async (session) => {
      const jobId = randomUUID();
      const stop = cancelOnInterrupt(session.atelier, jobId);
      const hide = showProgress(session, jobId);
      try {
        return await work(session, jobId);
      } finally {
        hide();
        stop();
      }
    },
    opts,
  );
}
