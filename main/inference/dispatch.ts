/**
 * The inference process's dispatcher. Every request is answered exactly once under its own seq,
 * whatever its handler throws (a bad tensor, an unknown op, a malformed message): the client
 * matches answers by seq, so an answer under any other seq would leave its request waiting.
 */
import type { FromWorker, OpName, OpReply, OpRequest, WorkerErrorCode } from './protocol';

export type Handlers = {
  [K in OpName]: (request: OpRequest<K>) => OpReply<K> | Promise<OpReply<K>>;
};

/** A failure that knows the code its answer carries; anything else thrown gets the op's default. */
export class WorkerFailure extends Error {
  constructor(
    readonly code: WorkerErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'WorkerFailure';
  }
}

export interface DispatcherOptions {
  post(message: FromWorker): void;
  /** Where a message that cannot be answered is reported (the process's stderr). */
  warn(message: string): void;
  /** What an unexpected throw answers, by op; `run-failed` where not named. */
  failureCode?: Partial<Record<OpName, WorkerErrorCode>>;
}

/** The seq a message can be answered under: the client numbers requests from 1 upwards. */
function usableSeq(raw: unknown): number | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const seq = (raw as { seq?: unknown }).seq;
  return typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 0 ? seq : undefined;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** A short, safe rendering of a message that is reported instead of answered. */
function sketch(raw: unknown): string {
  if (typeof raw !== 'object' || raw === null) return typeof raw;
  const type = (raw as { type?: unknown }).type;
  const seq = (raw as { seq?: unknown }).seq;
  return `{ type: ${String(type).slice(0, 40)}, seq: ${String(seq).slice(0, 20)} }`;
}

/**
 * Returns `dispatch`, which handles messages strictly one after another (onnxruntime already uses
 * every core for one run, and a strict order keeps results deterministic and the client's
 * priority queue meaningful). The promise it returns settles when that message is answered.
 */
export function createDispatcher(
  handlers: Handlers,
  opts: DispatcherOptions,
): (raw: unknown) => Promise<void> {
  const known = Object.keys(handlers);

  const answer = async (seq: number, raw: object): Promise<void> => {
    const { type: op, seq: _seq, ...body } = raw as { type?: unknown; seq: number };
    if (typeof op !== 'string')
      throw new WorkerFailure('bad-request', 'the request names no op (its "type" is not a string)');
    if (!Object.hasOwn(handlers, op))
      throw new WorkerFailure(
        'bad-request',
        `unknown op "${op.slice(0, 60)}"; this inference process knows ${known.join(', ')}`,
      );
    // The wire message is not validated beyond its op: a malformed body throws in its handler,
    // and that throw is answered like any other.
    const handler = handlers[op as OpName] as (request: object) => object | Promise<object>;
    const reply = await handler(body);
    opts.post({ ...reply, type: op, seq } as FromWorker);
  };

  const handle = async (raw: unknown): Promise<void> => {
    const seq = usableSeq(raw);
    if (seq === undefined) {
      opts.warn(`dropped a message with no usable seq (nobody waits for its answer): ${sketch(raw)}`);
      return;
    }
    try {
      await answer(seq, raw as object);
    } catch (e) {
      const op = (raw as { type?: unknown }).type as OpName;
      const code = e instanceof WorkerFailure ? e.code : (opts.failureCode?.[op] ?? 'run-failed');
      try {
        opts.post({ type: 'error', seq, code, message: messageOf(e) });
      } catch (postError) {
        // The channel itself failed (the parent is gone, or the answer could not be cloned).
        opts.warn(`could not answer request ${seq}: ${messageOf(postError)}`);
      }
    }
  };

  let chain: Promise<void> = Promise.resolve();
  return (raw) => {
    chain = chain.then(() => handle(raw));
    return chain;
  };
}
