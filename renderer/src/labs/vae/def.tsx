/**
 * The VAE lab: an encoder and a decoder trained on the ELBO, with a β slider whose trade-off is
 * visible (blurry vs collapsed), posteriors drawn as ellipses over the prior and the exact
 * log p(x) beside the bound.
 */
import {
  VAE_IMAGE_SETTINGS,
  type VaeRequest,
  type VaeView as VaeSnapshot,
} from '../../../../preload/labs/vae-types';
import type { LabDef } from '../lab-def';
import { betaField, ELBO_SERIES } from './elbo';
import { VAE_CHECKS } from './checks';
import { VAE_INITIAL_REQUEST } from './request';
import { VaeView } from './VaeView';

export const vaeLabDef: LabDef<VaeSnapshot, VaeRequest> = {
  id: 'vae',
  title: 'VAE',
  blurb:
    'A variational autoencoder: an encoder guesses a Gaussian posterior q(z|x) for each point, a decoder maps codes back, and both climb the ELBO — reconstruction minus the code’s KL cost — a lower bound on log p(x), which here is also computed exactly.',
  fields: [
    {
      key: 'latentDim',
      label: 'Latent dimensions',
      kind: 'select',
      options: [1, 2, 4, 8].map((v) => ({ value: v, label: String(v) })),
      help: '1 or 2 on points (so log p(x) can be integrated exactly); glyphs may use up to 8. Starts a new model.',
      rebuilds: true,
    },
    betaField(
      'β < 1 buys sharper reconstructions with a messier latent; β > 1 pushes posteriors onto the prior until the code says nothing. Applies to the running model.',
    ),
  ],
  initialRequest: VAE_INITIAL_REQUEST,
  View: VaeView,
  series: ELBO_SERIES,
  guide: [
    {
      title: 'One objective, two parts',
      body: 'The chart splits the ELBO into the reconstruction term (how well the decoder rebuilds x from a code drawn from q(z|x)) and the KL term (how far each posterior strays from the prior N(0, I)). Training pushes the first up and the second down; the ELBO is their difference.',
    },
    {
      title: 'Posteriors over the prior',
      body: 'On the right, every coloured point has its posterior drawn as a 1σ ellipse in the same colour, over the prior’s 1σ–3σ rings. Watch the ellipses shrink and spread out as the encoder learns to tell points apart — and notice they still try to tile the prior.',
    },
    {
      title: 'Reconstructions and samples',
      body: 'Grey lines join each point to its reconstruction (the decoder at the posterior mean). Orange dots are fresh samples: z from the prior, then x from p(x|z). The faint lines are where the decoder sends a grid of the latent space — the model’s manifold.',
    },
    {
      title: 'β: blurry or collapsed',
      body: 'Slide β to 3: the KL is now expensive, posteriors swell onto the prior, reconstructions slide to the middle and samples blur into a blob (the decoder’s noise σx grows to cover the data). Slide β to 0.1: reconstructions snap to their points, but the latent fills with holes and samples from the prior land between the data.',
    },
    {
      title: 'How tight is the bound?',
      body: 'Under the picture, the ELBO sits below log p(x), which the lab computes exactly by summing p(x|z) p(z) over a fine grid of the latent. The gap is the average KL between q(z|x) and the true posterior: what a Gaussian guess costs. Try a 1-D latent on two moons and watch the gap shrink.',
    },
    {
      title: 'Glyphs',
      body: 'Switch the data to glyphs: the same model on 16×16 images with a Bernoulli decoder. The top strip shows glyphs over their reconstructions; with a 2-D latent the right panel decodes a grid of codes, so you can see how the alphabet is laid out in z.',
    },
  ],
  checks: VAE_CHECKS,
  imageSettings: { ...VAE_IMAGE_SETTINGS },
};
