/**
 * A compact separable CMA-ES (Ros & Hansen 2008: the diagonal-covariance variant, which learns
 * n-dimensional problems n times faster than full CMA-ES and suits a budget of ~150 evaluations
 * in 24 dimensions). Hand-written: no well-kept CMA-ES package exists on npm (the maintained ones
 * are Python, Rust and R), and the diagonal variant needs no linear-algebra library. Deterministic
 * for a seed; asynchronous so each generation's samples can be rendered by the inference process.
 */

export interface CmaesOptions {
  /** Start point and initial step size. */
  mean: number[];
  sigma: number;
  /** Most objective evaluations, all generations together. */
  budget: number;
  seed: number;
  /** Samples per generation (default 4 + 3 ln n). */
  lambda?: number;
  /** After each generation: evaluations so far and the best value. Throw here to stop. */
  onGeneration?: (evaluations: number, best: number) => void;
}

export interface CmaesResult {
  x: number[];
  value: number;
  evaluations: number;
}

function normalSource(seed: number): () => number {
  let s = seed >>> 0 || 1;
  const u = (): number => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) + 0.5) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

/** Minimises `f` (evaluated one generation at a time, in order) within the budget. */
export async function cmaes(
  f: (xs: number[][]) => Promise<number[]>,
  opts: CmaesOptions,
): Promise<CmaesResult> {
  const n = opts.mean.length;
  const normal = normalSource(opts.seed);
  const lambda = opts.lambda ?? 4 + Math.floor(3 * Math.log(n));
  const mu = Math.floor(lambda / 2);
  const raw = Array.from({ length: mu }, (_, i) => Math.log(mu + 0.5) - Math.log(i + 1));
  const wsum = raw.reduce((a, b) => a + b, 0);
  const w = raw.map((v) => v / wsum);
  const mueff = 1 / w.reduce((a, b) => a + b * b, 0);
  const cc = (4 + mueff / n) / (n + 4 + (2 * mueff) / n);
  const cs = (mueff + 2) / (n + mueff + 5);
  // Separable variant: the covariance learning rates scale by (n + 2) / 3.
  const c1 = ((2 / ((n + 1.3) ** 2 + mueff)) * (n + 2)) / 3;
  const cmu = Math.min(1 - c1, (((2 * (mueff - 2 + 1 / mueff)) / ((n + 2) ** 2 + mueff)) * (n + 2)) / 3);
  const damps = 1 + 2 * Math.max(0, Math.sqrt((mueff - 1) / (n + 1)) - 1) + cs;
  const chiN = Math.sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n));

  const mean = opts.mean.slice();
  let sigma = opts.sigma;
  const diag = new Array<number>(n).fill(1);
  const pc = new Array<number>(n).fill(0);
  const ps = new Array<number>(n).fill(0);
  let best: CmaesResult = { x: mean.slice(), value: Infinity, evaluations: 0 };
  let evaluations = 0;
  let gen = 0;
  while (evaluations + lambda <= opts.budget) {
    gen++;
    const zs = Array.from({ length: lambda }, () => Array.from({ length: n }, normal));
    const xs = zs.map((z) => z.map((zi, i) => mean[i]! + sigma * Math.sqrt(diag[i]!) * zi));
    const values = await f(xs);
    evaluations += lambda;
    const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
    if (order[0]![0] < best.value) best = { x: xs[order[0]![1]]!, value: order[0]![0], evaluations };
    const zw = new Array<number>(n).fill(0);
    for (let k = 0; k < mu; k++) {
      const z = zs[order[k]![1]]!;
      for (let i = 0; i < n; i++) zw[i]! += w[k]! * z[i]!;
    }
    for (let i = 0; i < n; i++) mean[i]! += sigma * Math.sqrt(diag[i]!) * zw[i]!;
    let psNorm = 0;
    for (let i = 0; i < n; i++) {
      ps[i] = (1 - cs) * ps[i]! + Math.sqrt(cs * (2 - cs) * mueff) * zw[i]!;
      psNorm += ps[i]! ** 2;
    }
    psNorm = Math.sqrt(psNorm);
    const hsig = psNorm / Math.sqrt(1 - (1 - cs) ** (2 * gen)) / chiN < 1.4 + 2 / (n + 1) ? 1 : 0;
    for (let i = 0; i < n; i++) {
      const d = Math.sqrt(diag[i]!);
      pc[i] = (1 - cc) * pc[i]! + hsig * Math.sqrt(cc * (2 - cc) * mueff) * d * zw[i]!;
      let rankMu = 0;
      for (let k = 0; k < mu; k++) rankMu += w[k]! * diag[i]! * zs[order[k]![1]]![i]! ** 2;
      diag[i] =
        (1 - c1 - cmu) * diag[i]! + c1 * (pc[i]! ** 2 + (1 - hsig) * cc * (2 - cc) * diag[i]!) + cmu * rankMu;
    }
    sigma *= Math.exp((cs / damps) * (psNorm / chiN - 1));
    opts.onGeneration?.(evaluations, best.value);
  }
  return { ...best, evaluations };
}
