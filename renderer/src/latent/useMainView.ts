/**
 * The main view's decodes: `want` sends the point through the coalesced decoder (see
 * `useLatentDecode.ts`) and each answer for the model on show is painted into the stage, with
 * the `latent-paint` mark and the pointer-to-paint measure, and its provider and time in the
 * info line. A new model, view or text decodes the current point again; tiling, or coming back
 * to a model, repaints its last decode without asking again (another model's pixels never linger).
 */
import { useEffect, useEffectEvent, useRef, type RefObject } from 'react';
import type { AtelierApi, LatentView, PixelImage } from '../../../preload/contract';
import { centredFrame, PAPER, stickySize, tileFrame, TILE_REPEAT, type StickySize } from './frames';
import { pageMarks } from './marks';
import type { PixelStageHandle } from './PixelStage';
import { useFrameScheduler, useMainDecoder, type DecodeOutput, type MainRequest } from './useLatentDecode';
import type { LatentModels } from './useLatentModels';
import type { ModelStates } from './useModelStates';

export interface MainView {
  /** The stage the decodes paint into. */
  stage: RefObject<PixelStageHandle | null>;
  /** The line that shows the last decode's provider and time. */
  info: RefObject<HTMLSpanElement | null>;
  /** Decodes a point for the main view (one in flight, the latest pending). */
  want: (req: MainRequest) => void;
}

interface Deps {
  api: AtelierApi;
  models: Pick<LatentModels, 'modelId' | 'usable'>;
  /** What the main view draws for the model on show (null: nothing). */
  view: LatentView | null;
  /** A texture model's tile is shown 3×3. */
  tiled: boolean;
  states: Pick<ModelStates, 'readState' | 'shown'>;
  reportError: (err: unknown) => void;
}

export function useMainView({ api, models, view, tiled, states, reportError }: Deps): MainView {
  const { modelId, usable } = models;
  const stage = useRef<PixelStageHandle>(null);
  const info = useRef<HTMLSpanElement>(null);
  /** Decodes painted so far: a repaint of the cache must not cover a newer decode. */
  const decodePaints = useRef(0);
  /** Each model's last decoded main view, to show again when the model is picked again. */
  const lastMain = useRef(new Map<string, { model: string; view: LatentView; image: PixelImage }>());
  const tiledRef = useRef(tiled);
  useEffect(() => {
    tiledRef.current = tiled;
  }, [tiled]);
  const schedule = useFrameScheduler();

  const mainSize = useRef<StickySize | null>(null);
  const mainFrame = (image: PixelImage, req: Pick<MainRequest, 'model' | 'view'>) => {
    if (req.view.kind === 'image') return tileFrame(image, tiledRef.current ? TILE_REPEAT : 1);
    mainSize.current = stickySize(mainSize.current, `${req.model}|${req.view.text}`, image);
    return centredFrame(image, mainSize.current, PAPER);
  };

  const paint = (image: PixelImage, req: MainRequest, out: DecodeOutput): void => {
    if (req.model !== states.shown().modelId) return;
    lastMain.current.set(req.model, { model: req.model, view: req.view, image });
    decodePaints.current++;
    try {
      stage.current?.paint(mainFrame(image, req));
    } catch (err) {
      reportError(err);
      return;
    }
    pageMarks.painted(req.seq);
    if (info.current)
      info.current.textContent = `${out.provider.toUpperCase()} · ${out.inferenceMs.toFixed(1)} ms`;
  };
  const want = useMainDecoder(api, paint, reportError);

  const viewKey = view ? JSON.stringify(view) : '';
  // A new model, view or text: decode the current point again.
  const redecode = useEffectEvent(() => {
    if (!usable || !view) return;
    const s = states.readState(modelId);
    if (s) want({ model: modelId, point: s.point, view, lane: 'pad', seq: null });
  });
  useEffect(() => {
    redecode();
  }, [modelId, viewKey, usable]);

  // Tiling or another model needs no decode to show what is known: repaint it (or nothing).
  const repaint = useEffectEvent(() => {
    const last = usable ? lastMain.current.get(modelId) : undefined;
    if (!last) {
      stage.current?.clear();
      if (info.current) info.current.textContent = '';
      return;
    }
    const seen = decodePaints.current;
    schedule('repaint', () => {
      // A decode painted meanwhile is newer than what is cached.
      if (decodePaints.current === seen) stage.current?.paint(mainFrame(last.image, last));
    });
  });
  useEffect(() => {
    repaint();
  }, [tiled, modelId, usable]);

  return { stage, info, want };
}
