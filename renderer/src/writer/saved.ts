/**
 * What `text.save` gets for an accepted result: a continuation's prompt (the text before it) and the
 * text after it, or an Ask answer's instruction, system message and the text it was about, with
 * the text before and after the answer where it was put (after the asked text, or in its place).
 */
import type { MethodInput } from '../../../preload/contract';
import { TEXT_MAX_NEW_TOKENS, TEXT_MAX_PROMPT_CHARS } from '../../../preload/text';
import { askAnchor, askedText } from './ask';
import { requestTexts, type Alternative, type Anchor } from './continuation';

export function saveInput(a: Alternative, anchor: Anchor, replace: boolean): MethodInput<'text.save'> {
  const r = a.result;
  const common = {
    model: a.model,
    text: a.text,
    sampling: a.sampling,
    ...(a.preset ? { preset: a.preset } : {}),
    stopReason: a.stopReason ?? 'stopped',
    tokens: Math.min(Math.max(0, Math.round(a.tokens)), TEXT_MAX_NEW_TOKENS),
    provider: (r?.provider ?? '').slice(0, 32),
    durationMs: Math.min(Math.max(0, r?.durationMs ?? a.elapsedMs), 3_600_000),
  };
  const t = a.ask;
  if (!t) return { ...common, ...requestTexts(anchor) };
  const around = replace ? { before: t.text.slice(0, t.start), after: t.text.slice(t.end) } : askAnchor(t);
  return {
    ...common,
    mode: 'ask',
    ...requestTexts(around),
    instruction: t.instruction,
    ...(t.system ? { system: t.system } : {}),
    selection: askedText(t).slice(0, TEXT_MAX_PROMPT_CHARS),
  };
}
