/** The Bayesian lab's check-yourself tasks, verified on the live model's metrics (pure, tested). */
import type { CheckContext, CheckDef } from '../lab-def';
import { nats } from '../vae/picture';

/** A posterior counts as having two bumps from this score on (see preload/labs/bayes-grid.ts). */
export const TWO_BUMPS = 0.3;
/** The encoder's gap to beat (nats). */
export const SMALL_GAP = 0.1;
/** Mean KL per point the model must keep for a small gap to count (a model ignoring z has no gap). */
export const USED_KL = 1;

const picked = (ctx: CheckContext, key: string): number => {
  const v = ctx.metrics[key];
  if (v === undefined || !Number.isFinite(v)) throw new Error('pick a point in data space first');
  return v;
};

export const BAYES_CHECKS: CheckDef[] = [
  {
    id: 'bayes-two-bumps',
    title: 'Find a point whose posterior has two bumps',
    hint: 'Try points between the clusters, or where the data folds back on itself: two different codes can decode near the same x. The encoder’s single Gaussian cannot follow both.',
    verify: (ctx) => {
      const score = picked(ctx, 'bimodality');
      return {
        passed: score >= TWO_BUMPS,
        detail: `Two-bump score ${score.toFixed(2)} for the picked point (${TWO_BUMPS} or more counts).`,
      };
    },
  },
  {
    id: 'bayes-small-gap',
    title: `Make the encoder’s gap smaller than ${SMALL_GAP} nats`,
    hint: 'Pick a point where the exact posterior looks like an ellipse and train until the pink ellipse sits on the heatmap. The latent must stay in use (KL per point of 1 or more).',
    verify: (ctx) => {
      const gap = picked(ctx, 'pointGap');
      const kl = ctx.metrics.kl ?? 0;
      const used = kl >= USED_KL;
      return {
        passed: gap < SMALL_GAP && used,
        detail: used
          ? `log p(x) − ELBO(x) = ${nats(gap, 3)} nats at the picked point.`
          : `The gap is ${nats(gap, 3)} nats, but the model barely uses z (KL ${nats(kl)} per point): train more, keep β near 1.`,
      };
    },
  },
];
