/**
 * One Atelier per command, built as the app builds it but hosted by the CLI: inference runs in a
 * forked worker, and every service call goes through the router every host uses, so the CLI gets
 * the same validation and the same error messages as the app.
 */
import { AtelierError, type MethodInput, type MethodName, type MethodOutput } from '../../preload/contract';
import { spawnForkWorker } from '../inference/fork-transport';
import { createAtelier, type Atelier } from '../services/atelier';
import { resolveDataDir } from '../services/paths';

/**
 * A method's input with literal unions widened (`'ddim' | 'euler'` → string, `1 | 2 | 4` →
 * number) and any Uint8Array taken (a file read is a Buffer): flag values go to the router as
 * the user typed them, and the contract's refusal ("Invalid params.sampler: …") is the message
 * the CLI prints. Field names and shapes stay checked.
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
): Promise<T> {
  const atelier = await createAtelier({
    dataDir: resolveDataDir(dataDir),
    host: 'cli',
    spawnWorker: spawnForkWorker,
  });
  const session: Session = {
    atelier,
    call: async <M extends MethodName>(method: M, input: CliInput<M>): Promise<MethodOutput<M>> => {
      const r = await atelier.router.call(method, input);
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
