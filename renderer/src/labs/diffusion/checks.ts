/** The diffusion lab's check-yourself tasks, verified on the live model's metrics (pure, tested). */
import { makeSchedule, SCHEDULES, type ScheduleName } from '../../../../preload/labs/diffusion-schedule';
import type { CheckContext, CheckDef } from '../lab-def';

/** How many steps past the first "gone" step still count as finding it: max(2, T/20). */
export function goneWindow(T: number): number {
  return Math.max(2, Math.round(T / 20));
}

const metric = (ctx: CheckContext, key: string): number => {
  const v = ctx.metrics[key];
  if (v === undefined || !Number.isFinite(v)) throw new Error(`no ${key} measured yet`);
  return v;
};

function schedule(ctx: CheckContext): ReturnType<typeof makeSchedule> {
  const T = typeof ctx.settings.steps === 'number' ? ctx.settings.steps : 100;
  const name = (SCHEDULES as readonly string[]).includes(String(ctx.settings.schedule))
    ? (ctx.settings.schedule as ScheduleName)
    : 'linear';
  return makeSchedule(name, T);
}

export const DIFFUSION_CHECKS: CheckDef[] = [
  {
    id: 'diffusion-beat-gaussian',
    title: 'Beat the Gaussian',
    hint: 'Train with the defaults for a while: once the denoiser has learned the shape, DDIM’s samples sit closer to the data than a Gaussian fitted to it.',
    verify: (ctx) => {
      const swd = metric(ctx, 'swd');
      const bar = metric(ctx, 'swdGaussian');
      return {
        passed: ctx.iteration > 0 && swd < bar,
        detail: `DDIM samples to data: ${swd.toFixed(3)}; a fitted Gaussian: ${bar.toFixed(3)} (lower is closer).`,
      };
    },
  },
  {
    id: 'diffusion-ddim-10',
    title: 'Beat the Gaussian with DDIM in 10 steps',
    hint: 'DDIM can skip steps because it is deterministic, but with only 10 it leans hard on every prediction. Train longer; a cosine schedule spreads the steps more evenly.',
    verify: (ctx) => {
      const swd = metric(ctx, 'swdDdim10');
      const bar = metric(ctx, 'swdGaussian');
      return {
        passed: ctx.iteration > 0 && swd < bar,
        detail: `10-step DDIM samples to data: ${swd.toFixed(3)}; a fitted Gaussian: ${bar.toFixed(3)}.`,
      };
    },
  },
  {
    id: 'diffusion-data-gone',
    title: 'Find the t where the data is gone',
    hint: 'Drag the t slider up from 0 and stop where the points first look like plain noise: the signal √ᾱ has fallen to a tenth of the noise. With the linear schedule that is well before T.',
    verify: (ctx) => {
      const shown = ctx.metrics.shownT;
      if (shown === undefined || !Number.isFinite(shown)) throw new Error('move the t slider first');
      const s = schedule(ctx);
      const gone = metric(ctx, 'goneT');
      const signal = Math.sqrt(s.alphaBar[Math.min(s.steps, Math.max(0, shown))]!);
      const window = goneWindow(s.steps);
      const passed = shown >= gone && shown <= gone + window;
      const where =
        shown < gone
          ? 'the data still shows: go further.'
          : shown > gone + window
            ? 'the data is long gone: go back to where it first disappears.'
            : 'the data has just gone.';
      return { passed, detail: `At t = ${shown}, √ᾱ = ${signal.toFixed(3)} of the signal is left: ${where}` };
    },
  },
];
