/**
 * The metrics line: each measure the lab reports with a name a learner reads, and the headline
 * comparison every lab has (the model's sliced Wasserstein distance to the data beside a Gaussian
 * fitted to the data: below it, the model has learned more than the data's mean and spread).
 */
const LABELS: Record<string, { label: string; title: string }> = {
  swd: {
    label: 'SWD',
    title: 'Sliced Wasserstein distance from the model’s samples to the data (lower is closer)',
  },
  swdGaussian: {
    label: 'Gaussian SWD',
    title: 'The same distance for a Gaussian fitted to the data: the bar to beat',
  },
  modesCovered: {
    label: 'Modes covered',
    title: 'Ring modes holding at least 2 % of 2,000 samples within 3σ',
  },
  elbo: { label: 'ELBO', title: 'Evidence lower bound per point (higher is better); never above log p(x)' },
  logMarginal: { label: 'log p(x)', title: 'The exact log-likelihood per point, integrated over the latent' },
  densityIntegral: {
    label: '∫p',
    title: 'The density summed over the plane’s grid × cell area (1 for a density)',
  },
  inverseError: { label: 'Inverse error', title: 'Largest |f⁻¹(f(x)) − x| over the data' },
  nll: { label: 'NLL', title: 'Negative log-likelihood per point (nats; lower is better)' },
  kl: { label: 'KL', title: 'KL divergence from the posterior approximation' },
  dReal: { label: 'D(real)', title: 'The discriminator’s mean answer on real points' },
  dFake: { label: 'D(fake)', title: 'The discriminator’s mean answer on generated points' },
  onModes: { label: 'On modes', title: 'Share of generated points within 3σ of a ring mode' },
  spread: { label: 'Spread', title: 'How spread out the generated points are' },
  massOffData: { label: 'Mass off data', title: 'Share of the density’s mass away from every data point' },
  gap: { label: 'Gap', title: 'log p(x) − ELBO: what the encoder’s Gaussian misses (nats)' },
  sigmaX: { label: 'σx', title: 'The decoder’s noise' },
  goneT: {
    label: 'Data gone at t',
    title: 'The first noising step where the data can no longer be told from noise',
  },
  swdDdim10: {
    label: 'SWD (DDIM, 10 steps)',
    title: 'Sliced Wasserstein distance of 10-step DDIM samples to the data',
  },
  loss: { label: 'Loss', title: 'The training loss' },
};

export interface MetricItem {
  key: string;
  label: string;
  title: string;
  text: string;
}

/** A number in about four significant figures, without exponent noise for everyday sizes. */
export function formatMetric(v: number): string {
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (Number.isInteger(v) && a < 1e6) return v.toLocaleString('en-US');
  if (a >= 1e5 || a < 1e-3) return v.toExponential(2);
  return String(Number(v.toPrecision(4)));
}

export function metricItems(metrics: Record<string, number>): MetricItem[] {
  const known = Object.keys(LABELS).filter((k) => k in metrics);
  const rest = Object.keys(metrics)
    .filter((k) => !(k in LABELS))
    .sort();
  return [...known, ...rest].map((key) => ({
    key,
    label: LABELS[key]?.label ?? key,
    title: LABELS[key]?.title ?? key,
    text: formatMetric(metrics[key]!),
  }));
}

/** "Closer to the data than a fitted Gaussian" or not yet, when both distances are there. */
export function verdict(metrics: Record<string, number>): { beats: boolean; text: string } | null {
  const { swd, swdGaussian } = metrics;
  if (swd === undefined || swdGaussian === undefined) return null;
  return swd < swdGaussian
    ? {
        beats: true,
        text: `Closer to the data than a fitted Gaussian (${formatMetric(swd)} < ${formatMetric(swdGaussian)})`,
      }
    : {
        beats: false,
        text: `Not yet closer than a fitted Gaussian (${formatMetric(swd)} ≥ ${formatMetric(swdGaussian)})`,
      };
}
