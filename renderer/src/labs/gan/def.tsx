/**
 * The GAN lab: a generator and a discriminator trained against each other while you watch, on
 * 2-D points or 16×16 glyphs; the discriminator's belief as a heatmap, the generator's manifold,
 * its gradient arrows, and a collapse you can cause.
 */
import { GAN_IMAGE_SETTINGS, GAN_LOSSES, GAN_LOSS_LABELS } from '../../../../preload/labs/gan-settings';
import type { GanRequest, GanView as GanSnapshot } from '../../../../preload/labs/gan-view';
import type { LabDef } from '../lab-def';
import { COLLAPSE_RECIPE, GAN_CHECKS } from './checks';
import { GanView } from './GanView';
import { GAN_INITIAL_REQUEST } from './request';

export const ganLabDef: LabDef<GanSnapshot, GanRequest> = {
  id: 'gan',
  title: 'GAN',
  blurb:
    'Two networks in a contest: the generator turns noise into points, the discriminator learns to tell them from the data, and the generator follows its gradient towards whatever it calls real.',
  fields: [
    {
      key: 'noiseDim',
      label: 'Noise dimension',
      kind: 'range',
      min: 1,
      max: 16,
      step: 1,
      help: 'Numbers of noise the generator starts from. With 1 it can only draw a curve through the plane.',
      rebuilds: true,
    },
    {
      key: 'loss',
      label: 'Loss',
      kind: 'select',
      options: GAN_LOSSES.map((l) => ({ value: l, label: GAN_LOSS_LABELS[l] })),
      help: 'Non-saturating: D says P(real). WGAN-GP and hinge: D gives a score (a critic), which resists collapse.',
      rebuilds: true,
    },
    {
      key: 'dSteps',
      label: 'D steps per G step',
      kind: 'range',
      min: 1,
      max: 10,
      step: 1,
      help: 'Discriminator updates before each generator update: more makes its map sharper before the generator moves.',
      rebuilds: false,
    },
    {
      key: 'gLrFactor',
      label: 'G learning rate ×',
      kind: 'number',
      min: 0.1,
      max: 20,
      step: 0.5,
      help: "The generator's learning rate as a multiple of the discriminator's. Large: the generator outruns its judge.",
      rebuilds: false,
    },
    {
      key: 'gpWeight',
      label: 'Gradient penalty',
      kind: 'number',
      min: 0,
      max: 100,
      step: 0.1,
      help: 'WGAN-GP only: how hard the critic is held to slope 1 between real and generated points.',
      rebuilds: false,
    },
  ],
  initialRequest: GAN_INITIAL_REQUEST,
  View: GanView,
  series: [
    { key: 'd', label: 'Discriminator' },
    { key: 'g', label: 'Generator' },
    { key: 'gp', label: 'Gradient penalty' },
  ],
  guide: [
    {
      title: "The discriminator's belief",
      body: 'The background is what D thinks of every place on the plane: green where it says “real”, violet where it says “generated”. Press play and watch it chase the orange points: wherever they pile up, it turns violet.',
    },
    {
      title: 'Gradient arrows',
      body: 'The pink arrows are all the generator ever learns from: for each orange point, the direction that makes D call it more real. They point uphill on the heatmap, towards the green. The generator never sees the data itself.',
    },
    {
      title: 'The manifold folds onto the data',
      body: 'The orange lines are a grid of noise values pushed through the generator. At first a crumpled sheet near the centre; as it trains it stretches and folds so that most of the sheet lands on the eight modes, with thin strands between them.',
    },
    {
      title: 'Give D more steps',
      body: 'Set D steps per G step to 5: the discriminator settles before each generator move, its map gets sharper and the arrows cleaner, but each iteration costs more. Back at 1, the two chase each other more loosely.',
    },
    {
      title: 'Cause a collapse',
      body: `Set ${COLLAPSE_RECIPE}, then start a new model. The generator now learns twenty times faster than its judge: it throws every point at the one place D likes best, the sheet shrinks to a dot, and the dot hops from mode to mode as D catches up. That is mode collapse.`,
    },
    {
      title: 'Try the loss',
      body: 'Switch the loss to WGAN-GP. D becomes a critic: a score, not a probability (the legend shows its range), held to a gentle slope by the gradient penalty. Its arrows stay useful even far from the data, and it covers the ring more steadily.',
    },
  ],
  checks: GAN_CHECKS,
  imageSettings: { ...GAN_IMAGE_SETTINGS },
};
