/**
 * Interactive requests where only the newest answer counts (the latent sliders' decodes): every
 * request is sent at once (main drops the stale ones still queued, answering 'superseded'), and an
 * answer or error older than the newest request is ignored.
 */

export interface Latest<I> {
  /** Sends a request; earlier ones still out will be ignored. */
  want: (input: I) => void;
  /** Ignores every request still out (e.g. the sliders were reset). */
  cancel: () => void;
  /** Requests sent and not yet answered. */
  pending: () => number;
}

const isSuperseded = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'superseded';

export function createLatest<I, O>(
  run: (input: I) => Promise<O>,
  onAnswer: (output: O, input: I) => void,
  onError: (err: unknown) => void,
): Latest<I> {
  let seq = 0;
  let out = 0;
  return {
    want(input) {
      const mine = ++seq;
      out++;
      run(input).then(
        (o) => {
          out--;
          if (mine === seq) onAnswer(o, input);
        },
        (err: unknown) => {
          out--;
          if (mine === seq && !isSuperseded(err)) onError(err);
        },
      );
    },
    cancel() {
      seq++;
    },
    pending: () => out,
  };
}
