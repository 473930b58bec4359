/**
 * Moving the point: `moveTo` (every move goes through it: pad, sliders, keys, grid, bookmarks,
 * scrub, encode) keeps it in the model's state and decodes it for the main view; the pad (with a
 * `latent-pointer-<seq>` mark per move), the direction sliders, nudges, reset to the mean and
 * Randomize (a sample from the prior — N(0, I), or the model's flow prior — at the model's
 * temperature). A scrub's path ends stay anchored until the point moves some other way.
 */
import { useMemo, useRef } from 'react';
import type { AtelierApi, LatentPriorKind } from '../../../preload/contract';
import { coordinate, offsetAlong, withCoordinate } from '../../../preload/latent';
import { randomSeed } from '../shell/seed';
import { isPointFor, varianceShare } from './explorer';
import { nudgeWithin } from './keyboard';
import type { PathEnds } from './interpolation';
import { pageMarks } from './marks';
import { chooseAxis, validAxes } from './pad';
import type { MainRequest } from './useLatentDecode';
import type { LatentModels } from './useLatentModels';
import type { ModelStates } from './useModelStates';

export interface MoveOptions {
  /** 'path' for a scrub (its ends stay anchored); 'pad' otherwise. */
  lane?: MainRequest['lane'];
  /** The pad pointer move this is (for the pointer-to-paint measure). */
  seq?: number | null;
  /** Another model's point (an answer for the model that was on show when it was asked). */
  model?: string;
}

export interface PointMoves {
  /** Moves a model's point (the current model's by default) and decodes it for the main view. */
  moveTo: (next: number[], opts?: MoveOptions) => void;
  /** The point's coordinates along the pad's directions, in SDs. */
  padX: number;
  padY: number;
  /** Each direction's share of the variance. */
  shares: number[];
  onPadMove: (x: number, y: number) => void;
  onSlider: (k: number, value: number) => void;
  /** Picks one of the pad's directions (picking the other one's swaps them). */
  onAxis: (which: 'x' | 'y', direction: number) => void;
  nudge: (dx: number, dy: number) => void;
  reset: () => void;
  /** A sample from the prior (N(0, I) unless told the flow prior) at the model's temperature. */
  randomize: (prior?: LatentPriorKind) => Promise<void>;
  /** The scrub's anchored path ends, if the point has not moved otherwise since. */
  anchor: () => PathEnds | null;
  /** Anchors a scrub's path ends (before the scrub's move). */
  setAnchor: (ends: PathEnds) => void;
}

interface Deps {
  api: AtelierApi;
  models: Pick<LatentModels, 'modelId' | 'latent' | 'usable'>;
  states: ModelStates;
  want: (req: MainRequest) => void;
  reportError: (err: unknown) => void;
}

export function usePoint({ api, models, states, want, reportError }: Deps): PointMoves {
  const { modelId, latent, usable } = models;
  const { st, axes, count, update, readState } = states;
  // Interpolation scrub: the path's ends, fixed when the scrub starts.
  const scrubAnchor = useRef<PathEnds | null>(null);

  const moveTo = (next: number[], opts: MoveOptions = {}): void => {
    const shown = states.shown();
    const mid = opts.model ?? shown.modelId;
    const lane = opts.lane ?? 'pad';
    const l = states.latentOf(mid);
    // A point of another model (a grid painted before a switch) or a broken record: ignore it.
    if (!l || !isPointFor(l, next)) return;
    update(mid, (s) => ({ ...s, point: next }));
    if (lane !== 'path') scrubAnchor.current = null;
    if (mid !== shown.modelId || !shown.usable) return;
    const v = states.viewOf(mid);
    if (v) want({ model: mid, point: next, view: v, lane, seq: opts.seq ?? null });
  };

  const pca = latent?.pca ?? null;
  const onModel = latent !== undefined && isPointFor(latent, st.point);
  const shares = useMemo(() => (latent ? varianceShare(latent.pca.variance) : []), [latent]);

  const onPadMove = (x: number, y: number): void => {
    const s = readState(modelId);
    if (!usable || !pca || !s) return;
    const seq = pageMarks.pointer();
    const a = validAxes(s.axes, count);
    moveTo(withCoordinate(pca, withCoordinate(pca, s.point, a.x, x), a.y, y), { seq });
  };

  const onSlider = (k: number, value: number): void => {
    const s = readState(modelId);
    if (!usable || !pca || !s) return;
    moveTo(withCoordinate(pca, s.point, k, value));
  };

  const nudge = (dx: number, dy: number): void => {
    const s = readState(modelId);
    if (!usable || !pca || !s || !latent || !isPointFor(latent, s.point)) return;
    const a = validAxes(s.axes, count);
    // Within the pad's range: the step is cut at the edge, and none is taken past it.
    const x = coordinate(pca, s.point, a.x);
    const y = coordinate(pca, s.point, a.y);
    const stepX = nudgeWithin(x, dx) - x;
    const stepY = nudgeWithin(y, dy) - y;
    if (stepX === 0 && stepY === 0) return;
    moveTo(
      offsetAlong(pca, s.point, [
        [a.x, stepX],
        [a.y, stepY],
      ]),
    );
  };

  const reset = (): void => {
    if (!usable || !pca) return;
    moveTo(pca.mean.slice());
  };

  const randomize = async (prior: LatentPriorKind = 'normal'): Promise<void> => {
    if (!usable || !latent) return;
    const mid = modelId;
    const l = latent;
    const seed = randomSeed();
    const temperature = st.temperature;
    update(mid, (s) => ({ ...s, seed }));
    try {
      const { points } = await api.latent.sample({ model: mid, seed, count: 1, temperature, prior });
      const p = points[0];
      if (p && isPointFor(l, p)) moveTo(p, { model: mid });
    } catch (err) {
      reportError(err);
    }
  };

  return {
    moveTo,
    padX: pca && onModel ? coordinate(pca, st.point, axes.x) : 0,
    padY: pca && onModel ? coordinate(pca, st.point, axes.y) : 0,
    shares,
    onPadMove,
    onSlider,
    onAxis: (which, direction) =>
      update(modelId, (s) => ({ ...s, axes: chooseAxis(validAxes(s.axes, count), which, direction) })),
    nudge,
    reset,
    randomize,
    anchor: () => scrubAnchor.current,
    setAnchor: (ends) => {
      scrubAnchor.current = ends;
    },
  };
}
