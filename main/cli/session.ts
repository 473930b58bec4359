/**
 * One Atelier per command, built as the app builds it but hosted by the CLI: inference runs in a
 * forked worker, and every service call goes through the router every host uses, so the CLI gets
 * the same validation and the same error messages as the app.
 */
import { AtelierError, type MethodInput, type MethodName, type MethodOutput } from '../../preload/contract';
import { spawnForkWorker } from '../inference/fork-transport';
import { logPath } from '../log/file';
import { createAtelier, type Atelier } from '../services/atelier';
import { resolveDataDir } from '../services/paths';
import type { QueueConfig } from '../services/section';
import { DeliveryError } from './output';

/**
 * A method's input with literal unions widened (`'ddim' | 'euler'` → string, `1 | 2 | 4` →
 * number) and any Uint8Array taken (a file read is a Buffer): flag values go to the router as
 * the user typed them, and the contract's refusal ("Sampler must be "ddim" or "euler".") is the
 * message the CLI prints. Field names and shapes stay checked.
 */
type Loose<T> = T extends string
  ? string
  : T extends number
    ? number
    : T extends Uint8Array
      ? Uint8Array
      : T extends readonly (infer U)[]
        ? Loose<U>[]
        : T extends object
          ? { [K in keyof T]: Loose<T[K]> }
          : T;
export type CliInput<M extends MethodName> = Loose<MethodInput<M>>;

export interface Session {
  readonly atelier: Atelier;
  /** Calls a service method; a refusal or failure throws its AtelierError. */
  readonly call: <M extends MethodName>(method: M, input: CliInput<M>) => Promise<MethodOutput<M>>;
}

export async function withAtelier<T>(
  dataDir: string | undefined,
  fn: (s: Session) => Promise<T>,
  opts: { queue?: QueueConfig } = {},
): Promise<T> {
  const dir = resolveDataDir(dataDir);
  const atelier = await createAtelier({
    dataDir: dir,
    host: 'cli',
    spawnWorker: spawnForkWorker,
    ...(opts.queue ? { queue: opts.queue } : {}),
  });
  const session: Session = {
    atelier,
    call: async <M extends MethodName>(method: M, input: CliInput<M>): Promise<MethodOutput<M>> => {
      const r = await atelier.router.call(method, input);
      // The app points at Copy diagnostics; a terminal has the log file.
      if (!r.ok && r.error.code === 'internal')
        throw new AtelierError({
          ...r.error,
          message: `Something went wrong inside Atelier. The details are in ${logPath(dir)}.`,
        });
      if (!r.ok) throw new AtelierError(r.error);
      // The router validated the input against this method's contract and answered its output.
      return r.value as MethodOutput<M>;
    },
  };
  try {
    return await fn(session);
  } finally {
    await atelier.close();
  }
}

/** Ctrl+C cancels the job (the service stops at its next checkpoint); returns the unhook. */
export function cancelOnInterrupt(atelier: Atelier, jobId: string): () => void {
  const stop = (): void => {
    atelier.jobs.cancel(jobId);
  };
  process.once('SIGINT', stop);
  return () => process.off('SIGINT', stop);
}

/** One generated record and the write that delivers it (a file under --out). */
export interface Delivery {
  id: string;
  write: () => void | Promise<void>;
}

/**
 * Delivers each record in turn. When a write fails, the records not delivered are deleted from
 * the library (the CLI keeps nothing it did not deliver) and the error says so in one line.
 */
export async function deliverRecords({ call }: Session, items: readonly Delivery[]): Promise<void> {
  for (const [k, item] of items.entries()) {
    try {
      await item.write();
    } catch (e) {
      const left = items.slice(k);
      const stuck: string[] = [];
      for (const { id } of left) {
        try {
          await call('library.delete', { id });
        } catch {
          stuck.push(id);
        }
      }
      const what =
        e instanceof DeliveryError ? e.message : `could not write the result (${(e as Error).message})`;
      const kept =
        stuck.length > 0
          ? `it is still in the library (id ${stuck.join(', ')}): delete it there`
          : k === 0
            ? 'the generation was not kept in the library'
            : `wrote ${k} of ${items.length}; the other ${left.length} were not kept in the library`;
      throw new Error(`${what}; ${kept}`, { cause: e });
    }
  }
}
