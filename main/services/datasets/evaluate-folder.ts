/**
 * The evaluation's data from disk: an ImageFolder's training and held-out images and an augment
 * run's synthetic ones, as the rows the classifier takes (grey, side × side, values in [0, 1]).
 *
 * - labels are the input's training class folders in scan (code-point) order;
 * - the real training rows are read from the input (the output's real copies are the same bytes);
 * - the synthetic rows are the output manifest's non-real rows whose source is a training image
 *   of this input, each linked to that source (the evaluation checks the label matches);
 * - the test rows are the input's held-out split: `test/` if there is one, else the first other
 *   held-out split (`val/`, …); an input without one is refused, naming the field.
 * Unreadable images and held-out images of a class with no training images are counted as skipped.
 * Every image is read with an await, so main's loop turns between images.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { invalid } from '../../../preload/contract';
import type { LabelledRows, SyntheticRows } from '../../../preload/labs/evaluate';
import type { Rgba } from '../../inference/image';
import { readImage, scanImageFolder, type ImageEntry, type Split } from './imagefolder';
import { MANIFEST, readManifest, REAL } from './manifest';

/**
 * An image as side × side grey values in [0, 1]: each output pixel the area-weighted mean of the
 * source pixels it covers (a box filter, exact for any ratio), over white where transparent.
 */
export function greyArea(img: Rgba, side: number): Float32Array {
  const { width: w, height: h, data } = img;
  const grey = new Float32Array(w * h);
  for (let i = 0; i < w * h; i++) {
    const a = data[i * 4 + 3]! / 255;
    const g = (0.299 * data[i * 4]! + 0.587 * data[i * 4 + 1]! + 0.114 * data[i * 4 + 2]!) / 255;
    grey[i] = g * a + (1 - a);
  }
  const xs = spans(w, side);
  const ys = spans(h, side);
  const out = new Float32Array(side * side);
  for (let oy = 0; oy < side; oy++)
    for (let ox = 0; ox < side; ox++) {
      let sum = 0;
      let area = 0;
      for (const [sy, wy] of ys[oy]!)
        for (const [sx, wx] of xs[ox]!) {
          sum += grey[sy * w + sx]! * wx * wy;
          area += wx * wy;
        }
      out[oy * side + ox] = sum / area;
    }
  return out;
}

/** For each of `n` output cells, the source indices it covers and how much of each (in source pixels). */
function spans(size: number, n: number): [number, number][][] {
  const scale = size / n;
  return Array.from({ length: n }, (_, o) => {
    const lo = o * scale;
    const hi = (o + 1) * scale;
    const cover: [number, number][] = [];
    for (let s = Math.floor(lo); s < Math.min(size, Math.ceil(hi)); s++) {
      const part = Math.min(hi, s + 1) - Math.max(lo, s);
      if (part > 1e-9) cover.push([s, part]);
    }
    return cover;
  });
}

export interface EvaluationSets {
  classes: string[];
  testSplit: Split;
  train: LabelledRows;
  synthetic: SyntheticRows;
  test: LabelledRows;
  skipped: number;
}

/** Rows of side×side values grown one image at a time (also the glyph benchmark's). */
export class Rows {
  readonly x: Float32Array[] = [];
  readonly y: number[] = [];
  readonly source: number[] = [];
  add(values: Float32Array, label: number, source = -1): void {
    this.x.push(values);
    this.y.push(label);
    this.source.push(source);
  }
  labelled(side: number): LabelledRows {
    const x = new Float32Array(this.y.length * side * side);
    this.x.forEach((row, i) => x.set(row, i * side * side));
    return { x, y: Int32Array.from(this.y) };
  }
  /** The rows with each one's source row (-1 = none). */
  synthetic(side: number): SyntheticRows {
    return { ...this.labelled(side), source: Int32Array.from(this.source) };
  }
}

export async function loadEvaluationSets(
  input: string,
  augmented: string,
  side: number,
  signal?: AbortSignal,
): Promise<EvaluationSets> {
  const manifest = join(augmented, 'train', MANIFEST);
  if (!(await stat(manifest).catch(() => null))?.isFile())
    throw invalid(
      `The augmented folder has no train/${MANIFEST}: give the output folder of an augment run.`,
      'augmented',
    );
  const trainEntries: ImageEntry[] = [];
  const heldOut = new Map<Split, ImageEntry[]>();
  for await (const e of scanImageFolder(input)) {
    if (e.kind !== 'image') continue;
    if (e.split === 'train') trainEntries.push(e);
    else heldOut.set(e.split, [...(heldOut.get(e.split) ?? []), e]);
  }
  const testSplit: Split | undefined = heldOut.has('test') ? 'test' : [...heldOut.keys()][0];
  if (!testSplit)
    throw invalid(
      'The input folder has no held-out split to test on: put test images in test/<class>/ beside train/<class>/.',
      'input',
    );
  const classes = [...new Set(trainEntries.map((e) => e.label))];
  const labelOf = new Map(classes.map((c, i) => [c, i]));
  let skipped = 0;
  const grey = async (abs: string): Promise<Float32Array | null> => {
    if (signal?.aborted) throw signal.reason;
    const r = await readImage(abs);
    if (!r.ok) skipped++;
    return r.ok ? greyArea(r.image, side) : null;
  };

  const train = new Rows();
  const indexOf = new Map<string, number>();
  for (const e of trainEntries) {
    const v = await grey(e.abs);
    if (!v) continue;
    indexOf.set(e.path, train.y.length);
    train.add(v, labelOf.get(e.label)!);
  }
  const synthetic = new Rows();
  for await (const row of readManifest(manifest)) {
    const source = indexOf.get(row.source);
    if (row.method === REAL) continue;
    if (source === undefined || row.label !== classes[train.y[source]!]) {
      skipped++;
      continue;
    }
    const v = await grey(join(augmented, 'train', row.file_name));
    if (v) synthetic.add(v, train.y[source]!, source);
  }
  if (synthetic.y.length === 0)
    throw invalid(
      'The augmented folder lists no synthetic images made from this input: augment it first, or give its output folder.',
      'augmented',
    );
  const test = new Rows();
  for (const e of heldOut.get(testSplit)!) {
    const label = labelOf.get(e.label);
    const v = label === undefined ? null : await grey(e.abs);
    if (label === undefined) skipped++;
    if (v) test.add(v, label!);
  }
  return {
    classes,
    testSplit,
    train: train.labelled(side),
    synthetic: synthetic.synthetic(side),
    test: test.labelled(side),
    skipped,
  };
}
