/**
 * The VAE lab's check-yourself tasks, verified on the live model's metrics (pure, tested).
 */
import type { CheckContext, CheckDef } from '../lab-def';
import { nats } from './picture';

/** Mean KL per point below which the latent carries (next to) no information. */
export const COLLAPSED_KL = 0.05;
/** How close the ELBO must come to log p(x) (nats per point). */
export const TIGHT_GAP = 0.15;
/** The latent must still be in use for a tight bound to count (a collapsed model's bound is trivially tight). */
export const USED_KL = 1;

const beta = (ctx: CheckContext): number => (typeof ctx.settings.beta === 'number' ? ctx.settings.beta : 1);
const need = (ctx: CheckContext, key: string): number => {
  const v = ctx.metrics[key];
  if (v === undefined || !Number.isFinite(v))
    throw new Error(ctx.data.dim > 2 ? 'this task needs 2-D points' : `no ${key} measured yet`);
  return v;
};

export const VAE_CHECKS: CheckDef[] = [
  {
    id: 'vae-collapse',
    title: 'Find the β where the latent stops carrying information',
    hint: 'Raise β above 1 step by step and watch the KL curve: at some β the encoder gives up and every posterior becomes the prior (the KL falls to about 0, reconstructions all land on one spot).',
    verify: (ctx) => {
      const kl = need(ctx, 'kl');
      const b = beta(ctx);
      const passed = b > 1 && kl < COLLAPSED_KL;
      return {
        passed,
        detail: passed
          ? `At β = ${b} the KL is ${nats(kl, 3)} nats per point: the code says nothing about x (posterior collapse).`
          : `KL per point ${nats(kl, 3)} nats at β = ${b}; it should fall under ${COLLAPSED_KL} with β above 1.`,
      };
    },
  },
  {
    id: 'vae-tight',
    title: `Make the ELBO within ${TIGHT_GAP} nats of log p(x)`,
    hint: 'The gap is the encoder’s miss, KL(q(z|x) ‖ p(z|x)). Data whose posteriors look Gaussian (a line, two moons with a 1-D latent) close it; keep β at 1 and the latent in use.',
    verify: (ctx) => {
      const gap = need(ctx, 'gap');
      const kl = need(ctx, 'kl');
      const used = kl >= USED_KL;
      const passed = gap <= TIGHT_GAP && used && beta(ctx) === 1;
      return {
        passed,
        detail: !used
          ? `The gap is ${nats(gap, 3)} nats, but the latent is barely used (KL ${nats(kl, 2)} < ${USED_KL}): a bound on a model that ignores z is trivially tight.`
          : `ELBO ${nats(ctx.metrics.elbo)} vs log p(x) ${nats(ctx.metrics.logMarginal)}: a gap of ${nats(gap, 3)} nats${
              beta(ctx) === 1 ? '' : ' (set β to 1 for the true bound)'
            }.`,
      };
    },
  },
  {
    id: 'vae-gaussian',
    title: 'Beat the Gaussian',
    hint: 'Samples from the VAE should sit closer to the data than a single Gaussian fitted to it. Train longer, or lower β so the latent carries the data’s shape.',
    verify: (ctx) => {
      const swd = need(ctx, 'swd');
      const base = need(ctx, 'swdGaussian');
      return {
        passed: swd < base,
        detail: `Sliced Wasserstein to the data: the VAE ${swd.toFixed(3)}, a fitted Gaussian ${base.toFixed(3)}.`,
      };
    },
  },
];
