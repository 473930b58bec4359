/**
 * The augment driver: an ImageFolder in, an augmented training set out (./writer.ts), with a
 * dataset card. Sources are visited in the scan's fixed order; for each, the real image is
 * copied and k synthetic items are made by the method, each from its own seed (`itemSeed`), so
 * a resumed run, or many machines each given some sources, make the same bytes. Items already
 * on disk with the same plan are skipped; near-duplicates are dropped; progress has an ETA;
 * the signal cancels between items (what was written stays, and a rerun goes on from there).
 * The input folder is only read: the output must lie outside it, so a test split is never touched.
 */
import { rename, writeFile } from 'node:fs/promises';
import { join, relative, resolve, isAbsolute } from 'node:path';
import { AtelierError, invalid } from '../../../preload/contract';
import { encodeRgbaPng } from '../../inference/image';
import { renderCard, type CardInfo, type CardIssue } from './card';
import { countImageFolder, readImage, scanImageFolder, type ImageEntry } from './imagefolder';
import { REAL, sha256, type PlannedRow } from './manifest';
import { itemSeed, type Method } from './method';
import { distance, signature } from './similarity';
import { openDatasetWriter, type DatasetWriter, type Layout } from './writer';

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

const LISTED = 200;

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

const cancelled = (): AtelierError =>
  new AtelierError({
    code: 'cancelled',
    message: 'Cancelled; what was written is kept and a rerun goes on from there.',
  });

export async function augmentImageFolder<P>(o: AugmentOptions<P>): Promise<AugmentResult> {
  checkPaths(o.input, o.out);
  if (!Number.isInteger(o.k) || o.k < 0) throw invalid('k must be a whole number of 0 or more.', 'k');
  const params = o.method.params(o.params);
  const threshold = o.nearDuplicate ?? 0;
  const layout = o.layout ?? 'beside';
  const total = (await countImageFolder(o.input)).train * (1 + o.k);
  const writer = await openDatasetWriter({ out: o.out, layout });

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
  const note = (list: CardInfo['skipped'], issue: CardIssue): void => {
    list.count++;
    if (list.listed.length < LISTED) list.listed.push(issue);
  };
  const result = { written: 0, reused: 0, dropped: 0, corrupt: [] as CardIssue[] };
  const started = performance.now();
  let done = 0;
  let worked = 0;
  const settle = (source: string, n: number, work: boolean): void => {
    done += n;
    if (work) worked += n;
    const elapsed = performance.now() - started;
    o.onProgress?.({ done, total, etaMs: worked ? ((total - done) * elapsed) / worked : null, source });
  };

  try {
    for await (const e of scanImageFolder(o.input)) {
      if (e.kind === 'skipped') note(card.skipped, e);
      else if (e.split !== 'train') card.heldOut.set(e.split, (card.heldOut.get(e.split) ?? 0) + 1);
      else {
        if (o.signal?.aborted) throw cancelled();
        const counts = card.classes.get(e.label) ?? { real: 0, synthetic: 0 };
        card.classes.set(e.label, counts);
        const read = await readImage(e.abs);
        if (!read.ok) {
          note(card.corrupt, { path: e.path, reason: read.reason });
          result.corrupt.push({ path: e.path, reason: read.reason });
          settle(e.path, 1 + o.k, false);
          continue;
        }
        const refused = (reason: string): void => {
          note(card.corrupt, { path: e.path, reason });
          result.corrupt.push({ path: e.path, reason });
        };
        const ctx: SourceCtx<P> = {
          o,
          writer,
          entry: e,
          params,
          threshold,
          settle,
          stats,
          counts,
          result,
          refused,
        };
        await augmentSource(ctx, read.bytes, read.image);
      }
    }
  } catch (err) {
    await writer.finish(false);
    throw err;
  }
  await writer.finish(true);
  const cardPath = join(o.out, 'README.md');
  const tmp = `${cardPath}.${process.pid}.tmp`;
  await writeFile(tmp, renderCard(card));
  await rename(tmp, cardPath);
  return { ...result, cardPath, manifestPath: writer.manifestPath };
}

interface SourceCtx<P> {
  o: AugmentOptions<P>;
  writer: DatasetWriter;
  entry: ImageEntry;
  params: P;
  threshold: number;
  settle: (source: string, n: number, work: boolean) => void;
  stats: { made: number; dropped: number };
  counts: { real: number; synthetic: number };
  result: { written: number; reused: number; dropped: number };
  /** The method refused this source (too small, a class it cannot read, …): listed, not fatal. */
  refused: (reason: string) => void;
}

async function augmentSource<P>(c: SourceCtx<P>, bytes: Uint8Array, image: Parameters<typeof signature>[0]) {
  const { o, writer, entry: e } = c;
  const sourceSha = sha256(bytes);
  const base = { label: e.label, source: e.path, source_sha256: sourceSha };
  const real: PlannedRow = {
    ...base,
    file_name: writer.realName(e.label, e.path),
    method: REAL,
    model: null,
    model_sha256: null,
    seed: null,
    params: null,
  };
  const copy = !writer.claim(real);
  if (copy) await writer.write(real, bytes);
  c.counts.real++;
  if (copy) c.result.written++;
  else c.result.reused++;
  c.settle(e.path, 1, copy);

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
  const reused = o.k - todo.length;
  c.result.reused += reused;
  c.stats.made += reused;
  c.counts.synthetic += reused;
  if (reused) c.settle(e.path, reused, false);
  if (!todo.length) return;

  let made: Awaited<ReturnType<typeof o.method.generate>>;
  try {
    made = await o.method.generate(
      { path: e.path, label: e.label, image },
      todo.map((i) => rows[i]!.seed!),
      c.params,
      o.signal,
    );
  } catch (err) {
    // A refusal of this one source keeps its real copy and goes on; anything else stops the run.
    if (!(err instanceof AtelierError) || err.code !== 'invalid-input') throw err;
    c.refused(`kept as a real image only: ${err.message}`);
    c.settle(e.path, todo.length, false);
    return;
  }
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
        c.result.dropped++;
        c.settle(e.path, 1, true);
        continue;
      }
      kept.push(sig);
    }
    await writer.write(rows[i]!, encodeRgbaPng(img));
    c.stats.made++;
    c.counts.synthetic++;
    c.result.written++;
    c.settle(e.path, 1, true);
  }
}
