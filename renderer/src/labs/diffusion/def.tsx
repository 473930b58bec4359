/**
 * The diffusion lab: DDPM on 2-D points. Noise the data step by step, learn to predict the noise,
 * and run the process backwards from pure noise, by DDPM or DDIM.
 */
import { SCHEDULES } from '../../../../preload/labs/diffusion-schedule';
import type {
  DiffusionRequest,
  DiffusionView as DiffusionSnapshot,
} from '../../../../preload/labs/diffusion-view';
import type { LabDef } from '../lab-def';
import { DIFFUSION_CHECKS } from './checks';
import { DiffusionView } from './DiffusionView';
import { DIFFUSION_INITIAL_REQUEST } from './request';

export const diffusionLabDef: LabDef<DiffusionSnapshot, DiffusionRequest> = {
  id: 'diffusion',
  title: 'Diffusion',
  blurb:
    'A diffusion model: noise the data a little at a time until nothing is left, learn to predict the noise, then run it backwards from pure noise to new points.',
  fields: [
    {
      key: 'steps',
      label: 'Diffusion steps (T)',
      kind: 'number',
      min: 20,
      max: 1000,
      step: 10,
      help: 'How many small noising steps lead from the data to pure noise. DDPM samples with all of them.',
      rebuilds: true,
    },
    {
      key: 'schedule',
      label: 'Noise schedule',
      kind: 'select',
      options: SCHEDULES.map((s) => ({ value: s, label: s === 'linear' ? 'Linear β' : 'Cosine ᾱ' })),
      help: 'How fast the signal fades: linear β (DDPM) destroys the data early; cosine spreads the fading over all steps.',
      rebuilds: true,
    },
  ],
  initialRequest: DIFFUSION_INITIAL_REQUEST,
  View: DiffusionView,
  series: [{ key: 'loss', label: 'Noise prediction error (MSE)' }],
  guide: [
    {
      title: 'The forward process',
      body: 'Drag t from 0 to T: each step shrinks the points a little and adds a little Gaussian noise, x_t = √ᾱ_t x₀ + √(1−ᾱ_t) ε. Nothing here is learned; at T it is N(0, I), whatever the data was.',
    },
    {
      title: 'What the network learns',
      body: 'Given a noised point and its t, the network guesses the noise ε that was added; the chart is how wrong it is. Its guess, scaled by −1/σ_t, is the score: the arrows, pointing to where the data is likelier at that noise level. Watch them sharpen as t goes down.',
    },
    {
      title: 'Running it backwards',
      body: 'The orange paths start as pure noise and follow the arrows step by step to the data. DDPM takes all T steps and adds fresh noise each time, so the paths jitter; DDIM is deterministic and can take far fewer, smooth steps.',
    },
    {
      title: 'Fewer steps',
      body: 'Switch to DDIM and lower the steps: 50, 20, 10, 5. Samples stay close to the data surprisingly long, then blur toward the middle. Each big step trusts one prediction of where the data is.',
    },
    {
      title: 'Schedules',
      body: 'With the linear schedule the data is gone long before T: many steps are spent on pure noise. Rebuild with the cosine schedule and find the t where the data disappears again.',
    },
  ],
  checks: DIFFUSION_CHECKS,
};
