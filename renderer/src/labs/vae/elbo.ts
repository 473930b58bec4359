/** What the VAE and Bayesian labs (both a VAE underneath) show alike: the ELBO's chart and the β field. */
import { MAX_BETA } from '../../../../preload/labs/vae-types';
import type { FieldDef, LabDef } from '../lab-def';

export const ELBO_SERIES: LabDef['series'] = [
  { key: 'recon', label: 'Reconstruction E[log p(x|z)]' },
  { key: 'kl', label: 'KL(q(z|x) ‖ p(z))' },
  { key: 'elbo', label: 'ELBO (β = 1)' },
];

/** The weight of the KL term: a slider that applies to the running model; `help` says what it does there. */
export function betaField(help: string): FieldDef {
  return {
    key: 'beta',
    label: 'β (weight of the KL)',
    kind: 'range',
    min: 0,
    max: MAX_BETA,
    step: 0.05,
    help,
    rebuilds: false,
  };
}
