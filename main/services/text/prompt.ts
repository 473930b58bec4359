/**
 * What a Writer request feeds the model: Continue's prompt tail (with the model's BOS when it
 * wants one), or Ask's rendered chat template whole (./ask.ts); and the ids that end a generation —
 * the model's end tokens and, for a chat model, its end-of-turn token (<|im_end|>, <|eot_id|>, …).
 */
import { invalid } from '../../../preload/contract';
import type { TextSection } from '../models/manifest';
import { askPrompt, type AskRequest, type ChatModel } from './ask';
import type { TextTokenizer } from './tokenizer';

export interface PromptIds {
  ids: number[];
  /** Prompt tokens left out because the context is shorter (Continue only). */
  truncatedTokens: number;
  /** Ask: the rendered chat template the ids come from. */
  rendered: string | null;
  eosIds: number[];
}

export function promptIds(
  t: TextSection,
  tok: TextTokenizer,
  chat: ChatModel,
  req: AskRequest & { mode?: 'continue' | 'ask'; sampling: { maxTokens: number } },
  now?: () => Date,
): PromptIds {
  // The model reads the prompt's tail, leaving room to write. Ask's prompt is the rendered chat
  // template whole (its start holds the turn markers): it must fit, or is refused.
  const reserve = Math.min(req.sampling.maxTokens, Math.floor(t.contextLength / 4));
  const room = Math.max(1, t.contextLength - reserve);
  const eosIds = [...new Set([...t.eosTokenIds, ...(chat.endOfTurnId === null ? [] : [chat.endOfTurnId])])];
  if (req.mode === 'ask') {
    const p = askPrompt(chat, tok, req, room, now);
    return { ids: p.ids, truncatedTokens: 0, rendered: p.text, eosIds };
  }
  const bos = t.addBos && t.bosTokenId !== null ? t.bosTokenId : null;
  const tail = promptTail(tok, req.prompt, room - (bos === null ? 0 : 1));
  let ids = tail.ids;
  if (ids.length === 0 && bos === null) throw invalid('The prompt gives no tokens for this model.', 'prompt');
  if (bos !== null && ids[0] !== bos) ids = [bos, ...ids];
  return { ids, truncatedTokens: tail.truncated, rendered: null, eosIds };
}

/**
 * The last `room` token ids of a prompt, and how many were left out. Only the prompt's tail is
 * encoded (a long draft would otherwise cost main hundreds of milliseconds per Continue): enough
 * characters for `room` tokens, cut before a space so the tail tokenizes as it would in the whole
 * text, doubled until it holds `room` tokens. Left-out tokens are counted exactly when the whole
 * prompt was encoded, else estimated from the tail's characters per token.
 */
export function promptTail(
  tok: Pick<TextTokenizer, 'encode'>,
  prompt: string,
  room: number,
): { ids: number[]; truncated: number } {
  for (let chars = Math.max(256, room * 8); ; chars *= 2) {
    let start = Math.max(0, prompt.length - chars);
    if (start > 0) {
      const space = prompt.slice(start).search(/\s/);
      if (space !== -1) start += space;
    }
    const ids = tok.encode(prompt.slice(start));
    if (start === 0) return { ids: ids.slice(-room), truncated: Math.max(0, ids.length - room) };
    if (ids.length > room) {
      const perChar = ids.length / (prompt.length - start);
      return { ids: ids.slice(-room), truncated: ids.length - room + Math.round(start * perChar) };
    }
  }
}
