/**
 * The GAN lab's check-yourself tasks, verified on the live model's metrics: make it collapse,
 * make it cover the whole ring, and make it beat a Gaussian fitted to the data.
 */
import {
  GAN_COLLAPSE_SETTINGS,
  GAN_LOSS_LABELS,
  type GanSettings,
} from '../../../../preload/labs/gan-settings';
import type { Dataset } from '../../../../preload/labs/types';
import type { CheckContext, CheckDef } from '../lab-def';

/** Collapse counts only after this many iterations (a fresh generator also covers few modes). */
export const COLLAPSE_MIN_ITERATION = 300;
/** Samples this bunched (RMS spread over the data's) count as collapsed wherever they sit. */
export const COLLAPSED_SPREAD = 0.25;
/** Or this share of samples on the ring's modes, with only one or two modes covered. */
export const ON_MODES_SHARE = 0.5;

export function isRing8(data: Dataset): boolean {
  return data.dim === 2 && data.source.kind === 'preset' && data.source.name === 'ring8';
}

const LABELS: Record<keyof GanSettings, string> = {
  learningRate: 'learning rate',
  optimizer: 'optimizer',
  batchSize: 'batch size',
  width: 'width',
  depth: 'depth',
  noiseDim: 'noise dimension',
  loss: 'loss',
  dSteps: 'D steps per G step',
  gpWeight: 'gradient penalty weight',
  gLrFactor: 'G learning rate ×',
};

/** "the non-saturating loss, noise dimension 1, …": the collapse recipe as the hint and the guide say it. */
export function recipe(settings: Partial<GanSettings>): string {
  return Object.entries(settings)
    .map(([k, v]) =>
      k === 'loss'
        ? `the ${GAN_LOSS_LABELS[v as GanSettings['loss']].split(' (')[0]!.toLowerCase()} loss`
        : `${LABELS[k as keyof GanSettings]} ${String(v)}`,
    )
    .join(', ');
}

export const COLLAPSE_RECIPE = recipe(GAN_COLLAPSE_SETTINGS);

const num = (m: Record<string, number>, key: string): number | undefined =>
  Number.isFinite(m[key]) ? m[key] : undefined;
const RING_ONLY = {
  passed: false,
  detail: 'Use the Ring of 8 Gaussians data (the modes are counted on it).',
};

export function verifyCollapse({ metrics, iteration, data }: CheckContext): {
  passed: boolean;
  detail: string;
} {
  if (!isRing8(data)) return RING_ONLY;
  const modes = num(metrics, 'modesCovered');
  const spread = num(metrics, 'spread');
  const on = num(metrics, 'onModes');
  if (modes === undefined || spread === undefined || on === undefined)
    return { passed: false, detail: 'Not measured yet.' };
  const measured = `${modes} mode${modes === 1 ? '' : 's'} covered, samples spread ${spread.toFixed(2)}× the data's, ${Math.round(on * 100)} % on a mode`;
  if (iteration < COLLAPSE_MIN_ITERATION) {
    return {
      passed: false,
      detail: `Train at least ${COLLAPSE_MIN_ITERATION} iterations (${iteration} so far): a fresh generator covers few modes too.`,
    };
  }
  const bunched = spread <= COLLAPSED_SPREAD;
  const onFew = modes >= 1 && on >= ON_MODES_SHARE;
  const passed = modes <= 2 && (bunched || onFew);
  return { passed, detail: passed ? `Collapsed: ${measured}.` : `${measured}.` };
}

export function verifyCoverAll({ metrics, data }: CheckContext): { passed: boolean; detail: string } {
  if (!isRing8(data)) return RING_ONLY;
  const modes = num(metrics, 'modesCovered');
  if (modes === undefined) return { passed: false, detail: 'Not measured yet.' };
  return {
    passed: modes >= 8,
    detail: `${modes} of 8 modes covered (a mode counts with 2 % of the samples within 3σ).`,
  };
}

export function verifyBeatGaussian({ metrics, iteration, data }: CheckContext): {
  passed: boolean;
  detail: string;
} {
  if (data.dim !== 2) return { passed: false, detail: 'This task is for 2-D data.' };
  const swd = num(metrics, 'swd');
  const bar = num(metrics, 'swdGaussian');
  if (swd === undefined || bar === undefined) return { passed: false, detail: 'Not measured yet.' };
  const passed = iteration > 0 && swd < bar;
  return {
    passed,
    detail: `Distance to the data ${swd.toFixed(3)}; a fitted Gaussian's ${bar.toFixed(3)} (lower is closer).`,
  };
}

export const GAN_CHECKS: CheckDef[] = [
  {
    id: 'gan-collapse',
    title: 'Make the GAN collapse to one or two modes',
    hint: `On the Ring of 8, set ${COLLAPSE_RECIPE}, reset and train: the generator outruns the discriminator and sends all its noise to one spot.`,
    verify: verifyCollapse,
  },
  {
    id: 'gan-cover-all',
    title: 'Cover all 8 modes of the ring',
    hint: 'Start from the default settings on the Ring of 8 and train a couple of thousand iterations; if a mode stays empty, try WGAN-GP, 2 D steps per G step, or another seed.',
    verify: verifyCoverAll,
  },
  {
    id: 'gan-beat-gaussian',
    title: 'Beat the Gaussian',
    hint: 'Train until the generated points are closer to the data (sliced Wasserstein distance) than a Gaussian fitted to the data is; on the ring this takes a few hundred iterations with the defaults.',
    verify: verifyBeatGaussian,
  },
];
