/** What the Bayesian picture asks the worker for (pure). */
import { GRID_LIMITS, MCMC_LIMITS, type BayesRequest } from '../../../../preload/labs/bayes-types';
import type { McmcMethod } from '../../../../preload/labs/mcmc';

/** Draw counts the picture offers. */
export const BAYES_MCMC_SAMPLES = [250, MCMC_LIMITS.default, MCMC_LIMITS.max] as const;

/** Nothing picked yet; once a point is, a 64² grid and 1000 Metropolis draws. */
export const BAYES_INITIAL_REQUEST: BayesRequest = {
  observed: null,
  grid: GRID_LIMITS.default,
  mcmc: { samples: MCMC_LIMITS.default, method: 'metropolis' },
};

/** The request with the sampler's method or draw count changed. */
export function withMcmc(r: BayesRequest, change: { method?: McmcMethod; samples?: number }): BayesRequest {
  const mcmc = { samples: MCMC_LIMITS.default, method: 'metropolis' as McmcMethod, ...r.mcmc, ...change };
  return { ...r, mcmc };
}
