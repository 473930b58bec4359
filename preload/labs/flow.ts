/**
 * The normalizing-flow lab: RealNVP affine couplings (flow-model.ts) trained by maximum likelihood
 * on 2-D points, with the exact density on show: its heatmap, the bijection layer by layer, samples,
 * and any point's log p(x), z and log-determinant.
 */
import { Rng } from '../rng';
import { loadRun, saveRun } from './checkpoint';
import { count } from './data';
import {
  densityIntegral,
  finiteRange,
  INTEGRAL_SIDE,
  massOffData,
  nearDataMask,
  OUTLIER_PERCENTILE,
  percentileOf,
  planeGrid,
} from './flow-measure';
import {
  createFlowModel,
  disposeFlowModel,
  flowForward,
  flowInverse,
  flowLogProb,
  flowVariables,
  type FlowModel,
} from './flow-model';
import { FlowEvaluator } from './flow-eval';
import { flowOnnx } from './flow-onnx';
import {
  baseGridLines,
  GRID_LINES_PER_AXIS,
  GRID_POINTS_PER_LINE,
  stageAt,
  type FlowProbe,
  type FlowRequest,
  type FlowView,
} from './flow-view';
import { FLOW_DEFAULTS, FlowSettingsSchema, type FlowSettings } from './flow-settings';
import { METRIC_SAMPLES, slicedWasserstein, swdGaussian } from './metrics';
import { batchIndices, gatherRows, normals } from './nn';
import { LabOptimizer } from './optim';
import { tf } from './tf';
import type {
  CreateArgs,
  Dataset,
  EngineWeights,
  LabEngine,
  LabFactory,
  Losses,
  OnnxGraphSpec,
} from './types';

export type { FlowProbe, FlowRequest, FlowView } from './flow-view';

export { FLOW_DEFAULTS, FlowSettingsSchema, type FlowSettings } from './flow-settings';

/** Training rows scored for the probe's percentile and the metrics' nll (the first ones). */
const SCORED_ROWS = 2000;
/** Seeds of the fixed draws the picture and the metrics use, apart from the training stream. */
const VIEW_SEED = 0x0f10;
const METRIC_SEED = 0x0f11;

export class FlowEngine implements LabEngine<FlowView, FlowRequest> {
  readonly id = 'flow' as const;
  private readonly vars: tf.Variable[];
  private readonly opt: LabOptimizer;
  /** Which cells of the integration grid lie near the data (for massOffData). */
  private readonly nearData: Uint8Array;
  private readonly scored: Float32Array;
  private readonly integralGrid = planeGrid(INTEGRAL_SIDE);
  private readonly swdGaussian: number;
  private viewBase: { n: number; z: Float32Array } | null = null;
  private readonly gridBase = baseGridLines();
  private readonly metricBase: Float32Array;
  private lastNll = NaN;
  /** The training points' log p, sorted, for the probe's percentile (measured once per iteration). */
  private ranked: { iteration: number; sorted: Float32Array } | null = null;

  constructor(
    readonly settings: FlowSettings,
    private readonly data: Dataset,
    private readonly seed: number,
    private readonly rng: Rng,
    private readonly model: FlowModel,
    public iteration: number,
  ) {
    this.vars = flowVariables(model);
    this.opt = new LabOptimizer('optimizer', this.vars, {
      kind: settings.optimizer,
      learningRate: settings.learningRate,
    });
    this.nearData = nearDataMask(data.points, INTEGRAL_SIDE);
    this.scored = data.points.subarray(0, Math.min(count(data), SCORED_ROWS) * 2);
    this.swdGaussian = swdGaussian(data.points);
    this.metricBase = normals(new Rng(seed ^ METRIC_SEED), METRIC_SAMPLES, 2);
  }

  get layers(): number {
    return this.model.couplings.length;
  }

  train(iterations: number): Losses {
    const n = count(this.data);
    const b = this.settings.batchSize;
    let nll = this.lastNll;
    for (let i = 0; i < iterations; i++) {
      const batch = gatherRows(this.data.points, 2, batchIndices(this.rng, n, b));
      nll = this.opt.minimize(
        () => tf.neg(tf.mean(flowLogProb(this.model, tf.tensor2d(batch, [b, 2])))) as tf.Scalar,
        true,
      )!;
      this.iteration++;
    }
    this.lastNll = nll;
    return { nll };
  }

  /** z = f(x) and log|det ∂f/∂x| for row-major points (exposed for tests and the CLI). */
  forward(x: Float32Array): { z: Float32Array; logDet: Float32Array } {
    return tf.tidy(() => {
      const out = flowForward(this.model, tf.tensor2d(x, [x.length / 2, 2]));
      return { z: out.z.dataSync() as Float32Array, logDet: out.logDet.dataSync() as Float32Array };
    });
  }

  /** x = f⁻¹(z) for row-major points. */
  inverse(zs: Float32Array): Float32Array {
    return tf.tidy(
      () => flowInverse(this.model, tf.tensor2d(zs, [zs.length / 2, 2])).dataSync() as Float32Array,
    );
  }

  /** Exact log p(x) for row-major points. */
  logDensity(x: Float32Array): Float32Array {
    return tf.tidy(
      () => flowLogProb(this.model, tf.tensor2d(x, [x.length / 2, 2])).dataSync() as Float32Array,
    );
  }

  /** A plain-JavaScript copy of the model as it is now (the picture's and the metrics' arithmetic). */
  evaluator(): FlowEvaluator {
    return FlowEvaluator.of(this.model);
  }

  /** The metrics' model samples: a fixed draw of the base (apart from training's stream) through f⁻¹. */
  sample(): Float32Array {
    return this.evaluator().inverse(this.metricBase);
  }

  view(req: FlowRequest): FlowView {
    const L = this.layers;
    const ev = this.evaluator();
    const layer = Math.min(L, Math.max(0, Number.isFinite(req.layer) ? req.layer! : L));
    const side = Math.round(Math.min(128, Math.max(8, req.grid ?? 64)));
    const logDensity = ev.forward(planeGrid(side)).logDensity;
    const n = Math.round(Math.min(METRIC_SAMPLES, Math.max(0, req.samples ?? 500)));
    if (this.viewBase?.n !== n) this.viewBase = { n, z: normals(new Rng(this.seed ^ VIEW_SEED), n, 2) };
    const gridStages = ev.inverseStages(this.gridBase);
    const sampleStages = ev.inverseStages(this.viewBase.z);
    return {
      layers: L,
      layer,
      side,
      logDensity,
      ...finiteRange(logDensity),
      gridLines: 2 * GRID_LINES_PER_AXIS,
      gridPoints: GRID_POINTS_PER_LINE,
      gridStages,
      grid: stageAt(gridStages, this.gridBase.length, layer),
      sampleCount: n,
      sampleStages,
      samples: sampleStages.slice(L * n * 2),
      probe: req.probe ? this.probe(ev, req.probe) : null,
    };
  }

  private probe(ev: FlowEvaluator, [x, y]: [number, number]): FlowProbe {
    const at = ev.forward(new Float32Array([x, y]));
    const logDensity = at.logDensity[0]!;
    if (this.ranked?.iteration !== this.iteration) {
      this.ranked = { iteration: this.iteration, sorted: ev.forward(this.scored).logDensity.sort() };
    }
    const percentile = percentileOf(this.ranked.sorted, logDensity);
    return {
      x: [x, y],
      logDensity,
      z: [at.z[0]!, at.z[1]!],
      logDet: at.logDet[0]!,
      percentile,
      typical: percentile >= OUTLIER_PERCENTILE,
    };
  }

  metrics(): Record<string, number> {
    const ev = this.evaluator();
    const grid = ev.forward(this.integralGrid).logDensity;
    let nll = 0;
    for (const v of ev.forward(this.scored).logDensity) nll -= v;
    // The round trip on the training path (float32 tensors): the arithmetic the model trains with.
    const back = this.inverse(this.forward(this.scored).z);
    let inverseError = 0;
    for (let i = 0; i < back.length; i++)
      inverseError = Math.max(inverseError, Math.abs(back[i]! - this.scored[i]!));
    return {
      swd: slicedWasserstein(ev.inverse(this.metricBase), this.data.points, 2),
      swdGaussian: this.swdGaussian,
      nll: nll / (this.scored.length / 2),
      densityIntegral: densityIntegral(grid, INTEGRAL_SIDE),
      massOffData: massOffData(grid, this.nearData),
      inverseError,
    };
  }

  save(): EngineWeights {
    return saveRun(
      this.rng,
      this.model.couplings.map((c) => c.net),
      [this.opt],
    );
  }

  restore(weights: EngineWeights): void {
    loadRun(
      weights,
      this.model.couplings.map((c) => c.net),
      [this.opt],
    );
  }

  onnx(): OnnxGraphSpec {
    return flowOnnx(this.model);
  }

  dispose(): void {
    disposeFlowModel(this.model);
  }
}

/** A flow lab engine (the factory's `create`, typed as the engine for tests and the CLI). */
export async function createFlow(args: CreateArgs<FlowSettings>): Promise<FlowEngine> {
  if (args.data.dim !== 2) throw new Error('The flow lab trains on 2-D points only.');
  const settings = args.settings;
  const init = new Rng(args.seed);
  const model = createFlowModel(init, settings.layers, settings);
  // A saved run goes on with its own stream; its variables replace the fresh ones.
  const rng = args.weights ? Rng.fromState(args.weights.rng) : init;
  const engine = new FlowEngine(settings, args.data, args.seed, rng, model, args.iteration ?? 0);
  if (args.weights) engine.restore(args.weights);
  return engine;
}

export const flowLab: LabFactory<FlowSettings, FlowView, FlowRequest> = {
  id: 'flow',
  defaults: FLOW_DEFAULTS,
  settings: FlowSettingsSchema,
  images: false,
  create: createFlow,
};
