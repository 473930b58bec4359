/**
 * The Writer's Ask mode on the engine's side: whether a model can Ask (its chat template, read from
 * the installed model's folder — `chat_template.jinja` or `tokenizer_config.json` — and the
 * end-of-turn token its tokenizer knows), and the prompt ids of an Ask request: the instruction and
 * the text as the user's message (after an optional system message), rendered by the template
 * with the assistant's turn opened, encoded without adding special tokens (the template writes
 * them), as transformers' `apply_chat_template(…, tokenize=True)` does.
 */
import { AtelierError, invalid, type TextChatInfo } from '../../../preload/contract';
import {
  askMessages,
  ChatTemplateError,
  endOfTurnToken,
  readChatTemplate,
  renderChat,
  type ChatTemplate,
} from './chat';
import type { TextTokenizer } from './tokenizer';

/** A model's chat side, as the engine keeps it. */
export interface ChatModel {
  template: ChatTemplate | null;
  /** Why Ask cannot run (null when it can). */
  reason: string | null;
  endOfTurn: string | null;
  /** The end-of-turn token's id: a generation that draws it stops. */
  endOfTurnId: number | null;
}

export const NO_TEMPLATE = 'This model has no chat template: use Continue.';

/** Reads a model folder's chat template; never throws (a template that cannot be used is a reason). */
export async function loadChatModel(dir: string, tok: TextTokenizer): Promise<ChatModel> {
  let template: ChatTemplate | null;
  try {
    template = await readChatTemplate(dir);
  } catch (e) {
    const why = e instanceof ChatTemplateError ? e.message : String(e);
    return {
      template: null,
      reason: `This model’s chat template cannot be used (${why}): use Continue.`,
      endOfTurn: null,
      endOfTurnId: null,
    };
  }
  if (!template) return { template: null, reason: NO_TEMPLATE, endOfTurn: null, endOfTurnId: null };
  const endOfTurn = endOfTurnToken(template, (t) => tok.tokenId(t));
  return {
    template,
    reason: null,
    endOfTurn,
    endOfTurnId: endOfTurn === null ? null : (tok.tokenId(endOfTurn) ?? null),
  };
}

export function chatInfo(c: ChatModel): TextChatInfo {
  return {
    chat: c.template !== null,
    reason: c.reason,
    source: c.template?.source ?? null,
    endOfTurn: c.endOfTurn,
  };
}

export interface AskRequest {
  prompt: string;
  instruction?: string | undefined;
  system?: string | undefined;
}

/**
 * The ids an Ask request feeds the model, and the rendered text they come from. Refuses (naming the
 * field) a model without a template, a template that refuses the conversation, and a prompt that
 * leaves no room in the context for `room` tokens.
 */
export function askPrompt(
  c: ChatModel,
  tok: TextTokenizer,
  req: AskRequest,
  room: number,
  now?: () => Date,
): { text: string; ids: number[] } {
  if (!c.template) throw invalid(c.reason ?? NO_TEMPLATE, 'model');
  const messages = askMessages(req.instruction ?? '', req.prompt, req.system);
  let text: string;
  try {
    text = renderChat(c.template, messages, { addGenerationPrompt: true, ...(now ? { now } : {}) });
  } catch (e) {
    if (!(e instanceof ChatTemplateError)) throw e;
    if (!e.raised)
      throw new AtelierError({ code: 'model-unavailable', message: `This model’s ${e.message}.` });
    const system = messages[0]?.role === 'system';
    throw invalid(
      system
        ? `This model’s chat template refuses a system message (“${e.message}”): leave it empty.`
        : `This model’s chat template refuses the request: “${e.message}”.`,
      system ? 'system' : 'instruction',
    );
  }
  const ids = tok.encode(text, { special: false });
  if (ids.length === 0) throw invalid('The instruction gives no tokens for this model.', 'instruction');
  if (ids.length > room)
    throw invalid(
      `The instruction and the text come to ${ids.length} tokens with the chat template; this model reads ${room} and keeps the rest of its context for the answer. Select less text or shorten the instruction.`,
      req.prompt.trim() === '' ? 'instruction' : 'prompt',
    );
  return { text, ids };
}
