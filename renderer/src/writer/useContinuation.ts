/**
 * Continue (or Ask) / Stop / Accept / Replace selection / Reject / Regenerate / Try another seed,
 * and the alternatives made at one place. Tokens arrive as `text.stream` events and reach React
 * once per animation frame; `text.generate`'s answer then gives the final text and stop reason. A
 * failure shows its message and never touches the draft; an accepted result goes into the draft
 * and the library. In Ask mode the run asks the model to do the instruction with the selection (or
 * the whole text), and the answer shows after it; a rerun asks the shown answer's question again.
 */
import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { AtelierApi, ErrorInfo, Generation, ModelStatus, TextStream } from '../../../preload/contract';
import { toErrorInfo } from '../shell/errors';
import { makeJobId } from '../shell/seed';
import { frameBatcher } from '../shell/batcher';
import { askAnchor, askedPrompt, askTarget, checkAsk, placeAnswer, type AskTarget } from './ask';
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
  type Anchor,
  type Phase,
  type Session,
} from './continuation';
import { saveInput } from './saved';
import type { RunMode } from './settings';
import type { AcceptUndo } from './useAcceptUndo';
import type { AskSettings } from './useAsk';
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
  /** Asks now with this instruction (a preset), whatever the mode. */
  askWith: (instruction: string) => void;
  stop: () => void;
  /** Puts the shown result in the text (an Ask answer after the text it is about, or, with `replace`, in its place). */
  accept: (replace?: boolean) => void;
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
  ask: AskSettings;
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
  ask,
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

  /** Starts one run at `anchor`: a continuation of its text, or (with `target`) an Ask answer. */
  const launch = (mode: RunMode, anchor: Anchor, target: AskTarget | null): void => {
    if (!model) {
      fail(modelProblem ?? 'No text model can run.', 'model');
      return;
    }
    const r = settings.forRun(mode);
    if (!r.ok) {
      fail(r.message, `sampling.${r.field}`);
      return;
    }
    if (!state.session) setScrollTop(draft.scrollTop());
    const jobId = makeJobId();
    ours.current.add(jobId);
    dispatch({
      type: 'start',
      jobId,
      anchor,
      sampling: r.sampling,
      preset: r.preset,
      model: model.id,
      ask: target,
    });
    const what = target
      ? {
          mode: 'ask' as const,
          prompt: askedPrompt(target),
          instruction: target.instruction,
          ...(target.system ? { system: target.system } : {}),
        }
      : { prompt: requestTexts(anchor).prompt };
    api.text
      .generate({
        jobId,
        model: model.id,
        ...what,
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

  const runAsk = (mode: RunMode, again: AskTarget | null, instruction = ask.instruction): void => {
    if (!again && ask.canAsk !== true) {
      fail(ask.reason ?? 'This model cannot answer instructions: use Continue.', 'model');
      return;
    }
    const target = again ?? askTarget(draft.text, draft.selection(), instruction, ask.system);
    const c = checkAsk(target.instruction, target.system);
    if (!c.ok) {
      fail(c.message, c.field);
      return;
    }
    launch(mode, askAnchor(target), target);
  };

  const run = (mode: RunMode): void => {
    if (running) return;
    const session = state.session;
    // A rerun asks the shown answer's question again; a fresh run takes the mode chosen.
    if (mode === 'continue' ? ask.mode === 'ask' : alt?.ask) {
      runAsk(mode, mode === 'continue' ? null : (alt?.ask ?? null));
      return;
    }
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
    launch(mode, anchor, null);
  };

  const stop = (): void => {
    if (!running) return;
    api.jobs
      .cancel({ jobId: running.jobId })
      .catch((err: unknown) => dispatch({ type: 'error', error: toErrorInfo(err) }));
  };

  const save = (a: Alternative, anchor: Anchor, replace: boolean): void => {
    api.text.save(saveInput(a, anchor, replace)).then(
      (gen) => {
        onSaved(gen);
        notify(a.ask ? 'Saved the answer to the library.' : 'Saved the continuation to the library.');
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

  const accept = (replace = false): void => {
    const session = state.session;
    if (!session || !alt || alt.status !== 'done') return;
    dispatch({ type: 'close' });
    if (alt.text === '') {
      draft.focus();
      return;
    }
    const doc = alt.ask ? placeAnswer(alt.ask, alt.text, replace) : accepted(session, alt.text);
    undo.remember({ text: draft.text, cursor: session.before.length }, doc.text);
    draft.replace(doc.text, doc.cursor);
    save(alt, session, replace);
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
    askWith: (instruction) => {
      if (!running) runAsk('continue', null, instruction);
    },
    stop,
    accept,
    reject,
    flip: (by) => dispatch({ type: 'flip', by }),
    dismissError: () => dispatch({ type: 'error', error: null }),
    reset,
  };
}
