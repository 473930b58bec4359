/**
 * The augment driver: an ImageFolder in, an augmented training set out (./writer.ts), with a
 * dataset card. Sources are visited in the scan's fixed order; for each, the real image is
 * copied and k synthetic items are made by the method, each from its own seed (`itemSeed`), so
 * a resumed run, or many machines each given some sources, make the same bytes. Items already
 * on disk with the same plan are skipped; near-duplicates are dropped; progress has an ETA;
 * the signal cancels between items (what was written stays, and a rerun goes on from there).
 * The input folder is only read: the output must lie outside it, so a test split is never touched.
 * The walk, progress, cancel and card writing it shares with the MIDI driver are ./drive.ts.
 * With a `lookahead` of W, up to W sources' items are in the making at once (on batch workers,
 * ./method-remote.ts) while each source is finished in scan order (./lookahead.ts): the output
 * is byte for byte that of a run with none.
 */
import { join, relative, resolve, isAbsolute } from 'node:path';
import { AtelierError, invalid } from '../../../preload/contract';
import { encodeRgbaPng } from '../../inference/image';
import { renderCard, type CardInfo, type CardIssue } from './card';
import { driveFolder, type DriveContext } from './drive';
import { countImageFolder, readImage, scanImageFolder, type ImageEntry } from './imagefolder';
import { drainedAfter, orderedWindow, settled, type Settled } from './lookahead';
import { realRow, sha256, type PlannedRow } from './manifest';
import { itemSeed, type Method } from './method';
import { cancelled } from './progress';
import { distance, signature } from './similarity';
import type { Layout } from './writer';

export interface AugmentOptions<P> {
  input: string;
  out: string;
  method: Method<P>;
  /** Raw params for the method (its `params` checks and completes them). */
  params?: unknown;
  /** Synthetic images per source image. */
  k: number;
  seed: number;
  layout?: Layout;
  /** Drop items closer than this to their source or an earlier kept item of it (0..1, 0 = off). */
  nearDuplicate?: number;
  title?: string;
  /** Recorded in the card as the command that made the dataset. */
  command?: string;
  licence?: string;
  /** Sources whose items may be in the making at once (default 1: one after another). */
  lookahead?: number;
  signal?: AbortSignal;
  onProgress?: (p: AugmentProgress) => void;
}

export interface AugmentProgress {
  /** Items settled (copied, made, found done, dropped, or unreadable), of `total`. */
  done: number;
  total: number;
  /** Estimated milliseconds left, from this run's pace; null before any real work. */
  etaMs: number | null;
  source: string;
}

export interface AugmentResult {
  written: number;
  /** Items found intact from an earlier run. */
  reused: number;
  dropped: number;
  corrupt: CardIssue[];
  cardPath: string;
  manifestPath: string;
}

function checkPaths(input: string, out: string): void {
  const a = resolve(input);
  const b = resolve(out);
  const inside = (parent: string, child: string): boolean => {
    const r = relative(parent, child);
    return r === '' || (!r.startsWith('..') && !isAbsolute(r));
  };
  if (inside(a, b)) throw invalid('The output folder must be outside the input folder.', 'out');
  if (inside(b, a)) throw invalid('The input folder must not be inside the output folder.', 'input');
}

export async function augmentImageFolder<P>(o: AugmentOptions<P>): Promise<AugmentResult> {
  checkPaths(o.input, o.out);
  if (!Number.isInteger(o.k) || o.k < 0) throw invalid('k must be a whole number of 0 or more.', 'k');
  const params = o.method.params(o.params);
  const threshold = o.nearDuplicate ?? 0;
  const layout = o.layout ?? 'beside';
  const total = (await countImageFolder(o.input)).train * (1 + o.k);
  const card: CardInfo = {
    title: o.title ?? 'Augmented dataset',
    command: o.command ?? `augment ${o.method.id} k=${o.k} seed=${o.seed}`,
    seed: o.seed,
    k: o.k,
    layout,
    nearDuplicate: threshold,
    classes: new Map(),
    methods: new Map([[o.method.id, { model: o.method.model, params, made: 0, dropped: 0 }]]),
    heldOut: new Map(),
    skipped: { count: 0, listed: [] },
    corrupt: { count: 0, listed: [] },
    ...(o.licence ? { licence: o.licence } : {}),
  };
  const stats = card.methods.get(o.method.id)!;
  // Sources finish one after another in scan order; their items may be in the making before.
  const window = orderedWindow(o.lookahead ?? 1);
  const stop = new AbortController();
  const signal = o.signal ? AbortSignal.any([o.signal, stop.signal]) : stop.signal;
  return driveFolder<ImageEntry>({
    out: o.out,
    layout,
    signal: o.signal,
    onProgress: o.onProgress,
    entries: drainedAfter(scanImageFolder(o.input), window, () => stop.abort()),
    total,
    card,
    async source(e, drive) {
      const counts = card.classes.get(e.label) ?? { real: 0, synthetic: 0 };
      card.classes.set(e.label, counts);
      const read = await readImage(e.abs);
      if (!read.ok) {
        const { reason } = read;
        return window.push(() => {
          drive.unusable(e.path, reason);
          drive.settle(e.path, 1 + o.k, false);
          return Promise.resolve();
        });
      }
      const c = { o, drive, entry: e, params, threshold, stats, counts, signal };
      return window.push(startSource(c, read.bytes, read.image));
    },
    renderCard: () => renderCard(card),
  });
}

interface SourceCtx<P> {
  o: AugmentOptions<P>;
  drive: DriveContext;
  entry: ImageEntry;
  params: P;
  threshold: number;
  stats: { made: number; dropped: number };
  counts: { real: number; synthetic: number };
  /** The run's signal, and the run's own stop when a source fails (items in flight are dropped). */
  signal: AbortSignal;
}

/**
 * A source's items claimed in run order and their making started; returns its finishing step
 * (the real copy, the items written or dropped), which the caller runs in scan order.
 */
function startSource<P>(
  c: SourceCtx<P>,
  bytes: Uint8Array,
  image: Parameters<typeof signature>[0],
): () => Promise<void> {
  const { o, entry: e } = c;
  const { writer } = c.drive;
  const sourceSha = sha256(bytes);
  const base = { label: e.label, source: e.path, source_sha256: sourceSha };
  const real = realRow(base, writer.realName(e.label, e.path));
  const copy = !writer.claim(real);
  const rows: PlannedRow[] = [];
  for (let i = 0; i < o.k; i++)
    rows.push({
      ...base,
      file_name: writer.syntheticName(e.label, e.path, o.method.id, i),
      method: o.method.id,
      model: o.method.model?.id ?? null,
      model_sha256: o.method.model?.sha256 ?? null,
      seed: itemSeed(o.seed, e.path, o.method.id, i),
      params: c.params,
    });
  const present = rows.map((r) => writer.claim(r));
  const todo = rows.map((_, i) => i).filter((i) => !present[i]);
  const making = todo.length
    ? settled(
        o.method.generate(
          { path: e.path, label: e.label, image },
          todo.map((i) => rows[i]!.seed!),
          c.params,
          c.signal,
        ),
      )
    : null;
  return () => finishSource(c, { bytes, image, real, copy, rows, todo, making });
}

interface Started<P> {
  bytes: Uint8Array;
  image: Parameters<typeof signature>[0];
  real: PlannedRow;
  copy: boolean;
  rows: PlannedRow[];
  todo: number[];
  making: Promise<Settled<Awaited<ReturnType<Method<P>['generate']>>>> | null;
}

async function finishSource<P>(c: SourceCtx<P>, s: Started<P>): Promise<void> {
  const { o, entry: e } = c;
  const { writer } = c.drive;
  const { image, rows, todo } = s;
  if (s.copy) await writer.write(s.real, s.bytes);
  c.counts.real++;
  if (s.copy) c.drive.result.written++;
  else c.drive.result.reused++;
  c.drive.settle(e.path, 1, s.copy);

  const reused = o.k - todo.length;
  c.drive.result.reused += reused;
  c.stats.made += reused;
  c.counts.synthetic += reused;
  if (reused) c.drive.settle(e.path, reused, false);
  if (!s.making) return;

  const r = await s.making;
  if (!r.ok) {
    const err = r.error;
    // A refusal of this one source keeps its real copy and goes on; anything else stops the run.
    if (!(err instanceof AtelierError) || err.code !== 'invalid-input') throw err;
    c.drive.unusable(e.path, `kept as a real image only: ${err.message}`);
    c.drive.settle(e.path, todo.length, false);
    return;
  }
  const made = r.value;
  const outputs = new Map(todo.map((i, j) => [i, made[j]!]));
  // Signatures of the items kept so far, in index order: the same set whether an item was
  // made now or found on disk, so dropping decides alike on a fresh run and a resumed one.
  const kept: Float32Array[] = [];
  const source = c.threshold > 0 ? signature(image) : null;
  const last = todo[todo.length - 1]!;
  for (let i = 0; i <= last; i++) {
    const img = outputs.get(i);
    if (!img) {
      if (source) {
        const prior = await readImage(join(writer.trainDir, rows[i]!.file_name));
        if (prior.ok) kept.push(signature(prior.image));
      }
      continue;
    }
    if (o.signal?.aborted) throw cancelled();
    if (source) {
      const sig = signature(img);
      const d = Math.min(distance(sig, source), ...kept.map((k) => distance(sig, k)));
      if (d < c.threshold) {
        c.stats.dropped++;
        c.drive.result.dropped++;
        c.drive.settle(e.path, 1, true);
        continue;
      }
      kept.push(sig);
    }
    await writer.write(rows[i]!, encodeRgbaPng(img));
    c.stats.made++;
    c.counts.synthetic++;
    c.drive.result.written++;
    c.drive.settle(e.path, 1, true);
  }
}
