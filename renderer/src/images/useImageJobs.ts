/**
 * Generation jobs on the board: each reserves board cells for its batch, draws every
 * `image.preview` into those cells (the newest per job, once per animation frame), and hands its
 * results to the board. Several jobs may be in flight: main runs them one after another.
 *
 * Jobs belong to the host (the shell's `useHostJobs`): a batch this page did not start — one that
 * ran on through a reload, or one another page started — gets its cells too when the page learns
 * of it (`jobs.list` at load, or its first progress), its previews from then on, and its results
 * on the board when it ends (`job.finished` with the record ids); a batch started before a reload
 * that ended meanwhile puts its results on the board at load.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type {
  AtelierApi,
  ErrorInfo,
  Generation,
  ImageOutput,
  ImageParamsInput,
  JobInfo,
} from '../../../preload/contract';
import { toRgba } from '../shell/pixels';
import { isStopped, toErrorInfo } from '../shell/errors';
import { makeJobId } from '../shell/seed';
import { useHostJobs } from '../shell/useHostJobs';
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

/** A job's cells: a fresh canvas for each reserved rectangle. */
function cellsFor(rects: readonly Rect[]): JobCell[] {
  return rects.map((rect) => ({
    rect,
    canvas: document.createElement('canvas'),
    width: 0,
    height: 0,
    hash: '',
  }));
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

  const reservedRects = (): Rect[] => jobsRef.current.flatMap((j) => j.cells.map((c) => c.rect));

  const finish = useCallback(
    (jobId: string) => {
      store.drop(jobId);
      update((list) => list.filter((j) => j.jobId !== jobId));
    },
    [store, update],
  );

  // Batches this page did not start: cells when it learns of them, results when they end.
  const host = useHostJobs(api, 'image', {
    attach: (info: JobInfo) => {
      if (jobsRef.current.some((j) => j.jobId === info.jobId)) return;
      const rects = board.reserve(info.count, reservedRects());
      const job: StudioJob = {
        jobId: info.jobId,
        prompt: info.label,
        batch: info.count,
        seed: info.seed ?? 0,
        step: 0,
        steps: 0,
        cells: cellsFor(rects),
      };
      update((list) => [...list, job]);
    },
    progress: () => {},
    finish: (info: JobInfo) => {
      const job = jobsRef.current.find((j) => j.jobId === info.jobId);
      if (info.stage !== 'done') {
        if (job) finish(info.jobId);
        if (info.stage === 'cancelled' && job) notify('Generation cancelled: nothing was saved.');
        return;
      }
      // The records it made, each in its cell (a batch ended before the page knew it: free cells).
      void Promise.allSettled(info.resultIds.map((id) => api.library.get({ id }))).then((got) => {
        if (!live.current) return;
        const gens = got.flatMap((r): Generation[] => (r.status === 'fulfilled' ? [r.value] : []));
        const rects = job ? job.cells.map((c) => c.rect) : board.reserve(gens.length, reservedRects());
        if (gens.length > 0) board.addResults(gens, rects);
        if (job) finish(info.jobId);
      });
    },
  });

  const start = useCallback(
    (params: ImageParamsInput & { seed: number }) => {
      const jobId = makeJobId();
      const batch = params.batch ?? 1;
      const rects = board.reserve(batch, reservedRects());
      const job: StudioJob = {
        jobId,
        prompt: params.prompt,
        batch,
        seed: params.seed,
        step: 0,
        steps: params.steps ?? 0,
        cells: cellsFor(rects),
      };
      update((list) => [...list, job]);
      setError(null);
      // Kept in the tab's session until the call answers: after a reload the page takes it up again.
      host.started(jobId);
      api.image.generate({ jobId, params }).then(
        (out) => {
          host.settled(jobId);
          if (!live.current) return;
          board.addResults(out.results, rects);
          finish(jobId);
          onDone(out);
        },
        (err: unknown) => {
          host.settled(jobId);
          if (!live.current) return;
          finish(jobId);
          if (isStopped(err)) notify('Generation cancelled: nothing was saved.');
          else setError(toErrorInfo(err));
        },
      );
    },
    [api, board, update, finish, host, onDone, notify],
  );

  return { jobs, error, clearError: () => setError(null), drawn, start, setError };
}
