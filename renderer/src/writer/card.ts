import type { Generation } from '../../../preload/contract';
import { TEXT_STOP_LABELS, TEXT_STOP_REASONS, type TextStopReason } from '../../../preload/text';

/** A text record's length and how it ended ("42 tokens · max tokens reached"), or "—". */
export function textMeta(gen: Pick<Generation, 'params'>): string {
  const { tokens, stopReason } = gen.params;
  if (typeof tokens !== 'number') return '—';
  const reason = isStopReason(stopReason) ? ` · ${TEXT_STOP_LABELS[stopReason]}` : '';
  return `${tokens} token${tokens === 1 ? '' : 's'}${reason}`;
}

function isStopReason(v: unknown): v is TextStopReason {
  return typeof v === 'string' && (TEXT_STOP_REASONS as readonly string[]).includes(v);
}

/** The model a text record names ("gpt2"), else its model id. */
export function textModelLabel(gen: Pick<Generation, 'params' | 'modelId'>): string {
  const { modelName } = gen.params;
  return typeof modelName === 'string' ? modelName : gen.modelId;
}
