/**
 * The explorer's decode plumbing: the main view's coalesced decoder (one request in flight,
 * latest pending, painted on arrival), "settled" decodes for the sheet and the grid (sent
 * 100 ms after the last change, stale answers dropped, painted in a rAF), and the frame
 * scheduler both use.
 */
import { useCallback, useEffect, useEffectEvent, useRef } from 'react';
import type { AtelierApi, LatentLane, LatentView, PixelImage } from '../../../preload/contract';
import { toErrorInfo } from '../shell/errors';
import { createCoalescer, type Coalescer } from './coalescer';

export const SETTLE_MS = 100;

export type DecodeOutput = Awaited<ReturnType<AtelierApi['latent']['decode']>>;

/** A newer request in the same lane replaced this one: not an error anyone needs to see. */
export function isSuperseded(err: unknown): boolean {
  return toErrorInfo(err).code === 'superseded';
}

/** Runs `fn` in the next animation frame; a later call with the same key replaces it. */
export function useFrameScheduler(): (key: string, fn: () => void) => void {
  const jobs = useRef(new Map<string, () => void>());
  const raf = useRef<number | null>(null);
  useEffect(() => {
    const pending = jobs.current;
    return () => {
      if (raf.current !== null) cancelAnimationFrame(raf.current);
      raf.current = null;
      pending.clear();
    };
  }, []);
  return useCallback((key: string, fn: () => void) => {
    jobs.current.set(key, fn);
    if (raf.current !== null) return;
    raf.current = requestAnimationFrame(() => {
      raf.current = null;
      const run = [...jobs.current.values()];
      jobs.current.clear();
      for (const f of run) f();
    });
  }, []);
}

export interface MainRequest {
  model: string;
  point: number[];
  view: LatentView;
  lane: Extract<LatentLane, 'pad' | 'path'>;
  /** The latest pad pointer move this request includes (for the pointer-to-paint measure). */
  seq: number | null;
}

/** Two paints closer than this would land in the same display frame (60 Hz ≈ 16.7 ms). */
export const SAME_FRAME_MS = 8;

/**
 * The main view's decoder: `want(req)` sends at once when idle, else keeps only the latest.
 * An answer is painted as soon as it arrives: waiting for the next animation frame would add
 * half a frame on average to every pointer move. Only an answer that arrives right after
 * another paint goes to the next frame (a later one replaces it), so no frame paints twice.
 */
export function useMainDecoder(
  api: AtelierApi,
  paint: (image: PixelImage, req: MainRequest, out: DecodeOutput) => void,
  onError: (err: unknown) => void,
): (req: MainRequest) => void {
  const schedule = useFrameScheduler();
  const coalescer = useRef<Coalescer<MainRequest> | null>(null);
  const lastPaint = useRef(-Infinity);
  const paintNow = useEffectEvent(paint);
  const fail = useEffectEvent(onError);

  useEffect(() => {
    const c = createCoalescer<MainRequest, DecodeOutput>({
      send: (r) => api.latent.decode({ model: r.model, points: [r.point], view: r.view, lane: r.lane }),
      onResult: (out, req) => {
        const image = out.images[0];
        if (!image) return;
        const draw = (): void => {
          lastPaint.current = performance.now();
          paintNow(image, req, out);
        };
        if (performance.now() - lastPaint.current < SAME_FRAME_MS) schedule('main', draw);
        else draw();
      },
      onError: (err) => {
        if (!isSuperseded(err)) fail(err);
      },
    });
    coalescer.current = c;
    return () => {
      c.dispose();
      if (coalescer.current === c) coalescer.current = null;
    };
  }, [api, schedule]);

  return useCallback((req: MainRequest) => coalescer.current?.want(req), []);
}

export interface SettledRequest {
  model: string;
  points: number[][];
  view: LatentView;
  lane: LatentLane;
}

/**
 * Decodes `request` once it has stayed the same for SETTLE_MS (null: nothing to decode), and
 * paints the answer in a rAF through `onImages` unless a newer request has been made since.
 */
export function useSettledDecode(
  api: AtelierApi,
  request: SettledRequest | null,
  onImages: (images: PixelImage[], request: SettledRequest) => void,
  onError: (err: unknown) => void,
): void {
  const schedule = useFrameScheduler();
  const latest = useRef(0);
  const key = request ? JSON.stringify(request) : '';
  const current = useEffectEvent(() => request);
  const deliver = useEffectEvent(onImages);
  const fail = useEffectEvent(onError);

  useEffect(() => {
    const id = ++latest.current;
    const req = current();
    if (!req) return;
    const timer = setTimeout(() => {
      api.latent.decode(req).then(
        (out) => {
          if (id === latest.current) schedule('settled', () => deliver(out.images, req));
        },
        (err: unknown) => {
          if (id === latest.current && !isSuperseded(err)) fail(err);
        },
      );
    }, SETTLE_MS);
    return () => clearTimeout(timer);
  }, [api, key, schedule]);
}
