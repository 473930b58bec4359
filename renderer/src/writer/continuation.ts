/**
 * Continuations at one cursor position, as a reducer: each run (Continue, Regenerate, Try another
 * seed) adds an alternative that streams in, finishes with a stop reason, or fails; the user flips
 * between alternatives and accepts or rejects the one shown. An Ask answer is an alternative too,
 * placed after the text it is about, with what it was asked (`ask`). The draft itself is never
 * touched here.
 */
import {
  TEXT_MAX_PROMPT_CHARS,
  TEXT_STOP_LABELS,
  type TextPresetId,
  type TextStopReason,
} from '../../../preload/text';
import type { ErrorInfo, TextResult, TextSampling, TextStream } from '../../../preload/contract';
import type { AskTarget } from './ask';

export interface Alternative {
  jobId: string;
  sampling: TextSampling;
  preset: TextPresetId | undefined;
  model: string;
  text: string;
  status: 'streaming' | 'done';
  tokens: number;
  tokensPerSecond: number;
  firstTokenMs: number;
  elapsedMs: number;
  stopReason: TextStopReason | null;
  /** Set once main answers. */
  result: TextResult | null;
  /** An Ask answer: the instruction and the text it is about; null for a continuation. */
  ask: AskTarget | null;
}

/** Where the continuation goes: the draft split at the cursor. */
export interface Anchor {
  before: string;
  after: string;
}

export interface Session extends Anchor {
  alternatives: Alternative[];
  /** The alternative on show. */
  index: number;
}

export interface ContinuationState {
  session: Session | null;
  error: ErrorInfo | null;
}

export const INITIAL: ContinuationState = { session: null, error: null };

export type Phase = 'idle' | 'streaming' | 'pending' | 'error';

export type ContinuationAction =
  | {
      type: 'start';
      jobId: string;
      anchor: Anchor;
      sampling: TextSampling;
      preset: TextPresetId | undefined;
      model: string;
      ask?: AskTarget | null;
    }
  | { type: 'stream'; events: readonly TextStream[] }
  | { type: 'finish'; jobId: string; result: TextResult }
  | { type: 'fail'; jobId: string; error: ErrorInfo }
  | { type: 'flip'; by: number }
  | { type: 'close' }
  | { type: 'error'; error: ErrorInfo | null };

export function shown(state: ContinuationState): Alternative | null {
  const s = state.session;
  return s ? (s.alternatives[s.index] ?? null) : null;
}

export function streamingAlternative(state: ContinuationState): Alternative | null {
  return state.session?.alternatives.find((a) => a.status === 'streaming') ?? null;
}

export function phaseOf(state: ContinuationState): Phase {
  if (streamingAlternative(state)) return 'streaming';
  if (state.error) return 'error';
  if (state.session && state.session.alternatives.length > 0) return 'pending';
  return 'idle';
}

function updateAlt(
  state: ContinuationState,
  jobId: string,
  f: (a: Alternative) => Alternative,
): ContinuationState {
  const s = state.session;
  if (!s) return state;
  const i = s.alternatives.findIndex((a) => a.jobId === jobId);
  if (i < 0) return state;
  const alternatives = s.alternatives.slice();
  alternatives[i] = f(alternatives[i]!);
  return { ...state, session: { ...s, alternatives } };
}

export function continuationReducer(state: ContinuationState, action: ContinuationAction): ContinuationState {
  switch (action.type) {
    case 'start': {
      const alt: Alternative = {
        jobId: action.jobId,
        sampling: action.sampling,
        preset: action.preset,
        model: action.model,
        text: '',
        status: 'streaming',
        tokens: 0,
        tokensPerSecond: 0,
        firstTokenMs: 0,
        elapsedMs: 0,
        stopReason: null,
        result: null,
        ask: action.ask ?? null,
      };
      const s = state.session;
      const same = s && s.before === action.anchor.before && s.after === action.anchor.after;
      const alternatives = same ? [...s.alternatives, alt] : [alt];
      return {
        error: null,
        session: { ...action.anchor, alternatives, index: alternatives.length - 1 },
      };
    }
    case 'stream': {
      let next = state;
      for (const e of action.events) {
        next = updateAlt(next, e.jobId, (a) =>
          a.status !== 'streaming'
            ? a
            : {
                ...a,
                text: a.text + e.delta,
                tokens: Math.max(a.tokens, e.tokens),
                tokensPerSecond: e.tokensPerSecond,
                firstTokenMs: e.firstTokenMs,
                elapsedMs: e.elapsedMs,
              },
        );
      }
      return next;
    }
    case 'finish':
      return updateAlt(state, action.jobId, (a) => ({
        ...a,
        // Main's answer is the whole text: it wins over what the stream assembled.
        text: action.result.text,
        status: 'done',
        tokens: action.result.tokens,
        tokensPerSecond: action.result.tokensPerSecond,
        firstTokenMs: action.result.firstTokenMs,
        elapsedMs: action.result.durationMs,
        stopReason: action.result.stopReason,
        result: action.result,
      }));
    case 'fail': {
      const s = state.session;
      const alt = s?.alternatives.find((a) => a.jobId === action.jobId);
      if (!s || !alt) return state;
      // A run stopped before main answered keeps what streamed in; nothing streamed, it just goes.
      if (action.error.code === 'cancelled' && alt.text !== '')
        return updateAlt(state, action.jobId, (a) => ({ ...a, status: 'done', stopReason: 'stopped' }));
      const alternatives = s.alternatives.filter((a) => a.jobId !== action.jobId);
      const error = action.error.code === 'cancelled' ? null : action.error;
      if (alternatives.length === 0) return { session: null, error };
      return {
        error,
        session: { ...s, alternatives, index: Math.min(s.index, alternatives.length - 1) },
      };
    }
    case 'flip': {
      const s = state.session;
      if (!s || s.alternatives.length < 2 || streamingAlternative(state)) return state;
      const n = s.alternatives.length;
      return { ...state, session: { ...s, index: (((s.index + action.by) % n) + n) % n } };
    }
    case 'close':
      return INITIAL;
    case 'error':
      return { ...state, error: action.error };
  }
}

/** The call's prompt and the record's "after": each within what one call may carry. */
export function requestTexts(anchor: Anchor): { prompt: string; after: string } {
  return {
    prompt: anchor.before.slice(-TEXT_MAX_PROMPT_CHARS),
    after: anchor.after.slice(0, TEXT_MAX_PROMPT_CHARS),
  };
}

/** The draft split at the cursor ("the whole draft" when the cursor is at the end). */
export function anchorAt(text: string, cursor: number): Anchor {
  const c = Math.min(text.length, Math.max(0, cursor));
  return { before: text.slice(0, c), after: text.slice(c) };
}

/** The draft once an alternative is accepted, with the cursor after the inserted text. */
export function accepted(anchor: Anchor, text: string): { text: string; cursor: number } {
  return { text: anchor.before + text + anchor.after, cursor: anchor.before.length + text.length };
}

/** "the model ended the text", …; '' while running. */
export function stopLabel(reason: TextStopReason | null): string {
  return reason ? TEXT_STOP_LABELS[reason] : '';
}

/** "42 tokens · 18.3 tok/s · first token 120 ms". */
export function formatStats(a: Pick<Alternative, 'tokens' | 'tokensPerSecond' | 'firstTokenMs'>): string {
  const parts = [`${a.tokens} token${a.tokens === 1 ? '' : 's'}`];
  if (a.tokens > 0)
    parts.push(`${a.tokensPerSecond.toFixed(1)} tok/s`, `first token ${Math.round(a.firstTokenMs)} ms`);
  return parts.join(' · ');
}
