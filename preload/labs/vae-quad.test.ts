import { expect, it } from 'vitest';
import { boxGrid, gaussHermite, gaussHermiteGrid, latentGrid, logNormalDiag, logSumExp } from './vae-quad';

it('Gauss–Hermite rules give the moments of a standard normal exactly', () => {
  for (const n of [6, 12, 16]) {
    const { nodes, weights } = gaussHermite(n);
    const moment = (k: number) => nodes.reduce((s, x, i) => s + weights[i]! * Math.pow(x, k), 0);
    expect(moment(0)).toBeCloseTo(1, 12);
    expect(moment(1)).toBeCloseTo(0, 12);
    expect(moment(2)).toBeCloseTo(1, 12);
    expect(moment(4)).toBeCloseTo(3, 10);
    expect(moment(6)).toBeCloseTo(15, 8);
  }
  const g = gaussHermiteGrid(6, 2);
  expect(g.count).toBe(36);
  let e = 0;
  for (let k = 0; k < g.count; k++)
    e += Math.exp(g.logWeights[k]!) * g.nodes[2 * k]! ** 2 * g.nodes[2 * k + 1]! ** 2;
  expect(e).toBeCloseTo(1, 10); // E[z₁² z₂²] = 1
});

it("a latent grid's prior masses sum to 1 over a wide enough box", () => {
  for (const [dims, side, half] of [
    [1, 2000, 6],
    [2, 100, 5],
  ] as const) {
    const g = latentGrid(dims, side, half);
    expect(g.count).toBe(side ** dims);
    expect(Math.exp(logSumExp(g.logPriorMass))).toBeCloseTo(1, 5);
  }
  const b = boxGrid(-5, 5, -5, 5, 100);
  expect(Math.exp(logSumExp(b.logPriorMass))).toBeCloseTo(1, 5);
  // the layout: z₁ fastest, rows of z₂ from the bottom
  const g = latentGrid(2, 4, 2);
  expect(Array.from(g.z.slice(0, 4))).toEqual([-1.5, -1.5, -0.5, -1.5]);
  expect(Array.from(b.z.slice(0, 4)).map((v) => +v.toFixed(3))).toEqual([-4.95, -4.95, -4.85, -4.95]);
});

it('log-sum-exp does not overflow, and the diagonal normal is a normal', () => {
  expect(logSumExp([1000, 1000])).toBeCloseTo(1000 + Math.log(2), 10);
  expect(logSumExp([-Infinity, -Infinity])).toBe(-Infinity);
  expect(logNormalDiag([0, 0], [0, 0], [0, 0])).toBeCloseTo(-Math.log(2 * Math.PI), 12);
  expect(logNormalDiag([1], [0], [Math.log(2)])).toBeCloseTo(
    -0.5 * 0.25 - Math.log(2) - 0.5 * Math.log(2 * Math.PI),
    12,
  );
});
