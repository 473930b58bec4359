/**
 * One lab run as the studio's worker and the CLI hold it: the engine, its settings, data and
 * seed, and the loss charts, with the conversions to and from the state file (state.ts). The
 * same code trains in the page's Web Worker and in `atelier lab train`, so a state written by
 * one opens in the other.
 */
import type { z } from 'zod';
import { labsTf } from './tf';
import { labFactories } from './registry';
import { LAB_STATE_FORMAT, LAB_STATE_VERSION, LabStateSchema, type LabState } from './state';
import type { CommonSettings, Dataset, LabEngine, LabFactory, LabId, Losses } from './types';
import { decodeF32, encodeF32 } from './weights';

/** Chart samples kept per series; older ones are thinned (every other one dropped). */
export const CHART_POINTS = 600;

export interface Charts {
  iterations: number[];
  series: Record<string, (number | null)[]>;
}

export class LabSettingsError extends Error {}

/** A lab's settings once its schema checked them: the common ones and the lab's own. */
export type LabSettings = CommonSettings & Record<string, unknown>;

/** A copy whose arrays are its own (training appends to the live charts in place). */
export function copyCharts(c: Charts): Charts {
  return {
    iterations: [...c.iterations],
    series: Object.fromEntries(Object.entries(c.series).map(([k, v]) => [k, [...v]])),
  };
}

/** The settings checked by the lab's schema, with its first problem as one readable sentence. */
export function checkSettings(factory: LabFactory, settings: unknown): LabSettings {
  const parsed = (factory.settings as z.ZodType).safeParse(settings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.');
    throw new LabSettingsError(field ? `Setting "${field}": ${issue.message}` : issue.message);
  }
  return parsed.data as LabSettings;
}

export class LabSession {
  private sinceSample = 0;
  private sampleEvery = 1;

  private constructor(
    readonly lab: LabId,
    readonly factory: LabFactory,
    readonly settings: LabSettings,
    readonly data: Dataset,
    readonly seed: number,
    readonly engine: LabEngine,
    readonly charts: Charts,
    public lastLosses: Losses = {},
  ) {}

  /** A fresh run: settings are the lab's defaults overridden by `settings`, checked. */
  static async create(
    lab: LabId,
    data: Dataset,
    seed: number,
    settings: Record<string, unknown> = {},
  ): Promise<LabSession> {
    await labsTf();
    const factory = labFactories[lab];
    const checked = checkSettings(factory, { ...(factory.defaults as object), ...settings });
    const engine = await factory.create({ settings: checked, data, seed });
    return new LabSession(lab, factory, checked, data, seed, engine, { iterations: [], series: {} });
  }

  /** A saved run, continued exactly (throws a readable Error when the file cannot be one). */
  static async fromState(input: unknown): Promise<LabSession> {
    const parsed = LabStateSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new LabSettingsError(
        `This lab file ${issue.path.length ? `(at ${issue.path.join('.')}) ` : ''}${issue.message}.`,
      );
    }
    const state = parsed.data;
    await labsTf();
    const factory = labFactories[state.lab];
    const settings = checkSettings(factory, state.settings);
    const points = decodeF32(state.data.points);
    if (points.length % state.data.dim !== 0 || points.length === 0) {
      throw new LabSettingsError('This lab file holds data whose size does not match its dimension.');
    }
    const data: Dataset = {
      dim: state.data.dim,
      points,
      source: state.data.source,
      ...(state.data.side ? { side: state.data.side } : {}),
    };
    const engine = await factory.create({
      settings,
      data,
      seed: state.seed,
      weights: state.weights,
      iteration: state.iteration,
    });
    const charts = copyCharts(state.charts);
    const session = new LabSession(state.lab, factory, settings, data, state.seed, engine, charts);
    session.sampleEvery = Math.max(1, Math.round(state.iteration / Math.max(1, charts.iterations.length)));
    return session;
  }

  /**
   * The same run with other settings (those that keep the model's shapes: learning rate, β, …) or
   * other data (points drawn while it trains): the engine is made again from the current weights,
   * random stream and iteration, so it goes on from where it was; the charts go on too. The
   * optimizer's moments start afresh. This session is left as it was (the caller disposes it).
   */
  async continueWith(change: { settings?: Record<string, unknown>; data?: Dataset }): Promise<LabSession> {
    const settings = change.settings
      ? checkSettings(this.factory, { ...this.settings, ...change.settings })
      : this.settings;
    const data = change.data ?? this.data;
    const engine = await this.factory.create({
      settings,
      data,
      seed: this.seed,
      weights: this.engine.save(),
      iteration: this.engine.iteration,
    });
    const charts = copyCharts(this.charts);
    const next = new LabSession(
      this.lab,
      this.factory,
      settings,
      data,
      this.seed,
      engine,
      charts,
      this.lastLosses,
    );
    next.sampleEvery = this.sampleEvery;
    next.sinceSample = this.sinceSample;
    return next;
  }

  /** Whether the engine exports an ONNX graph (the flow and the VAE). */
  get canOnnx(): boolean {
    return typeof this.engine.onnx === 'function';
  }

  get iteration(): number {
    return this.engine.iteration;
  }

  /** Trains `iterations` more, sampling the losses into the charts. */
  train(iterations: number): Losses {
    let last: Losses = this.lastLosses;
    for (let done = 0; done < iterations;) {
      const chunk = Math.min(iterations - done, this.sampleEvery - this.sinceSample);
      last = this.engine.train(chunk);
      done += chunk;
      this.sinceSample += chunk;
      if (this.sinceSample >= this.sampleEvery) {
        this.sinceSample = 0;
        this.record(last);
      }
    }
    this.lastLosses = last;
    return last;
  }

  private record(losses: Losses): void {
    const c = this.charts;
    const before = c.iterations.length;
    c.iterations.push(this.engine.iteration);
    for (const [k, v] of Object.entries(losses)) {
      c.series[k] ??= new Array<number | null>(before).fill(null);
      c.series[k].push(Number.isFinite(v) ? v : null);
    }
    for (const k of Object.keys(c.series))
      if (c.series[k]!.length < c.iterations.length) c.series[k]!.push(null);
    if (c.iterations.length > CHART_POINTS) {
      const keep = (_: unknown, i: number): boolean => i % 2 === 1;
      c.iterations = c.iterations.filter(keep);
      for (const k of Object.keys(c.series)) c.series[k] = c.series[k]!.filter(keep);
      this.sampleEvery *= 2;
    }
  }

  /** The whole run as a state file (metrics measured now unless given). */
  toState(
    extra: { title?: string; view?: Record<string, unknown>; metrics?: Record<string, number> } = {},
  ): LabState {
    const metrics = extra.metrics ?? this.engine.metrics();
    return {
      format: LAB_STATE_FORMAT,
      version: LAB_STATE_VERSION,
      lab: this.lab,
      ...(extra.title ? { title: extra.title } : {}),
      seed: this.seed,
      settings: this.settings,
      data: {
        dim: this.data.dim,
        ...(this.data.side ? { side: this.data.side } : {}),
        points: encodeF32(this.data.points),
        source: this.data.source,
      },
      iteration: this.engine.iteration,
      weights: this.engine.save(),
      charts: copyCharts(this.charts),
      metrics: Object.fromEntries(Object.entries(metrics).filter(([, v]) => Number.isFinite(v))),
      ...(extra.view ? { view: extra.view } : {}),
    };
  }

  dispose(): void {
    this.engine.dispose();
  }
}
