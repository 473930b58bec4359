/**
 * Generation jobs started here: each reserves board cells for its batch, draws every
 * `image.preview` into those cells (the newest per job, once per animation frame), and hands its
 * results to the board. Several jobs may be in flight: main runs them one after another.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AtelierApi, ErrorInfo, ImageOutput, ImageParamsInput } from '../../../preload/contract';
import { toRgba } from '../shell/pixels';
import { isStopped, toErrorInfo } from '../shell/errors';
import { makeJobId } from '../shell/seed';
import { animationFrame, type Schedule } from '../shell/batcher';
import type { Rect } from './board';
import { PreviewStore, pixelHash } from './preview';
import type { Board } from './useBoard';

export interface JobCell {
  rect: Rect;
  canvas: HTMLCanvasElement;
  /** Pixels drawn so far (0 before the first preview). */
  width: number;
  height: number;
  hash: string;
}

export interface StudioJob {
  jobId: string;
  prompt: string;
  batch: number;
  seed: number;
  step: number;
  steps: number;
  cells: JobCell[];
}

export interface ImageJobs {
  jobs: StudioJob[];
  error: ErrorInfo | null;
  clearError: () => void;
  /** Bumps after preview pixels were drawn (the board redraws its layer). */
  drawn: number;
  start: (params: ImageParamsInput & { seed: number }) => void;
  setError: (error: ErrorInfo | null) => void;
}

export function useImageJobs(
  api: AtelierApi,
  board: Pick<Board, 'reserve' | 'addResults'>,
  onDone: (out: ImageOutput) => void,
  notify: (text: string) => void,
  schedule: Schedule = animationFrame,
): ImageJobs {
  const [jobs, setJobs] = useState<StudioJob[]>([]);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [drawn, setDrawn] = useState(0);
  const jobsRef = useRef<StudioJob[]>([]);
  const store = useMemo(() => new PreviewStore(), []);
  const cancelFrame = useRef<(() => void) | null>(null);
  const live = useRef(true);

  const update = useCallback((fn: (list: StudioJob[]) => StudioJob[]) => {
    jobsRef.current = fn(jobsRef.current);
    setJobs(jobsRef.current);
  }, []);

  const drawFrame = useCallback(() => {
    cancelFrame.current = null;
    const previews = store.take();
    if (previews.length === 0) return;
    update((list) =>
      list.map((job) => {
        const p = previews.find((q) => q.jobId === job.jobId);
        if (!p) return job;
        const cells = job.cells.map((cell, k) => {
          const img = p.images[k];
          if (!img) return cell;
          const { canvas } = cell;
          if (canvas.width !== img.width || canvas.height !== img.height) {
            canvas.width = img.width;
            canvas.height = img.height;
          }
          const ctx = canvas.getContext('2d');
          ctx?.putImageData(new ImageData(toRgba(img), img.width, img.height), 0, 0);
          return { ...cell, width: img.width, height: img.height, hash: pixelHash(img) };
        });
        return { ...job, step: p.step, steps: p.steps, cells };
      }),
    );
    setDrawn((n) => n + 1);
  }, [store, update]);

  useEffect(() => {
    live.current = true;
    const off = api.on('image.preview', (p) => {
      if (!store.put(p, (id) => jobsRef.current.some((j) => j.jobId === id))) return;
      cancelFrame.current ??= schedule(drawFrame);
    });
    return () => {
      live.current = false;
      off();
      cancelFrame.current?.();
      cancelFrame.current = null;
    };
  }, [api, store, schedule, drawFrame]);

  const start = useCallback(
    (params: ImageParamsInput & { seed: number }) => {
      const jobId = makeJobId();
      const batch = params.batch ?? 1;
      const reserved = jobsRef.current.flatMap((j) => j.cells.map((c) => c.rect));
      const rects = board.reserve(batch, reserved);
      const job: StudioJob = {
        jobId,
        prompt: params.prompt,
        batch,
        seed: params.seed,
        step: 0,
        steps: params.steps ?? 0,
        cells: rects.map((rect) => ({
          rect,
          canvas: document.createElement('canvas'),
          width: 0,
          height: 0,
          hash: '',
        })),
      };
      update((list) => [...list, job]);
      setError(null);
      const finish = (): void => {
        store.drop(jobId);
        update((list) => list.filter((j) => j.jobId !== jobId));
      };
      api.image.generate({ jobId, params }).then(
        (out) => {
          if (!live.current) return;
          board.addResults(out.results, rects);
          finish();
          onDone(out);
        },
        (err: unknown) => {
          if (!live.current) return;
          finish();
          if (isStopped(err)) notify('Generation cancelled: nothing was saved.');
          else setError(toErrorInfo(err));
        },
      );
    },
    [api, board, update, store, onDone, notify],
  );

  return { jobs, error, clearError: () => setError(null), drawn, start, setError };
}
