/**
 * The Bayesian-inference lab: a VAE with a 2-D latent, trained on the points, looked at as
 * inference. Pick an observed x; see p(z|x) computed exactly on a grid, the encoder's amortized
 * Gaussian, and MCMC draws, with the gap between bound and evidence.
 */
import type { BayesRequest, BayesView as BayesSnapshot } from '../../../../preload/labs/bayes-types';
import type { LabDef } from '../lab-def';
import { betaField, ELBO_SERIES } from '../vae/elbo';
import { BayesView } from './BayesView';
import { BAYES_CHECKS } from './checks';
import { BAYES_INITIAL_REQUEST } from './request';

export const bayesLabDef: LabDef<BayesSnapshot, BayesRequest> = {
  id: 'bayes',
  title: 'Bayes',
  blurb:
    'Where did this point come from? A latent-variable model (a VAE with a 2-D latent) trains on the points; pick any x and see its posterior p(z|x) three ways: exactly on a grid, as the encoder’s quick Gaussian guess, and as MCMC draws.',
  fields: [
    betaField('The weight of the KL term while training (1 = the true ELBO). Applies to the running model.'),
  ],
  initialRequest: BAYES_INITIAL_REQUEST,
  View: BayesView,
  series: ELBO_SERIES,
  guide: [
    {
      title: 'Pick a point',
      body: 'Let the model train for a few seconds, then click a point in data space (left). Everything on the right is about that one x: which codes z could have produced it?',
    },
    {
      title: 'The exact answer',
      body: 'The heatmap is Bayes’ rule done by brute force: for every cell of a 64×64 grid over the latent, prior p(z) times likelihood p(x|z), divided by their sum. That sum is log p(x), the evidence. Exact — but it costs thousands of decoder calls, and only works because z has two dimensions.',
    },
    {
      title: 'The encoder’s guess',
      body: 'The pink ellipses are q(z|x), the Gaussian the encoder outputs in a single pass: amortized inference, learned once for all points. Where the heatmap is round, it fits; where it is curved or split, it cannot.',
    },
    {
      title: 'Sampling it',
      body: 'The yellow dots are MCMC draws: a chain that needs p(z) p(x|z) only up to a constant, the way real models are sampled. Their mean and spread match the heatmap’s (see the numbers). Switch to HMC, which follows the gradient, and compare.',
    },
    {
      title: 'The gap and the ELBO',
      body: 'ELBO(x) is what training climbs; log p(x) is what it would like to climb. Their difference is exactly KL(q(z|x) ‖ p(z|x)) — the numbers show both, computed two ways. Every point’s gap is what the VAE loses by trusting its encoder.',
    },
    {
      title: 'Two bumps',
      body: 'Look for an x whose heatmap splits into two bumps: two different codes decode near it. The encoder picks one (or straddles both); MCMC chains may get stuck in one. This is where amortized Gaussians fail.',
    },
  ],
  checks: BAYES_CHECKS,
};
