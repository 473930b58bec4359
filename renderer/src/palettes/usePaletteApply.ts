/**
 * "Apply to…": the picker's state and the call. The palette on the bench is applied to the chosen
 * library picture (`palette.apply`, a job: its `job.progress` shows while it runs, Cancel is
 * `jobs.cancel`), and the recoloured record, a new one of the same kind, is shown in the studio it
 * came from (`showRecolored`). A refusal or failure stays in the picker as a sentence.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AtelierApi, ErrorInfo, Generation, JobProgress } from '../../../preload/contract';
import { isStopped, toErrorInfo } from '../shell/errors';
import { makeJobId } from '../shell/seed';
import { parseStrength, showRecolored } from './apply';

export interface PaletteApply {
  open: boolean;
  /** The library record chosen to recolour, or null. */
  targetId: string | null;
  strength: number;
  running: boolean;
  /** The running job's last progress, or null. */
  progress: Pick<JobProgress, 'stage' | 'fraction' | 'message'> | null;
  error: ErrorInfo | null;
  show: () => void;
  close: () => void;
  choose: (id: string) => void;
  setStrength: (value: number) => void;
  apply: () => void;
  cancel: () => void;
}

interface Options {
  api: AtelierApi;
  colors: readonly string[];
  /** Opens a record in the studio its kind belongs to. */
  onOpen: (gen: Generation) => void;
  /** Shows a record in the studio that shows its kind (a latent point on the texture canvas). */
  onSend: (gen: Generation) => void;
  notify: (text: string) => void;
}

export function usePaletteApply({ api, colors, onOpen, onSend, notify }: Options): PaletteApply {
  const [open, setOpen] = useState(false);
  const [targetId, setTargetId] = useState<string | null>(null);
  const [strength, setStrengthState] = useState(1);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<PaletteApply['progress']>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const job = useRef<string | null>(null);

  // The running job's progress (events for other jobs are ignored).
  useEffect(
    () =>
      api.on('job.progress', (p) => {
        if (p.jobId === job.current)
          setProgress({ stage: p.stage, fraction: p.fraction, message: p.message });
      }),
    [api],
  );

  const show = useCallback(() => {
    setError(null);
    setOpen(true);
  }, []);
  const close = useCallback(() => {
    if (job.current === null) setOpen(false);
  }, []);
  const choose = useCallback((id: string) => {
    setTargetId(id);
    setError(null);
  }, []);
  const setStrength = useCallback((value: number) => setStrengthState(parseStrength(value)), []);

  const apply = (): void => {
    if (!targetId || job.current !== null) return;
    const jobId = makeJobId();
    job.current = jobId;
    setRunning(true);
    setError(null);
    setProgress({ stage: 'queued', fraction: 0, message: '' });
    api.palette.apply({ generationId: targetId, colors: [...colors], strength, jobId }).then(
      (gen) => {
        job.current = null;
        setRunning(false);
        setProgress(null);
        setOpen(false);
        notify(`Saved “${gen.title}” to the library.`);
        showRecolored(gen, { open: onOpen, send: onSend });
      },
      (err: unknown) => {
        job.current = null;
        setRunning(false);
        setProgress(null);
        if (!isStopped(err)) setError(toErrorInfo(err));
      },
    );
  };

  const cancel = (): void => {
    const jobId = job.current;
    if (jobId) void api.jobs.cancel({ jobId }).catch(() => undefined);
  };

  return {
    open,
    targetId,
    strength,
    running,
    progress,
    error,
    show,
    close,
    choose,
    setStrength,
    apply,
    cancel,
  };
}
