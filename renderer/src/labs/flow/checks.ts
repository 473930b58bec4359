/** The flow lab's check-yourself tasks, verified on the live model's metrics (pure, tested). */
import type { CheckContext, CheckDef } from '../lab-def';

/** Share of the density off the data (cells over 0.5 from every point) that counts as "put there". */
export const OFF_DATA_SHARE = 0.15;
/** Steps the flow must have trained before the off-data task counts (a fresh flow is a plain Gaussian). */
export const OFF_DATA_MIN_STEPS = 300;
/** The density must still integrate to 1 within this after DENSITY_MIN_STEPS of training. */
export const DENSITY_TOLERANCE = 0.02;
export const DENSITY_MIN_STEPS = 1000;

const metric = (ctx: CheckContext, key: string): number => {
  const v = ctx.metrics[key];
  if (v === undefined || !Number.isFinite(v)) throw new Error(`no ${key} measured yet`);
  return v;
};

const percent = (v: number): string => `${(100 * v).toFixed(1)} %`;

export const FLOW_CHECKS: CheckDef[] = [
  {
    id: 'flow-off-data',
    title: 'Make the flow put density where there is no data',
    hint: 'A flow can only bend its one Gaussian, never tear it. Set layers to 2 and train on the spiral, or pick the ring of 8 Gaussians: watch bright bridges where no point lies.',
    verify: (ctx) => {
      const off = metric(ctx, 'massOffData');
      const trained = ctx.iteration >= OFF_DATA_MIN_STEPS;
      return {
        passed: trained && off >= OFF_DATA_SHARE,
        detail: trained
          ? `${percent(off)} of the density lies over 0.5 away from every data point (${percent(OFF_DATA_SHARE)} or more counts).`
          : `Train at least ${OFF_DATA_MIN_STEPS} steps first (a fresh flow is just the base Gaussian); now ${percent(off)} is off the data.`,
      };
    },
  },
  {
    id: 'flow-beat-gaussian',
    title: 'Beat the Gaussian',
    hint: 'Train with the defaults: once the samples follow the data’s shape, their sliced Wasserstein distance drops below that of a Gaussian fitted to the data.',
    verify: (ctx) => {
      const swd = metric(ctx, 'swd');
      const bar = metric(ctx, 'swdGaussian');
      return {
        passed: ctx.iteration > 0 && swd < bar,
        detail: `Samples to data: ${swd.toFixed(3)}; a fitted Gaussian: ${bar.toFixed(3)} (lower is closer).`,
      };
    },
  },
  {
    id: 'flow-density',
    title: 'Keep the density a density',
    hint: 'Train for a while and check that the heatmap’s mass still sums to 1: every layer’s log-determinant pays exactly for the stretching it does. Only a learning rate so high that mass is flung off the plane can break it.',
    verify: (ctx) => {
      const total = metric(ctx, 'densityIntegral');
      const trained = ctx.iteration >= DENSITY_MIN_STEPS;
      const ok = Math.abs(total - 1) <= DENSITY_TOLERANCE;
      return {
        passed: trained && ok,
        detail: `The density sums to ${total.toFixed(4)} over the plane${trained ? '' : ` (train to ${DENSITY_MIN_STEPS} steps, now ${ctx.iteration})`}; within ${percent(DENSITY_TOLERANCE)} of 1 counts.`,
      };
    },
  },
];
