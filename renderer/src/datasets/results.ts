/**
 * The results as the studio shows them: accuracies as percentages with their spread, signed
 * differences with a tone, per-class rows sorted by how much the synthetic images helped, the
 * benchmark's best arm per row, and sample items grouped as a real source beside what was made
 * from it.
 */
import type {
  BenchmarkArm,
  DatasetsBenchmark,
  DatasetsEvaluation,
  DatasetsSample,
} from '../../../preload/contract';

const pct = (x: number, digits = 1): string => (x * 100).toFixed(digits);

/** 0.7234 ± 0.031 → "72.3 ± 3.1 %". */
export function meanSd(s: { mean: number; sd: number }): string {
  return `${pct(s.mean)} ± ${pct(s.sd)} %`;
}

export type Tone = 'better' | 'worse' | 'same';

/** A difference in accuracy as points with its sign: "+3.2 pts", "−1.0 pts", "±0.0 pts". */
export function signedPoints(d: number): { text: string; tone: Tone } {
  const v = Number((d * 100).toFixed(1));
  if (v === 0) return { text: '±0.0 pts', tone: 'same' };
  return v > 0
    ? { text: `+${v.toFixed(1)} pts`, tone: 'better' }
    : { text: `−${Math.abs(v).toFixed(1)} pts`, tone: 'worse' };
}

export interface ClassRow {
  name: string;
  testCount: number;
  real: number | null;
  withSynthetic: number | null;
  difference: number | null;
}

/** One row per class, the ones the synthetic images helped most first; classes without test items last. */
export function classRows(ev: DatasetsEvaluation): ClassRow[] {
  const rows = ev.classes.map((name, i) => ({
    name,
    testCount: ev.counts.testPerClass[i] ?? 0,
    real: ev.realOnly.perClass[i] ?? null,
    withSynthetic: ev.withSynthetic.perClass[i] ?? null,
    difference: ev.difference.perClass[i] ?? null,
  }));
  return rows.sort((a, b) => {
    if (a.difference === null || b.difference === null) return a.difference === null ? 1 : -1;
    return b.difference - a.difference || a.name.localeCompare(b.name);
  });
}

export const ARM_LABELS: Record<BenchmarkArm, string> = {
  none: 'None',
  classic: 'Classic',
  'vae-posterior': 'VAE-posterior',
};

/** The arms with the highest mean in a benchmark row (more than one on a tie). */
export function bestArms(row: DatasetsBenchmark['rows'][number]): BenchmarkArm[] {
  const arms = Object.keys(ARM_LABELS) as BenchmarkArm[];
  const top = Math.max(...arms.map((a) => row.arms[a].mean));
  return arms.filter((a) => row.arms[a].mean === top);
}

export interface SampleGroup {
  key: string;
  label: string;
  source: string | null;
  real: DatasetsSample | null;
  synthetic: DatasetsSample[];
}

/** Samples as rows: each real source with the synthetic items made from it, in answer order. */
export function groupSamples(samples: readonly DatasetsSample[]): SampleGroup[] {
  const groups = new Map<string, SampleGroup>();
  for (const s of samples) {
    const key = `${s.label}\u0000${s.source ?? s.fileName}`;
    const g = groups.get(key) ?? { key, label: s.label, source: s.source, real: null, synthetic: [] };
    if (s.method === 'real' && !g.real) g.real = s;
    else g.synthetic.push(s);
    groups.set(key, g);
  }
  return [...groups.values()];
}

/** The last part of a path, for a caption. */
export const baseName = (p: string): string => p.split(/[\\/]/).filter(Boolean).pop() ?? p;
