/**
 * Quadrature for the VAE's exact numbers: Gauss–Hermite rules (expectations under a Gaussian,
 * deterministic, so the ELBO needs no random draws), latent grids, and a stable log-sum-exp.
 */

/** Nodes and weights of the n-point rule for E[f(Z)], Z ~ N(0, 1): Σ w_i f(x_i). */
export function gaussHermite(n: number): { nodes: Float64Array; weights: Float64Array } {
  // Newton on the physicists' Hermite polynomials (Golub–Welsch would need an eigen-solver);
  // the standard starting guesses converge for every n used here (up to ~40).
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  const m = Math.floor((n + 1) / 2);
  const pim4 = Math.pow(Math.PI, -0.25);
  let z = 0;
  for (let i = 0; i < m; i++) {
    if (i === 0) z = Math.sqrt(2 * n + 1) - 1.85575 * Math.pow(2 * n + 1, -1 / 6);
    else if (i === 1) z -= (1.14 * Math.pow(n, 0.426)) / z;
    else if (i === 2) z = 1.86 * z - 0.86 * x[0]!;
    else if (i === 3) z = 1.91 * z - 0.91 * x[1]!;
    else z = 2 * z - x[i - 2]!;
    let pp = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p1 = pim4;
      let p2 = 0;
      for (let j = 1; j <= n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = z * Math.sqrt(2 / j) * p2 - Math.sqrt((j - 1) / j) * p3;
      }
      pp = Math.sqrt(2 * n) * p2;
      const z1 = z;
      z = z1 - p1 / pp;
      if (Math.abs(z - z1) <= 1e-14) break;
    }
    x[i] = z;
    x[n - 1 - i] = -z;
    w[i] = 2 / (pp * pp);
    w[n - 1 - i] = w[i]!;
  }
  // Physicists' rule (weight e^{-x²}) → standard normal: x√2, w/√π.
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    nodes[i] = x[i]! * Math.SQRT2;
    weights[i] = w[i]! / Math.sqrt(Math.PI);
  }
  return { nodes, weights };
}

/**
 * The tensor-product rule in `dims` dimensions (n points a side): `nodes` is count × dims,
 * `logWeights` the log of each product weight.
 */
export function gaussHermiteGrid(
  n: number,
  dims: number,
): { count: number; nodes: Float64Array; logWeights: Float64Array } {
  const { nodes: x, weights: w } = gaussHermite(n);
  const count = Math.pow(n, dims);
  const nodes = new Float64Array(count * dims);
  const logWeights = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    let rest = k;
    let lw = 0;
    for (let d = 0; d < dims; d++) {
      const i = rest % n;
      rest = Math.floor(rest / n);
      nodes[k * dims + d] = x[i]!;
      lw += Math.log(w[i]!);
    }
    logWeights[k] = lw;
  }
  return { count, nodes, logWeights };
}

/** A latent grid of cell centres over [-half, half]^dims, `side` cells a side (dims 1 or 2). */
export interface LatentGrid {
  dims: number;
  side: number;
  half: number;
  /** Cell width. */
  h: number;
  count: number;
  /** count × dims cell centres; in 2-D row j (z₂) after row j−1, i (z₁) fastest. */
  z: Float32Array;
  /** log N(z; 0, I) + log(cell volume) per cell: Σ exp of it ≈ 1. */
  logPriorMass: Float64Array;
}

export function latentGrid(dims: number, side: number, half: number): LatentGrid {
  const h = (2 * half) / side;
  const count = Math.pow(side, dims);
  const z = new Float32Array(count * dims);
  const logPriorMass = new Float64Array(count);
  const logCell = dims * Math.log(h) - 0.5 * dims * Math.log(2 * Math.PI);
  for (let k = 0; k < count; k++) {
    let r2 = 0;
    let rest = k;
    for (let d = 0; d < dims; d++) {
      const v = -half + (0.5 + (rest % side)) * h;
      rest = Math.floor(rest / side);
      z[k * dims + d] = v;
      r2 += v * v;
    }
    logPriorMass[k] = logCell - 0.5 * r2;
  }
  return { dims, side, half, h, count, z, logPriorMass };
}

/** log Σ exp(v[i]) without overflow. */
export function logSumExp(v: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < v.length; i++) if (v[i]! > max) max = v[i]!;
  if (max === -Infinity) return -Infinity;
  let s = 0;
  for (let i = 0; i < v.length; i++) s += Math.exp(v[i]! - max);
  return max + Math.log(s);
}

/** log N(x; mean, σ²) summed over dimensions, with σ given as its log. */
export function logNormalDiag(
  x: ArrayLike<number>,
  mean: ArrayLike<number>,
  logSigma: ArrayLike<number>,
): number {
  let s = 0;
  for (let d = 0; d < x.length; d++) {
    const r = (x[d]! - mean[d]!) * Math.exp(-logSigma[d]!);
    s += -0.5 * r * r - logSigma[d]! - 0.5 * Math.log(2 * Math.PI);
  }
  return s;
}

/** Cell centres and prior masses of a grid over a box (cells may be oblong): what the log joint needs. */
export interface CellSet {
  count: number;
  z: Float32Array;
  logPriorMass: Float64Array;
}

/** A `side` × `side` grid of cells over [x0, x1] × [y0, y1] (2-D latent), laid out like {@link latentGrid}. */
export function boxGrid(
  x0: number,
  x1: number,
  y0: number,
  y1: number,
  side: number,
): CellSet & { hx: number; hy: number } {
  const hx = (x1 - x0) / side;
  const hy = (y1 - y0) / side;
  const count = side * side;
  const z = new Float32Array(count * 2);
  const logPriorMass = new Float64Array(count);
  const logCell = Math.log(hx * hy) - Math.log(2 * Math.PI);
  for (let j = 0; j < side; j++) {
    const b = y0 + (j + 0.5) * hy;
    for (let i = 0; i < side; i++) {
      const a = x0 + (i + 0.5) * hx;
      const k = j * side + i;
      z[2 * k] = a;
      z[2 * k + 1] = b;
      logPriorMass[k] = logCell - 0.5 * (a * a + b * b);
    }
  }
  return { count, z, logPriorMass, hx, hy };
}
