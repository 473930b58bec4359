/**
 * Continue / Stop / Accept / Reject / Regenerate / Try another seed, and the alternatives made at
 * one cursor position. Tokens arrive as `text.stream` events and reach React once per animation
 * frame; `text.generate`'s answer then gives the final text and stop reason. A failure shows its
 * message and never touches the draft; an accepted continuation goes into the draft and the library.
 */
import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { AtelierApi, ErrorInfo, Generation, ModelStatus, TextStream } from '../../../preload/contract';
import { toErrorInfo } from '../shell/errors';
import { makeJobId } from '../shell/seed';
import { frameBatcher } from '../shell/batcher';
import {
  accepted,
  anchorAt,
  continuationReducer,
  INITIAL,
  phaseOf,
  requestTexts,
  shown,
  streamingAlternative,
  type Alternative,
  type Phase,
  type Session,
} from './continuation';
import type { RunMode } from './settings';
import type { AcceptUndo } from './useAcceptUndo';
import type { Draft } from './useDraft';
import type { SamplingSettings } from './useSamplingSettings';

export interface Continuation {
  phase: Phase;
  session: Session | null;
  /** The alternative on show. */
  alt: Alternative | null;
  error: ErrorInfo | null;
  /** Where the page view starts scrolled (the editor's offset when Continue was pressed). */
  scrollTop: number;
  run: (mode: RunMode) => void;
  stop: () => void;
  accept: () => void;
  reject: () => void;
  flip: (by: number) => void;
  dismissError: () => void;
  /** Stop whatever runs and drop the alternatives (a record is being opened). */
  reset: () => void;
}

interface Options {
  api: AtelierApi;
  model: ModelStatus | null;
  modelProblem: string | null;
  draft: Draft;
  settings: SamplingSettings;
  undo: AcceptUndo;
  onSaved: (gen: Generation) => void;
  notify: (text: string) => void;
}

export function useContinuation({
  api,
  model,
  modelProblem,
  draft,
  settings,
  undo,
  onSaved,
  notify,
}: Options): Continuation {
  const [state, dispatch] = useReducer(continuationReducer, INITIAL);
  const ours = useRef(new Set<string>());
  const [scrollTop, setScrollTop] = useState(0);
  const batcher = useMemo(
    () => frameBatcher<TextStream>((events) => dispatch({ type: 'stream', events })),
    [],
  );

  useEffect(() => {
    const off = api.on('text.stream', (e) => {
      if (ours.current.has(e.jobId)) batcher.push(e);
    });
    return () => {
      off();
      batcher.dispose();
    };
  }, [api, batcher]);

  const phase = phaseOf(state);
  const alt = shown(state);
  const running = streamingAlternative(state);

  const fail = (message: string, field?: string): void =>
    dispatch({ type: 'error', error: { code: 'invalid-input', message, ...(field ? { field } : {}) } });

  const run = (mode: RunMode): void => {
    if (running) return;
    const session = state.session;
    const anchor =
      mode === 'continue' || !session
        ? anchorAt(draft.text, draft.cursor())
        : { before: session.before, after: session.after };
    if (anchor.before === '') {
      fail(
        draft.text === ''
          ? 'Write something first (or pick a preset): the model continues your text.'
          : 'Put the cursor after some text: the model continues what comes before it.',
        'prompt',
      );
      return;
    }
    if (!model) {
      fail(modelProblem ?? 'No text model can run.', 'model');
      return;
    }
    const r = settings.forRun(mode);
    if (!r.ok) {
      fail(r.message, `sampling.${r.field}`);
      return;
    }
    if (!session) setScrollTop(draft.scrollTop());
    const jobId = makeJobId();
    ours.current.add(jobId);
    dispatch({ type: 'start', jobId, anchor, sampling: r.sampling, preset: r.preset, model: model.id });
    const { prompt } = requestTexts(anchor);
    api.text
      .generate({
        jobId,
        model: model.id,
        prompt,
        sampling: r.sampling,
        ...(r.preset ? { preset: r.preset } : {}),
      })
      .then(
        (result) => {
          batcher.flush();
          dispatch({ type: 'finish', jobId, result });
        },
        (err: unknown) => {
          batcher.flush();
          dispatch({ type: 'fail', jobId, error: toErrorInfo(err) });
        },
      )
      .finally(() => ours.current.delete(jobId));
  };

  const stop = (): void => {
    if (!running) return;
    api.jobs
      .cancel({ jobId: running.jobId })
      .catch((err: unknown) => dispatch({ type: 'error', error: toErrorInfo(err) }));
  };

  const save = (a: Alternative, anchor: { before: string; after: string }): void => {
    const { prompt, after } = requestTexts(anchor);
    const r = a.result;
    api.text
      .save({
        model: a.model,
        prompt,
        text: a.text,
        after,
        sampling: a.sampling,
        ...(a.preset ? { preset: a.preset } : {}),
        stopReason: a.stopReason ?? 'stopped',
        tokens: Math.min(Math.max(0, Math.round(a.tokens)), 4096),
        provider: (r?.provider ?? '').slice(0, 32),
        durationMs: Math.min(Math.max(0, r?.durationMs ?? a.elapsedMs), 3_600_000),
      })
      .then(
        (gen) => {
          onSaved(gen);
          notify('Saved the continuation to the library.');
        },
        (err: unknown) => {
          const e = toErrorInfo(err);
          dispatch({
            type: 'error',
            error: { ...e, message: `Accepted, but it could not be saved to the library: ${e.message}` },
          });
        },
      );
  };

  const accept = (): void => {
    const session = state.session;
    if (!session || !alt || alt.status !== 'done') return;
    dispatch({ type: 'close' });
    if (alt.text === '') {
      draft.focus();
      return;
    }
    const doc = accepted(session, alt.text);
    undo.remember({ text: draft.text, cursor: session.before.length }, doc.text);
    draft.replace(doc.text, doc.cursor);
    save(alt, session);
  };

  const reject = (): void => {
    if (running) stop();
    dispatch({ type: 'close' });
    draft.focus();
  };

  const reset = (): void => {
    if (running) stop();
    dispatch({ type: 'close' });
  };

  return {
    phase,
    session: state.session,
    alt,
    error: state.error,
    scrollTop,
    run,
    stop,
    accept,
    reject,
    flip: (by) => dispatch({ type: 'flip', by }),
    dismissError: () => dispatch({ type: 'error', error: null }),
    reset,
  };
}
