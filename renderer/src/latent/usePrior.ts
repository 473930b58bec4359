/**
 * The flow prior of the model on show, where one is installed: the typicality meter (the exact
 * log-density of the point under the prior, as a percentile of the training glyphs' codes, asked
 * again whenever the point moves; the newest answer wins and a replaced request is dropped) and
 * "Nearest typical style" (the service moves the point along the flow's path towards its mode
 * until it reaches the target — the median training glyph, then 20 percentiles more per press;
 * the point then moves there like any other move).
 */
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import type { AtelierApi, LatentDensityOutput, ModelStatus } from '../../../preload/contract';
import { isPointFor } from './explorer';
import { nearestTarget, priorFor } from './prior';
import type { LatentModels } from './useLatentModels';
import { isSuperseded } from './useLatentDecode';
import type { PointMoves } from './usePoint';

export interface Meter {
  /** The model and prior the reading is for. */
  key: string;
  /** The point the reading is for. */
  point: readonly number[];
  logDensity: number;
  percentile: number;
  normalLogDensity: number;
}

export interface PriorState {
  /** The prior model's id, or null when the model on show has none. */
  priorId: string | null;
  /** The latest reading; null before the first answer. */
  meter: Meter | null;
  /** A request for the current point is on its way. */
  pending: boolean;
  /** Nearest typical style is running. */
  moving: boolean;
  /** The percentile Nearest typical style would aim for (null: nothing to climb, or no reading yet). */
  target: number | null;
  nearestTypical: () => Promise<void>;
}

interface Deps {
  api: AtelierApi;
  listed: readonly ModelStatus[] | null;
  models: Pick<LatentModels, 'modelId' | 'latent' | 'usable'>;
  point: readonly number[];
  moveTo: PointMoves['moveTo'];
  reportError: (err: unknown) => void;
}

export function usePrior({ api, listed, models, point, moveTo, reportError }: Deps): PriorState {
  const { modelId, latent, usable } = models;
  const priorId = priorFor(listed, modelId, latent)?.id ?? null;
  const [meter, setMeter] = useState<Meter | null>(null);
  const [failedFor, setFailedFor] = useState<readonly number[] | null>(null);
  const [moving, setMoving] = useState(false);
  const seq = useRef(0);
  const key = `${modelId}:${priorId ?? ''}`;
  // A reading belongs to one model and prior: another one's is not shown.
  const shownMeter = meter && meter.key === key ? meter : null;

  const ask = useEffectEvent((asked: number[]): void => {
    const mine = ++seq.current;
    api.latent
      .density({ model: modelId, points: [asked] })
      .then((r: LatentDensityOutput) => {
        if (mine !== seq.current) return;
        setMeter({
          key,
          point: asked,
          logDensity: r.logDensity[0]!,
          percentile: r.percentile[0]!,
          normalLogDensity: r.normalLogDensity[0]!,
        });
      })
      .catch((err: unknown) => {
        if (mine !== seq.current || isSuperseded(err)) return;
        setFailedFor(asked);
        reportError(err);
      });
  });

  // Every move of the point (and a switch of model) asks again; answers to older asks are dropped.
  const live = priorId !== null && usable && latent !== undefined && isPointFor(latent, point);
  useEffect(() => {
    if (live) ask(point.slice());
    else seq.current++;
  }, [key, live, point]);

  // From the reading of the point on show: the median first, then further up with each press.
  const target =
    shownMeter && samePoint(shownMeter.point, point) ? nearestTarget(shownMeter.percentile) : null;

  const nearestTypical = async (): Promise<void> => {
    if (!priorId || !usable || !latent || !isPointFor(latent, point) || moving || target === null) return;
    const mid = modelId;
    setMoving(true);
    try {
      const r = await api.latent.typical({ model: mid, point: point.slice(), target });
      if (isPointFor(latent, r.point)) moveTo(r.point, { model: mid });
    } catch (err) {
      if (!isSuperseded(err)) reportError(err);
    } finally {
      setMoving(false);
    }
  };

  return {
    priorId,
    meter: shownMeter,
    // Asked and not answered yet: the reading (if any) is for another point, and the ask did not fail.
    pending:
      live &&
      (shownMeter === null || !samePoint(shownMeter.point, point)) &&
      (failedFor === null || !samePoint(failedFor, point)),
    moving,
    target,
    nearestTypical,
  };
}

const samePoint = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((v, i) => v === b[i]);
