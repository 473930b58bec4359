/**
 * Chat templates: how a chat or instruct model wants a conversation written out. The template is
 * the model's own Jinja (`chat_template.jinja`, else `tokenizer_config.json`'s `chat_template` — a
 * string, or a list of named templates of which "default" is taken), rendered with
 * @huggingface/jinja the way transformers' `apply_chat_template` renders it: `messages`,
 * `add_generation_prompt`, `tools` and `documents` as none, the tokenizer's special tokens
 * (`bos_token`, `eos_token`, …, strings or `{content}` objects in the file) and the globals
 * `raise_exception` and `strftime_now`.
 *
 * Also here: the end-of-turn token an answer ends with (`<|im_end|>`, `<|eot_id|>`,
 * `<end_of_turn>`, …), found by rendering a short exchange, and Ask's messages.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Environment, Interpreter, Template } from '@huggingface/jinja';
import { strftime } from './strftime';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A model's chat template, read and compiled. */
export interface ChatTemplate {
  /** The file it came from. */
  source: 'chat_template.jinja' | 'tokenizer_config.json';
  /** The Jinja source. */
  text: string;
  /** The special tokens the template sees, as transformers' `special_tokens_map` gives them. */
  specialTokens: Record<string, string | string[]>;
  compiled: Template;
}

/** A template that cannot be read or refuses the conversation; `raised` when the template itself said no. */
export class ChatTemplateError extends Error {
  constructor(
    message: string,
    readonly raised = false,
  ) {
    super(message);
  }
}

/** The special-token keys transformers passes to a template (`SPECIAL_TOKENS_ATTRIBUTES`). */
const SPECIAL_KEYS = [
  'bos_token',
  'eos_token',
  'unk_token',
  'sep_token',
  'pad_token',
  'cls_token',
  'mask_token',
] as const;

/** A token as tokenizer_config.json writes it: a string, or an AddedToken object with `content`. */
function tokenText(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && typeof (v as { content?: unknown }).content === 'string')
    return (v as { content: string }).content;
  return null;
}

/** The special tokens map of a tokenizer config (tokens that are null or absent are left out, as transformers does). */
export function specialTokensOf(config: Record<string, unknown>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of SPECIAL_KEYS) {
    const t = tokenText(config[key]);
    if (t !== null) out[key] = t;
  }
  const extra = config.additional_special_tokens;
  if (Array.isArray(extra)) {
    const list = extra.map(tokenText).filter((t): t is string => t !== null);
    if (list.length) out.additional_special_tokens = list;
  }
  return out;
}

/** The template text of `chat_template` as stored: a string, or the "default" of a named list. */
function templateText(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) {
    const named = v.filter(
      (t): t is { name: string; template: string } =>
        !!t &&
        typeof t === 'object' &&
        typeof (t as { name?: unknown }).name === 'string' &&
        typeof (t as { template?: unknown }).template === 'string',
    );
    if (named.length === 0) return null;
    const d = named.find((t) => t.name === 'default');
    if (!d)
      throw new ChatTemplateError(
        `tokenizer_config.json has several chat templates (${named.map((t) => t.name).join(', ')}) and none named "default"`,
      );
    return d.template;
  }
  return null;
}

/**
 * The chat template from a tokenizer config and, when present, the text of `chat_template.jinja`
 * (which wins, as in transformers). Null when the model has none. Throws ChatTemplateError when
 * there is one that cannot be compiled.
 */
export function chatTemplateFrom(config: Record<string, unknown>, jinja: string | null): ChatTemplate | null {
  const source = jinja !== null && jinja.trim() !== '' ? 'chat_template.jinja' : 'tokenizer_config.json';
  const text = source === 'chat_template.jinja' ? jinja! : templateText(config.chat_template);
  if (text === null || text.trim() === '') return null;
  let compiled: Template;
  try {
    compiled = new Template(text);
  } catch (e) {
    throw new ChatTemplateError(`the chat template in ${source} cannot be read (${(e as Error).message})`);
  }
  return { source, text, specialTokens: specialTokensOf(config), compiled };
}

/** Reads a model folder's chat template (null when it has none). Throws ChatTemplateError with a sentence. */
export async function readChatTemplate(dir: string): Promise<ChatTemplate | null> {
  let config: Record<string, unknown> = {};
  try {
    const v = JSON.parse(await readFile(join(dir, 'tokenizer_config.json'), 'utf8')) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) config = v as Record<string, unknown>;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new ChatTemplateError(`tokenizer_config.json cannot be read (${(e as Error).message})`);
  }
  let jinja: string | null = null;
  try {
    jinja = await readFile(join(dir, 'chat_template.jinja'), 'utf8');
  } catch {
    // Optional: most models keep the template in tokenizer_config.json.
  }
  return chatTemplateFrom(config, jinja);
}

export interface RenderOptions {
  /** Open the assistant's turn at the end (what Ask wants). Default true. */
  addGenerationPrompt?: boolean;
  /** The clock `strftime_now` reads (tests fix it). */
  now?: () => Date;
}

/** Python's `range` (the one global the library's own set-up has that is rebuilt here). */
function range(start: number, stop?: number, step = 1): number[] {
  const [from, to] = stop === undefined ? [0, start] : [start, stop];
  if (step === 0) throw new Error('range() arg 3 must not be zero');
  const out: number[] = [];
  for (let i = from; step > 0 ? i < to : i > to; i += step) out.push(i);
  return out;
}

/**
 * The conversation written out as the model expects it. Throws ChatTemplateError when the template
 * refuses it. The environment is built here rather than by `Template.render`, whose own globals
 * cannot be replaced: `raise_exception` must throw the template's message as a ChatTemplateError
 * and `strftime_now` must read a clock the tests can fix and write English names.
 */
export function renderChat(
  t: ChatTemplate,
  messages: readonly ChatMessage[],
  opts: RenderOptions = {},
): string {
  const now = opts.now ?? (() => new Date());
  const globals: Record<string, unknown> = {
    false: false,
    true: true,
    none: null,
    False: false,
    True: true,
    None: null,
    range,
    raise_exception: (message: unknown) => {
      throw new ChatTemplateError(String(message), true);
    },
    strftime_now: (format: unknown) => strftime(now(), String(format)),
    ...t.specialTokens,
    messages: messages.map((m) => ({ role: m.role, content: m.content })),
    tools: null,
    documents: null,
    add_generation_prompt: opts.addGenerationPrompt ?? true,
  };
  try {
    const env = new Environment();
    for (const [name, value] of Object.entries(globals)) env.set(name, value);
    const out = new Interpreter(env).run(t.compiled.parsed);
    return String(out.value);
  } catch (e) {
    if (e instanceof ChatTemplateError) throw e;
    throw new ChatTemplateError(`the chat template failed (${(e as Error).message})`);
  }
}

/** Tokens chat models end a turn with, for templates the probe cannot read. */
const KNOWN_END_OF_TURN = [
  '<|im_end|>',
  '<|eot_id|>',
  '<end_of_turn>',
  '<|end|>',
  '<|eot|>',
  '<|END_OF_TURN_TOKEN|>',
  '<｜end▁of▁sentence｜>',
];

const PROBE = 'Atelier probe 7Q';

/**
 * The token that ends an assistant turn: what the template writes straight after an assistant
 * message's text (found by rendering a short exchange), else the first of the usual end-of-turn
 * tokens the template names. Only a token the tokenizer knows as one id counts.
 */
export function endOfTurnToken(
  t: ChatTemplate,
  tokenId: (token: string) => number | undefined,
): string | null {
  try {
    const out = renderChat(
      t,
      [
        { role: 'user', content: 'Hello' },
        { role: 'assistant', content: PROBE },
      ],
      { addGenerationPrompt: false, now: () => new Date(0) },
    );
    const at = out.lastIndexOf(PROBE);
    const after = at === -1 ? '' : out.slice(at + PROBE.length);
    const m = /^\s*(<[^<>\s]{1,48}>)/.exec(after);
    if (m && tokenId(m[1]!) !== undefined) return m[1]!;
  } catch {
    // A template that refuses the probe: fall back to the usual tokens below.
  }
  return KNOWN_END_OF_TURN.find((tok) => t.text.includes(tok) && tokenId(tok) !== undefined) ?? null;
}

/** Ask's conversation: an optional system message, then the instruction and the text as the user's message. */
export function askMessages(instruction: string, text: string, system?: string): ChatMessage[] {
  const user = text.trim() === '' ? instruction.trim() : `${instruction.trim()}\n\n${text}`;
  return [
    ...(system !== undefined && system.trim() !== ''
      ? [{ role: 'system' as const, content: system.trim() }]
      : []),
    { role: 'user', content: user },
  ];
}
