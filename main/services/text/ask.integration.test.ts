/**
 * The Writer's Ask mode against the real inference process, real model files and a real SQLite
 * library: a copy of the tiny GPT-2 fixture given a ChatML chat template (its tokenizer with
 * <|im_start|> and <|im_end|> as special tokens, ./testdata/tiny-chatml) answers instructions —
 * the prompt fed is exactly the rendered template's tokens, the end-of-turn token ends a turn,
 * tokens stream, Stop works, seeds replay, the answer is kept with its instruction — and the tiny
 * GPT-2 itself, which has no template, is refused clearly.
 */
import { cpSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Template } from '@huggingface/jinja';
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  Generation,
  ModelStatus,
  TextChatInfo,
  TextResult,
  TextStream,
} from '../../../preload/contract';
import { fileAtelier, withEvents } from '../../testing/file-atelier';
import type { PromptReport } from './text';

const GPT2 = resolve('models/training/text/tiny/gpt2');
/** The Qwen2-style fixture in the onnx-community layout, its template in chat_template.jinja. */
const QWEN = resolve('models/training/text/tiny/onnx-llama');
const CHATML = join(__dirname, 'testdata', 'tiny-chatml');

const t = fileAtelier('atelier-ask-src-');
const { call, refusal } = t;
let chat = '';
let base = '';
beforeAll(async () => {
  const folder = t.copyOf(GPT2, 'tiny-chatml');
  for (const f of ['tokenizer.json', 'tokenizer_config.json']) cpSync(join(CHATML, f), join(folder, f));
  chat = (await call<ModelStatus>('models.import', { path: folder })).id;
  base = (await call<ModelStatus>('models.import', { path: GPT2 })).id;
});

let jobs = 0;
const jobId = (): string => `ask-test-${++jobs}-${Date.now()}`;

async function ask(
  input: Record<string, unknown>,
  onEvent?: (e: TextStream, id: string) => void,
): Promise<{ result: TextResult; events: TextStream[] }> {
  const id = jobId();
  const run = () => call<TextResult>('text.generate', { jobId: id, model: chat, mode: 'ask', ...input });
  return withEvents(t.env, 'text.stream', id, run, onEvent);
}

const TEXT = 'The cat sat on the mat.';
const sampling = (seed: number, maxTokens = 20) => ({ seed, temperature: 0.9, topK: 40, maxTokens });

describe('Ask with a chat model', () => {
  it('text.chat: the template, where it came from and the end-of-turn token; none for GPT-2', async () => {
    expect(await call<TextChatInfo>('text.chat', { model: chat })).toEqual({
      chat: true,
      reason: null,
      source: 'tokenizer_config.json',
      endOfTurn: '<|im_end|>',
    });
    expect(await call<TextChatInfo>('text.chat', { model: base })).toEqual({
      chat: false,
      reason: 'This model has no chat template: use Continue.',
      source: null,
      endOfTurn: null,
    });
  });

  it('the prompt fed is exactly the rendered template’s tokens, and <|im_end|> ends the turn', async () => {
    const tok = await t.env.atelier.text.tokenizer(chat);
    let report: PromptReport | null = null;
    const req = {
      model: chat,
      mode: 'ask' as const,
      prompt: TEXT,
      instruction: 'Shorten this.',
      system: 'Be brief.',
      sampling: {
        seed: 3,
        temperature: 0.8,
        topK: 50,
        topP: 0.95,
        repetitionPenalty: 1.1,
        maxTokens: 8,
        stop: [],
      },
    };
    const r = await t.env.atelier.text.generate(req, { onPrompt: (p) => (report = p) });
    // ChatML as the template writes it (each turn in <|im_start|>role\n … <|im_end|>\n, the assistant's opened).
    const expected =
      '<|im_start|>system\nBe brief.<|im_end|>\n' +
      `<|im_start|>user\nShorten this.\n\n${TEXT}<|im_end|>\n<|im_start|>assistant\n`;
    expect(report!.text).toBe(expected);
    const ids = tok.encode(expected, { special: false });
    expect(report!.ids).toEqual(ids);
    // The special tokens are single ids, never spelt out in bytes, and no BOS is added (the template decides).
    expect(ids[0]).toBe(tok.tokenId('<|im_start|>'));
    expect(ids.filter((i) => i === tok.tokenId('<|im_end|>'))).toHaveLength(2);
    expect(report!.eosIds).toEqual(
      expect.arrayContaining([tok.tokenId('<|endoftext|>'), tok.tokenId('<|im_end|>')]),
    );
    expect(r.promptTokens).toBe(ids.length);
    expect(r.truncatedTokens).toBe(0);
  });

  it('streams the answer; the events add up to the text; the same seed gives the same text', async () => {
    const input = { prompt: TEXT, instruction: 'Rewrite this in the style of a sea shanty.' };
    const a = await ask({ ...input, sampling: sampling(11) });
    const b = await ask({ ...input, sampling: sampling(11) });
    const c = await ask({ ...input, sampling: sampling(12) });
    expect(a.result.tokens).toBeGreaterThan(0);
    expect(a.events.length).toBeGreaterThan(1);
    expect(a.events.map((e) => e.delta).join('')).toBe(a.result.text);
    expect(b.result.text).toBe(a.result.text);
    expect(c.result.text).not.toBe(a.result.text);
  });

  it('an instruction alone (an empty page) is asked as it is', async () => {
    let report: PromptReport | null = null;
    await t.env.atelier.text.generate(
      {
        model: chat,
        mode: 'ask',
        prompt: '',
        instruction: 'Write a haiku.',
        sampling: {
          seed: 1,
          temperature: 0.8,
          topK: 50,
          topP: 0.95,
          repetitionPenalty: 1.1,
          maxTokens: 4,
          stop: [],
        },
      },
      { onPrompt: (p) => (report = p) },
    );
    expect(report!.text).toBe('<|im_start|>user\nWrite a haiku.<|im_end|>\n<|im_start|>assistant\n');
  });

  it('Stop ends the answer within a step and keeps what was written', async () => {
    let cancelledAt = -1;
    const { result, events } = await ask(
      {
        prompt: TEXT,
        instruction: 'Continue in this style.',
        sampling: { seed: 5, temperature: 1, maxTokens: 4000 },
      },
      (e, id) => {
        if (cancelledAt === -1 && e.tokens >= 3) {
          cancelledAt = e.tokens;
          void call('jobs.cancel', { jobId: id });
        }
      },
    );
    expect(cancelledAt).toBeGreaterThan(0);
    expect(result.stopReason).toBe('stopped');
    expect(result.tokens).toBeLessThanOrEqual(cancelledAt + 1);
    expect(events.map((e) => e.delta).join('')).toBe(result.text);
  });

  it('keeps an accepted answer in the library with its instruction, system message and selection', async () => {
    const { result } = await ask({ prompt: TEXT, instruction: 'Shorten this.', sampling: sampling(21, 10) });
    const gen = await call<Generation>('text.save', {
      model: chat,
      mode: 'ask',
      prompt: 'Before. ',
      text: result.text || 'x',
      after: ' After.',
      instruction: 'Shorten this.',
      system: 'Be brief.',
      selection: TEXT,
      sampling: sampling(21, 10),
      stopReason: result.stopReason,
      tokens: result.tokens,
    });
    expect(gen.params).toMatchObject({
      mode: 'ask',
      instruction: 'Shorten this.',
      system: 'Be brief.',
      selection: TEXT,
      prompt: 'Before. ',
    });
    expect(gen.title.startsWith('Shorten this')).toBe(true);
    const asset = await call<{ bytes: Uint8Array }>('library.asset', { id: gen.id, role: 'text' });
    expect(new TextDecoder().decode(asset.bytes)).toBe(`Before. ${result.text || 'x'} After.`);
    const listed = await call<Generation[]>('library.list', { kind: 'text' });
    expect(listed.find((g) => g.id === gen.id)?.params).toMatchObject({ instruction: 'Shorten this.' });
  });
});

describe('Ask with the Qwen2-style fixture (onnx/ layout, chat_template.jinja)', () => {
  it('imports with its template, and the prompt fed is the template rendered by the library itself', async () => {
    const qwen = (await call<ModelStatus>('models.import', { path: QWEN })).id;
    const info = await call<TextChatInfo>('text.chat', { model: qwen });
    expect(info).toMatchObject({ chat: true, source: 'chat_template.jinja' });
    const messages = [{ role: 'user', content: `Shorten this.\n\n${TEXT}` }];
    // @huggingface/jinja's own render (its globals), as an independent reference for a plain template.
    const expected = new Template(readFileSync(join(QWEN, 'chat_template.jinja'), 'utf8')).render({
      messages,
      add_generation_prompt: true,
      eos_token: '<|endoftext|>',
    });
    expect(expected).toBe(
      `<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n${messages[0]!.content}<|im_end|>\n<|im_start|>assistant\n`,
    );
    let report: PromptReport | null = null;
    const r = await t.env.atelier.text.generate(
      {
        model: qwen,
        mode: 'ask',
        prompt: TEXT,
        instruction: 'Shorten this.',
        sampling: {
          seed: 2,
          temperature: 0.7,
          topK: 20,
          topP: 0.8,
          repetitionPenalty: 1.05,
          maxTokens: 6,
          stop: [],
        },
      },
      { onPrompt: (p) => (report = p) },
    );
    expect(report!.text).toBe(expected);
    const tok = await t.env.atelier.text.tokenizer(qwen);
    expect(report!.ids).toEqual(tok.encode(expected, { special: false }));
    expect(r.tokens).toBeGreaterThan(0);
  });
});

describe('Ask refuses bad input, naming the field', () => {
  const input = (over: Record<string, unknown>) => ({
    jobId: jobId(),
    model: chat,
    mode: 'ask',
    prompt: TEXT,
    instruction: 'Shorten this.',
    sampling: { seed: 1 },
    ...over,
  });
  it('an empty or blank instruction', async () => {
    for (const instruction of [undefined, '', '   ']) {
      const e = await refusal('text.generate', input({ instruction }));
      expect(e).toMatchObject({ code: 'invalid-input', field: 'instruction' });
      expect(e.message).toMatch(/instruction.*must not be empty/i);
    }
  });
  it('a 20,000-character instruction', async () => {
    const e = await refusal('text.generate', input({ instruction: 'x'.repeat(20_000) }));
    expect(e).toMatchObject({ code: 'invalid-input', field: 'instruction' });
    expect(e.message).toMatch(/at most 4000 characters/);
  });
  it('Ask with a model that has no chat template', async () => {
    const e = await refusal('text.generate', input({ model: base }));
    expect(e).toMatchObject({ code: 'invalid-input', field: 'model' });
    expect(e.message).toBe('This model has no chat template: use Continue.');
  });
  it('a selection too long for the context (Ask never cuts the template)', async () => {
    const e = await refusal('text.generate', input({ prompt: 'word '.repeat(500) }));
    expect(e).toMatchObject({ code: 'invalid-input', field: 'prompt' });
    expect(e.message).toMatch(/Select less text/);
  });
  it('an instruction or a system message with Continue', async () => {
    for (const key of ['instruction', 'system']) {
      const e = await refusal('text.generate', {
        ...input({ mode: 'continue', instruction: undefined }),
        [key]: 'x',
      });
      expect(e).toMatchObject({ code: 'invalid-input', field: key });
    }
  });
});
