/**
 * The normalizing-flow lab: RealNVP affine couplings trained by maximum likelihood, with the exact
 * density, the bijection layer by layer, samples, and any point's log p(x) on show.
 */
import type { FlowRequest, FlowView as FlowSnapshot } from '../../../../preload/labs/flow-view';
import type { LabDef } from '../lab-def';
import { FLOW_CHECKS } from './checks';
import { FlowView } from './FlowView';

export const FLOW_INITIAL_REQUEST: FlowRequest = { grid: 64, samples: 500, probe: null };

export const flowLabDef: LabDef<FlowSnapshot, FlowRequest> = {
  id: 'flow',
  title: 'Flow',
  blurb:
    'A normalizing flow: an invertible map that bends a Gaussian into the data, layer by layer, so every point has an exact likelihood.',
  fields: [
    {
      key: 'layers',
      label: 'Coupling layers',
      kind: 'number',
      min: 2,
      max: 16,
      step: 1,
      help: 'How many affine coupling layers: each moves one coordinate by a scale and a shift read from the other. More layers bend further.',
      rebuilds: true,
    },
  ],
  initialRequest: FLOW_INITIAL_REQUEST,
  View: FlowView,
  series: [{ key: 'nll', label: 'Negative log-likelihood (nats)' }],
  guide: [
    {
      title: 'An exact density',
      body: 'The heatmap is log p(x), computed exactly at every point: map x to z = f(x), score z under the base N(0, I), and add log|det J|, how much f stretches space there. A fresh flow is the identity, so it starts as a round Gaussian. Press play and watch it take the data’s shape.',
    },
    {
      title: 'Layer by layer',
      body: 'The lines are a square grid in the base space, carried back through the flow one layer at a time. Drag the slider from 0 (the base) to the end (data space), or press ▶. Each coupling layer moves only one coordinate, by a scale and a shift that depend on the other, so every step is a shear you can follow.',
    },
    {
      title: 'Hover for the numbers',
      body: 'Point at any place on the picture: the readout gives its exact log p(x), its z in the base, the log-determinant, and how it ranks among the training points. Below the 2nd percentile it is an outlier — try the empty space between the moons.',
    },
    {
      title: 'Sampling is the inverse',
      body: 'The orange points are draws from N(0, I) pushed through f⁻¹. Slide back to 0 and they are a plain Gaussian cloud; the same points, layer after layer, land on the data.',
    },
    {
      title: 'What a flow cannot do',
      body: 'A flow is a continuous bijection: it can stretch and squeeze its Gaussian but never cut it. On the ring of 8 or the spiral, look for thin bridges of density where there is no data. Fewer layers make them wider.',
    },
  ],
  checks: FLOW_CHECKS,
};
