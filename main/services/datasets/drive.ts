/**
 * What the image and MIDI augment drivers (./run.ts, ./midi/run.ts) share: the walk over a
 * scan's entries in its fixed order (skipped entries and held-out splits onto the card, cancel
 * between sources), the writer opened and finished (kept resumable when the run stops), progress
 * with an ETA, unreadable inputs listed, and the card written last, whole.
 */
import { join } from 'node:path';
import { noteIssue, type CardIssue, type IssueList } from './card';
import { cancelled, progressTracker } from './progress';
import type { AugmentProgress, AugmentResult } from './run';
import type { SkippedEntry, Split } from './walk';
import { openDatasetWriter, writeWhole, type DatasetWriter, type Layout } from './writer';

export interface DriveCounts {
  written: number;
  reused: number;
  dropped: number;
}

/** What a driver's per-source step is given. */
export interface DriveContext {
  writer: DatasetWriter;
  result: DriveCounts;
  /** `n` more items of this source settled; `work` when made or copied now (see ./progress.ts). */
  settle(path: string, n: number, work: boolean): void;
  /** A source that could not be read or augmented: listed on the card and in the result. */
  unusable(path: string, reason: string): void;
}

export interface DriveOptions<E> {
  out: string;
  layout: Layout;
  entries: AsyncIterable<E | SkippedEntry>;
  /** Items the whole run settles, for progress. */
  total: number;
  /** The card's lists, filled as the entries go by. */
  card: { skipped: IssueList; corrupt: IssueList; heldOut: Map<string, number> };
  signal?: AbortSignal;
  onProgress?: (p: AugmentProgress) => void;
  /** One training source: its real item and its synthetic ones. */
  source(e: E, c: DriveContext): Promise<void>;
  /** The card's Markdown, once every source is done. */
  renderCard(): string;
}

const isSkipped = (e: { kind: string }): e is SkippedEntry => e.kind === 'skipped';

export async function driveFolder<E extends { kind: string; split: Split; path: string }>(
  o: DriveOptions<E>,
): Promise<AugmentResult> {
  const writer = await openDatasetWriter({ out: o.out, layout: o.layout });
  const result = { written: 0, reused: 0, dropped: 0, corrupt: [] as CardIssue[] };
  let source = '';
  const { total } = o;
  const tracker = progressTracker(total, (done, _, etaMs) => o.onProgress?.({ done, total, etaMs, source }));
  const ctx: DriveContext = {
    writer,
    result,
    settle(path, n, work) {
      source = path;
      tracker.settle(n, work);
    },
    unusable(path, reason) {
      noteIssue(o.card.corrupt, { path, reason });
      result.corrupt.push({ path, reason });
    },
  };
  try {
    for await (const e of o.entries) {
      if (isSkipped(e)) noteIssue(o.card.skipped, e);
      else if (e.split !== 'train') o.card.heldOut.set(e.split, (o.card.heldOut.get(e.split) ?? 0) + 1);
      else {
        if (o.signal?.aborted) throw cancelled();
        await o.source(e, ctx);
      }
    }
  } catch (err) {
    await writer.finish(false);
    throw err;
  }
  await writer.finish(true);
  const cardPath = join(o.out, 'README.md');
  await writeWhole(cardPath, o.renderCard());
  return { ...result, cardPath, manifestPath: writer.manifestPath };
}
