/**
 * An augment method whose items are made by batch workers: the local `Method` (the same id,
 * model reference and params check, so every manifest row and the card are those of a local
 * run) with `generate` sent through the queue as `datasets.generate` calls (./generate.ts) and
 * awaited: one per source, or a few where its items' pixels would not fit one queued result
 * (item j depends on seeds[j] alone, so how the seeds are split changes no byte). The call carries the source's pixels as a PNG and the user's params as given,
 * so a worker decodes the same pixels and completes the same params: its items are the bytes a
 * local run makes (on the same execution provider). The job's id is the call's hash, so the
 * same source and seeds sent twice is one job. A worker's refusal of the source comes back as
 * the same error a local method throws (the driver keeps the source as a real image only);
 * the signal takes a waiting job off the queue.
 */
import { AtelierError, GENERATE_MAX_SEEDS, type DatasetMethod } from '../../../preload/contract';
import type { Rgba } from '../../inference/image';
import { encodeRgbaPng } from '../../inference/image';
import { decodeImage } from '../../inference/prepare';
import { jsonBytes } from '../batch/bytes';
import { openRemote, type Remote } from '../batch/remote';
import type { QueueConfig } from '../section';
import type { Method } from './method';
import { cancelled } from './progress';

export interface RemoteMethodOptions {
  /** The contract's name of the method (the local one's `id` is its short name). */
  method: DatasetMethod;
  model?: string;
  /** The params as the user gave them: the worker completes them as the local method does. */
  params?: Record<string, unknown>;
}

/** Raw pixel bytes one call's items may hold (their PNGs are smaller; a result carries 48 MB). */
const ANSWER_BUDGET = 24 * 1024 * 1024;

export function remoteMethod<P>(local: Method<P>, remote: Remote, o: RemoteMethodOptions): Method<P> {
  return {
    id: local.id,
    model: local.model,
    params: (input) => local.params(input),
    async generate(source, seeds, _params, signal) {
      if (seeds.length === 0) return [];
      const png = encodeRgbaPng(source.image);
      // Calls of at most 64 items whose pixels (at the source's size) fit a queued result.
      const per = Math.max(
        1,
        Math.min(
          GENERATE_MAX_SEEDS,
          Math.floor(ANSWER_BUDGET / (4 * source.image.width * source.image.height)),
        ),
      );
      const parts: Promise<Rgba[]>[] = [];
      for (let at = 0; at < seeds.length; at += per) {
        const call = {
          method: 'datasets.generate',
          params: jsonBytes({
            method: o.method,
            ...(o.model !== undefined ? { model: o.model } : {}),
            ...(o.params !== undefined ? { params: o.params } : {}),
            source: { path: source.path, label: source.label, png },
            seeds: seeds.slice(at, at + per),
          }) as Record<string, unknown>,
        };
        parts.push(
          remote.call(call, signal).then(({ value }) => {
            const images = (value as { images?: unknown }).images;
            if (!Array.isArray(images) || images.length !== Math.min(per, seeds.length - at))
              throw new AtelierError({
                code: 'inference-failed',
                message: 'A worker answered datasets.generate with the wrong number of images.',
              });
            return images.map((b) => decodeImage(b as Uint8Array));
          }),
        );
      }
      try {
        return (await Promise.all(parts)).flat();
      } catch (e) {
        if (signal?.aborted) throw cancelled();
        throw e;
      }
    },
  };
}

/** How many sources' items are in flight on the workers when the host does not say. */
export const DEFAULT_LOOKAHEAD = 16;

export interface WorkersRun<P> {
  method: Method<P>;
  lookahead: number;
  /** " · on 2 workers · 3.1 items/s" for the progress line, from the items settled so far. */
  note(done: number): string;
  close(): Promise<void>;
}

/**
 * An augment run's connection to the queue: the remote method, its lookahead and the progress
 * note. The batch is named by the output folder, so a rerun into the same folder is the same
 * batch and finds the jobs an earlier run left queued or done.
 */
export async function openWorkersRun<P>(
  queue: QueueConfig,
  local: Method<P>,
  o: RemoteMethodOptions & { out: string },
): Promise<WorkersRun<P>> {
  const remote = await openRemote({ url: queue.url, name: `augment ${o.out}`, out: o.out });
  const t0 = performance.now();
  let first: number | null = null;
  return {
    method: remoteMethod(local, remote, o),
    lookahead: queue.lookahead ?? DEFAULT_LOOKAHEAD,
    note(done) {
      first ??= done;
      const n = remote.workers().length;
      const secs = (performance.now() - t0) / 1000;
      const rate = secs > 1 && done > first ? ` · ${((done - first) / secs).toFixed(1)} items/s` : '';
      return n ? ` · on ${n} worker${n === 1 ? '' : 's'}${rate}` : ' · waiting for workers';
    },
    close: () => remote.close(),
  };
}
