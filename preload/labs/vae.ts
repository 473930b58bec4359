/**
 * The VAE lab's engine: trains q(z|x) and p(x|z) on the negative β-ELBO with reparameterised
 * draws from the lab's own stream, reports the ELBO's two parts, and measures the exact
 * log-marginal by integrating over its 1-D or 2-D latent. The Bayesian lab drives the same
 * engine ({@link VaeEngine}) and looks at its posteriors.
 */
import { Rng } from '../rng';
import { loadRun, saveRun } from './checkpoint';
import { count } from './data';
import { METRIC_SAMPLES, slicedWasserstein, swdGaussian } from './metrics';
import { batchIndices, gatherRows, normals } from './nn';
import { tf } from './tf';
import type { CreateArgs, Dataset, EngineWeights, LabFactory, LabId, Losses, OnnxGraphSpec } from './types';
import { loadTensor, saveTensor } from './weights';
import { snapshotMlp, type JsMlp } from './vae-js';
import { logMarginalPerRow, mean, meanElbo, metricRows, modelSamples } from './vae-metrics';
import { buildNets, elboTerms, logSigmaX, netVariables, type VaeNets } from './vae-model';
import { decoderOnnx } from './vae-onnx';
import { LabOptimizer } from './optim';
import {
  VAE_DEFAULTS,
  VAE_IMAGE_SETTINGS,
  VaeSettingsSchema,
  type VaeRequest,
  type VaeSettings,
  type VaeView,
} from './vae-types';
import { imagesView, pointsView } from './vae-view';

export { VAE_DEFAULTS, VAE_IMAGE_SETTINGS, VaeSettingsSchema };
export type { VaeRequest, VaeSettings, VaeView };

/** Offsets of the fixed streams metrics and views draw from (never the training stream). */
const METRIC_STREAM = 0x6d657472;
const VIEW_STREAM = 0x76696577;

export class VaeEngine {
  iteration: number;
  readonly nets: VaeNets;
  private rng: Rng;
  private readonly optim: LabOptimizer;
  private readonly swdBaseline: number | null;

  constructor(
    readonly id: LabId,
    readonly settings: VaeSettings,
    readonly data: Dataset,
    readonly seed: number,
    weights?: EngineWeights,
    iteration = 0,
  ) {
    const images = data.dim > 2;
    if (!images && data.dim !== 2)
      throw new Error(`The VAE lab trains on 2-D points or images, not ${data.dim}-D rows.`);
    if (!images && settings.latentDim > 2) {
      throw new Error(
        'On 2-D points the latent has 1 or 2 dimensions (so log p(x) can be integrated exactly).',
      );
    }
    this.rng = new Rng(seed);
    this.nets = buildNets(this.rng, settings, data.dim, settings.latentDim, images);
    this.optim = new LabOptimizer('optim', netVariables(this.nets), {
      kind: settings.optimizer,
      learningRate: settings.learningRate,
    });
    this.iteration = iteration;
    if (weights) this.load(weights);
    this.swdBaseline = images ? null : swdGaussian(data.points);
  }

  get images(): boolean {
    return this.nets.images;
  }

  train(iterations: number): Losses {
    const n = count(this.data);
    const { batchSize, beta } = this.settings;
    const { dim, latentDim } = this.nets;
    let losses: Losses = {};
    for (let it = 0; it < iterations; it++) {
      const x = gatherRows(this.data.points, dim, batchIndices(this.rng, n, batchSize));
      const eps = normals(this.rng, batchSize, latentDim);
      const last = it + 1 === iterations;
      let kept: tf.Scalar[] = [];
      this.optim.minimize(() => {
        const { recon, kl } = elboTerms(
          this.nets,
          tf.tensor2d(x, [batchSize, dim]),
          tf.tensor2d(eps, [batchSize, latentDim]),
        );
        const r: tf.Scalar = tf.mean(recon);
        const k: tf.Scalar = tf.mean(kl);
        if (last) kept = [tf.keep(tf.clone(r)), tf.keep(tf.clone(k))];
        return tf.sub(tf.mul(k, beta), r) as tf.Scalar;
      });
      this.iteration++;
      if (last) {
        const [recon, kl] = kept.map((t) => t.dataSync()[0]!);
        kept.forEach((t) => t.dispose());
        losses = { recon: recon!, kl: kl!, elbo: recon! - kl! };
      }
    }
    return losses;
  }

  view(req: VaeRequest): VaeView {
    const viewSeed = (this.seed ^ VIEW_STREAM) >>> 0;
    return this.images
      ? imagesView(this.nets, this.data, req, this.iteration, viewSeed)
      : pointsView(this.nets, this.data, req, this.iteration, viewSeed);
  }

  /** ELBO (β = 1) with its parts, log p(x) exactly where the latent allows, SWD vs the Gaussian. */
  metrics(): Record<string, number> {
    const rng = new Rng((this.seed ^ METRIC_STREAM) >>> 0);
    const { x, rows } = metricRows(this.data);
    const parts = meanElbo(this.nets, x, rows, rng);
    const out: Record<string, number> = { ...parts };
    if (!this.images) {
      const logMarginal = mean(logMarginalPerRow(this.nets, x, rows));
      out.logMarginal = logMarginal;
      out.gap = logMarginal - parts.elbo;
      const samples = modelSamples(this.nets, rng, METRIC_SAMPLES);
      out.swd = slicedWasserstein(samples, this.data.points, 2);
      out.swdGaussian = this.swdBaseline!;
      const ls = tf.tidy(() => logSigmaX(this.nets).dataSync());
      out.sigmaX = Math.exp((ls[0]! + ls[1]!) / 2);
    }
    return out;
  }

  save(): EngineWeights {
    const saved = saveRun(this.rng, [this.nets.encoder, this.nets.decoder], [this.optim]);
    if (this.nets.sigmaRaw)
      saved.tensors['decoder.sigmaRaw'] = saveTensor(
        this.nets.sigmaRaw.shape,
        this.nets.sigmaRaw.dataSync() as Float32Array,
      );
    return saved;
  }

  private load(w: EngineWeights): void {
    loadRun(w, [this.nets.encoder, this.nets.decoder], [this.optim]);
    const raw = this.nets.sigmaRaw;
    if (raw) {
      const values = loadTensor('decoder.sigmaRaw', w.tensors['decoder.sigmaRaw'], raw.shape);
      tf.tidy(() => raw.assign(tf.tensor(values, raw.shape)));
    }
    this.rng = Rng.fromState(w.rng);
  }

  /** The decoder's weights as plain arrays (the sampler's and the ONNX export's). */
  decoderJs(): JsMlp {
    return snapshotMlp(this.nets.decoder);
  }

  /** σ_x per data dimension (2-D points). */
  sigmaX(): Float32Array {
    return tf.tidy(() => Float32Array.from(tf.exp(logSigmaX(this.nets)).dataSync()));
  }

  onnx(): OnnxGraphSpec {
    return decoderOnnx(this.decoderJs(), this.images, this.images ? null : this.sigmaX());
  }

  dispose(): void {
    for (const v of netVariables(this.nets)) v.dispose();
  }
}

export function createVaeEngine(id: LabId, args: CreateArgs<VaeSettings>): VaeEngine {
  return new VaeEngine(id, args.settings, args.data, args.seed, args.weights, args.iteration ?? 0);
}

export const vaeLab: LabFactory<VaeSettings, VaeView, VaeRequest> = {
  id: 'vae',
  defaults: VAE_DEFAULTS,
  settings: VaeSettingsSchema,
  images: true,
  create: async (args) => createVaeEngine('vae', args),
};
