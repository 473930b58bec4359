/**
 * Tokenizers for text models: a standard Hugging Face `tokenizer.json` (plus
 * `tokenizer_config.json` when present) loaded locally with @huggingface/tokenizers, the same
 * loader for the bundled model and imported ones. Nothing is fetched.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';

export interface TextTokenizer {
  /**
   * Token ids of `text` as the tokenizer's own rules give them (its post-processor included; with
   * `{ special: false }` without it, as transformers encodes a rendered chat template, whose text
   * already holds its special tokens).
   */
  encode(text: string, opts?: { special?: boolean }): number[];
  /** Text of `ids`, special tokens left out. */
  decode(ids: number[]): string;
  /** The id of a token string, if the vocabulary has it. */
  tokenId(token: string): number | undefined;
}

export class TokenizerError extends Error {}

/** Reads and checks a tokenizer folder. Throws TokenizerError with a sentence for people. */
export async function loadTokenizer(dir: string, file = 'tokenizer.json'): Promise<TextTokenizer> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(join(dir, file), 'utf8'));
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    throw new TokenizerError(
      missing ? `${file} is missing` : `${file} is not valid JSON (${(e as Error).message})`,
    );
  }
  let config: unknown = {};
  try {
    config = JSON.parse(await readFile(join(dir, 'tokenizer_config.json'), 'utf8'));
  } catch {
    // Optional: the tokenizer's defaults apply.
  }
  return fromJson(json, config, file);
}

export function fromJson(json: unknown, config: unknown, file = 'tokenizer.json'): TextTokenizer {
  const model = (json as { model?: { type?: string; vocab?: unknown } } | null)?.model;
  if (!json || typeof json !== 'object' || !model || typeof model !== 'object' || !model.vocab)
    throw new TokenizerError(`${file} has no tokenizer model with a vocabulary`);
  let tok: Tokenizer;
  try {
    tok = new Tokenizer(json, (config ?? {}) as object);
  } catch (e) {
    throw new TokenizerError(`${file} could not be loaded: ${(e as Error).message}`);
  }
  return {
    encode: (text, opts) => [...tok.encode(text, { add_special_tokens: opts?.special ?? true }).ids],
    // The library refuses an empty list; no ids are no text.
    decode: (ids) =>
      ids.length === 0
        ? ''
        : tok.decode(ids, { skip_special_tokens: true, clean_up_tokenization_spaces: false }),
    tokenId: (token) => tok.token_to_id(token),
  };
}

/**
 * Turns a growing list of drawn ids into text. Decodes the ids after a few context ids (so
 * tokenizers that drop a leading space at the start of a sequence keep it), and holds back a
 * trailing incomplete UTF-8 character (U+FFFD) until its other bytes arrive. Text before a
 * character boundary is settled every SETTLE ids, so each step decodes a bounded tail rather
 * than the whole continuation.
 */
export class StreamingDetokenizer {
  private static readonly SETTLE = 64;
  private static readonly CONTEXT = 4;
  private readonly ids: number[] = [];
  /** Text of ids[0 .. start), settled at a character boundary. */
  private settled = '';
  private start = 0;
  private text = '';

  constructor(
    private readonly tok: TextTokenizer,
    private readonly prefix: number[],
  ) {}

  /** Text of ids[start ..] decoded after the ids just before it (the prompt's tail at first). */
  private tail(): string {
    const before = [...this.prefix, ...this.ids.slice(0, this.start)].slice(-StreamingDetokenizer.CONTEXT);
    const rest = this.ids.slice(this.start);
    const beforeText = this.tok.decode(before);
    const full = this.tok.decode([...before, ...rest]);
    return full.startsWith(beforeText) ? full.slice(beforeText.length) : this.tok.decode(rest);
  }

  /** Adds ids; returns the whole text decoded so far (incomplete characters held back). */
  push(ids: number[]): string {
    this.ids.push(...ids);
    let piece = this.tail();
    const complete = !piece.endsWith('\uFFFD');
    while (piece.endsWith('\uFFFD')) piece = piece.slice(0, -1);
    const text = this.settled + piece;
    if (complete && this.ids.length - this.start >= StreamingDetokenizer.SETTLE) {
      this.settled = text;
      this.start = this.ids.length;
    }
    // Never take back text already given out (a later byte completes a character instead).
    if (text.length >= this.text.length || !this.text.startsWith(text)) this.text = text;
    return this.text;
  }

  /** Everything, with any incomplete trailing character as U+FFFD (at the very end). */
  finish(): string {
    return this.settled + this.tail();
  }
}

/**
 * How much of `text` can be shown while generation runs: all of it, except a tail that could be
 * the start of a stop sequence (it is shown once the next tokens prove it is not).
 */
export function safeLength(text: string, stops: readonly string[]): number {
  let hold = 0;
  for (const s of stops)
    for (let k = Math.min(s.length - 1, text.length); k > hold; k--)
      if (text.endsWith(s.slice(0, k))) {
        hold = k;
        break;
      }
  return text.length - hold;
}

/** The first stop sequence in `text`: where the text ends, or -1. */
export function findStop(text: string, stops: readonly string[]): number {
  let at = -1;
  for (const s of stops) {
    const i = text.indexOf(s);
    if (i !== -1 && (at === -1 || i < at)) at = i;
  }
  return at;
}
