/**
 * The Bayesian-inference lab's engine: the VAE lab's engine with a 2-D latent, trained on 2-D
 * points, looked at as inference. Its view answers "where did this point come from?" for the
 * observed x (bayes-infer.ts); its metrics are the VAE's plus the last observed point's gap and
 * bimodality (what the check-yourself tasks verify).
 */
import { inferPoint, type InferModel } from './bayes-infer';
import {
  BAYES_DEFAULTS,
  BayesSettingsSchema,
  type BayesPosterior,
  type BayesRequest,
  type BayesSettings,
  type BayesView,
} from './bayes-types';
import type { LabEngine, LabFactory, Losses } from './types';
import { VaeEngine } from './vae';
import { pointsView } from './vae-view';

export { BAYES_DEFAULTS, BayesSettingsSchema };
export type { BayesRequest, BayesSettings, BayesView };

/** Model samples the data panel shows (the posterior is what this lab is about). */
const VIEW_SAMPLES = 400;

class BayesEngine implements LabEngine<BayesView, BayesRequest> {
  readonly id = 'bayes' as const;
  private lastObserved: [number, number] | null = null;
  private cache: { key: string; view: BayesView } | null = null;

  constructor(private readonly vae: VaeEngine) {}

  get iteration(): number {
    return this.vae.iteration;
  }

  train(iterations: number): Losses {
    return this.vae.train(iterations);
  }

  private model(): InferModel {
    return {
      nets: this.vae.nets,
      decoder: this.vae.decoderJs(),
      logSigma: this.vae.sigmaX().map(Math.log),
      seed: this.vae.seed,
    };
  }

  view(req: BayesRequest): BayesView {
    const observed = validPoint(req.observed);
    // a paused lab is asked for the same picture every frame: answer it once
    const key = JSON.stringify([this.iteration, observed, req.grid, req.mcmc]);
    if (this.cache?.key === key) return copyView(this.cache.view);
    this.lastObserved = observed;
    const base = pointsView(
      this.vae.nets,
      this.vae.data,
      { points: 0, samples: VIEW_SAMPLES, manifold: true },
      this.iteration,
      this.vae.seed,
    );
    const posterior: BayesPosterior | null = observed ? inferPoint(this.model(), observed, req) : null;
    const view: BayesView = {
      iteration: this.iteration,
      samples: base.samples,
      manifold: base.manifold,
      sigmaX: base.sigmaX,
      posterior,
    };
    this.cache = { key, view };
    return copyView(view);
  }

  /** The VAE's measures, plus for the last observed point: its gap, KL on the grid, log p(x), bimodality. */
  metrics(): Record<string, number> {
    const out = this.vae.metrics();
    if (this.lastObserved) {
      const p = inferPoint(this.model(), this.lastObserved, {});
      out.pointLogPx = p.numbers.logPx;
      out.pointElbo = p.numbers.elbo;
      out.pointGap = p.numbers.gap;
      out.pointKlGrid = p.numbers.klGrid;
      out.bimodality = p.bimodality;
    }
    return out;
  }

  save() {
    return this.vae.save();
  }

  onnx() {
    return this.vae.onnx();
  }

  dispose(): void {
    this.vae.dispose();
  }
}

/** A deep copy (typed arrays too): a page may take the arrays it is sent, the cache keeps its own. */
function copyView<T>(v: T): T {
  if (ArrayBuffer.isView(v)) return (v as unknown as Float32Array).slice() as T;
  if (Array.isArray(v)) return v.map(copyView) as T;
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copyView(x)])) as T;
  return v;
}

function validPoint(p: [number, number] | null | undefined): [number, number] | null {
  return p && Number.isFinite(p[0]) && Number.isFinite(p[1]) ? [p[0], p[1]] : null;
}

export const bayesLab: LabFactory<BayesSettings, BayesView, BayesRequest> = {
  id: 'bayes',
  defaults: BAYES_DEFAULTS,
  settings: BayesSettingsSchema,
  images: false,
  create: async (args) => {
    if (args.data.dim !== 2) throw new Error('The Bayesian lab works on 2-D points.');
    const settings = { ...args.settings, latentDim: 2 };
    return new BayesEngine(
      new VaeEngine('bayes', settings, args.data, args.seed, args.weights, args.iteration ?? 0),
    );
  },
};
