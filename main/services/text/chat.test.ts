/**
 * Chat templates as published by the models themselves (stored under ./testdata/chat, one folder
 * per model, as its tokenizer_config.json / chat_template.jinja), rendered and compared with the
 * exact strings transformers' `apply_chat_template` gives. The expected strings are written from each
 * model's documented prompt format and, where it has the case, huggingface.js's own jinja test
 * suite (packages/jinja/test/e2e.test.js); each fixture names its source.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  askMessages,
  ChatTemplateError,
  chatTemplateFrom,
  endOfTurnToken,
  readChatTemplate,
  renderChat,
  specialTokensOf,
  type ChatMessage,
  type ChatTemplate,
} from './chat';
import { strftime } from './strftime';

const DATA = join(__dirname, 'testdata', 'chat');
const load = async (name: string): Promise<ChatTemplate> => {
  const t = await readChatTemplate(join(DATA, name));
  if (!t) throw new Error(`${name} has no template`);
  return t;
};

const SYSTEM = 'You are a careful editor.';
const USER = 'Shorten this.\n\nThe cat sat on the mat, because the mat was warm and the sun was out.';
const ASK: ChatMessage[] = [
  { role: 'system', content: SYSTEM },
  { role: 'user', content: USER },
];
const ASK_NO_SYSTEM: ChatMessage[] = [{ role: 'user', content: USER }];
/** huggingface.js's EXAMPLE_CHAT (packages/jinja/test/e2e.test.js). */
const MULTI: ChatMessage[] = [
  { role: 'user', content: 'Hello, how are you?' },
  { role: 'assistant', content: "I'm doing great. How can I help you today?" },
  { role: 'user', content: "I'd like to show off how chat templating works!" },
];
/** A fixed clock for strftime_now: 5 December 2024, local time (Python's datetime.now() is local). */
const DEC_5 = (): Date => new Date(2024, 11, 5, 9, 30, 0);

describe('Qwen2.5-Instruct (ChatML)', () => {
  // Template: Qwen/Qwen2.5-7B-Instruct's tokenizer_config.json as huggingface.js's e2e test stores
  // it (the whole Qwen2.5-Instruct family ships the same one). Format: ChatML, with Qwen's default
  // system message when none is given (qwen.readthedocs.io, "Chat template").
  const DEFAULT =
    '<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n';
  it('a system message, then the user, then the assistant turn opened', async () => {
    expect(renderChat(await load('qwen2.5-instruct'), ASK)).toBe(
      `<|im_start|>system\n${SYSTEM}<|im_end|>\n<|im_start|>user\n${USER}<|im_end|>\n<|im_start|>assistant\n`,
    );
  });
  it('no system message: Qwen’s own default', async () => {
    expect(renderChat(await load('qwen2.5-instruct'), ASK_NO_SYSTEM)).toBe(
      `${DEFAULT}<|im_start|>user\n${USER}<|im_end|>\n<|im_start|>assistant\n`,
    );
  });
  it('multi-turn without the generation prompt', async () => {
    expect(renderChat(await load('qwen2.5-instruct'), MULTI, { addGenerationPrompt: false })).toBe(
      `${DEFAULT}<|im_start|>user\nHello, how are you?<|im_end|>\n` +
        "<|im_start|>assistant\nI'm doing great. How can I help you today?<|im_end|>\n" +
        "<|im_start|>user\nI'd like to show off how chat templating works!<|im_end|>\n",
    );
  });
});

describe('Llama 3.x Instruct', () => {
  // Llama 3.2 (1B/3B) Instruct: Llama-3.1-8B-Instruct's template (huggingface.js e2e test) with the
  // date block Llama 3.2 ships, `strftime_now("%d %b %Y")` (as in its Vision sibling in the same
  // suite). Format: meta-llama's model card, "Prompt format" (header ids, <|eot_id|>, the date lines).
  const header = (date: string, system: string): string =>
    '<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n' +
    `Cutting Knowledge Date: December 2023\nToday Date: ${date}\n\n${system}<|eot_id|>`;
  const turn = (role: string, text: string): string =>
    `<|start_header_id|>${role}<|end_header_id|>\n\n${text}<|eot_id|>`;
  const OPEN = '<|start_header_id|>assistant<|end_header_id|>\n\n';

  it('3.2: today’s date from strftime_now, the system message in the system header', async () => {
    expect(renderChat(await load('llama-3.2-instruct'), ASK, { now: DEC_5 })).toBe(
      header('05 Dec 2024', SYSTEM) + turn('user', USER) + OPEN,
    );
  });
  it('3.2: no system message leaves the header’s text empty', async () => {
    expect(renderChat(await load('llama-3.2-instruct'), ASK_NO_SYSTEM, { now: DEC_5 })).toBe(
      header('05 Dec 2024', '') + turn('user', USER) + OPEN,
    );
  });
  it('3.2: multi-turn, without the generation prompt', async () => {
    expect(
      renderChat(await load('llama-3.2-instruct'), MULTI, { now: DEC_5, addGenerationPrompt: false }),
    ).toBe(header('05 Dec 2024', '') + MULTI.map((m) => turn(m.role, m.content)).join(''));
  });
  it('3.1 from chat_template.jinja (which wins over tokenizer_config.json): its fixed date', async () => {
    const t = await load('llama-3.1-instruct-jinja');
    expect(t.source).toBe('chat_template.jinja');
    expect(renderChat(t, ASK, { now: DEC_5 })).toBe(
      header('26 Jul 2024', SYSTEM) + turn('user', USER) + OPEN,
    );
  });
});

describe('Phi-3-mini-instruct', () => {
  // Template: microsoft/Phi-3-mini-4k-instruct tokenizer_config.json. Format: its model card
  // ("<|system|>…<|end|>\n<|user|>…<|end|>\n<|assistant|>\n"); without a generation prompt the
  // template ends with eos_token.
  it('system, user, the assistant turn opened', async () => {
    expect(renderChat(await load('phi-3-mini'), ASK)).toBe(
      `<|system|>\n${SYSTEM}<|end|>\n<|user|>\n${USER}<|end|>\n<|assistant|>\n`,
    );
  });
  it('multi-turn without the generation prompt ends with eos_token', async () => {
    expect(renderChat(await load('phi-3-mini'), MULTI, { addGenerationPrompt: false })).toBe(
      '<|user|>\nHello, how are you?<|end|>\n' +
        "<|assistant|>\nI'm doing great. How can I help you today?<|end|>\n" +
        "<|user|>\nI'd like to show off how chat templating works!<|end|>\n<|endoftext|>",
    );
  });
});

describe('Gemma 2 and Gemma 3', () => {
  // Gemma 2 template: google/gemma-2-2b-it tokenizer_config.json (raises on a system message).
  // Gemma 3 template: google/gemma-3-1b-it tokenizer_config.json (folds the system message into the
  // first user turn). Format: ai.google.dev "Gemma formatting and system instructions".
  it('Gemma 2: user turn, model turn opened, <bos> from bos_token, content trimmed', async () => {
    expect(renderChat(await load('gemma-2'), [{ role: 'user', content: `  ${USER}\n` }])).toBe(
      `<bos><start_of_turn>user\n${USER}<end_of_turn>\n<start_of_turn>model\n`,
    );
  });
  it('Gemma 2: a system message is refused by the template itself (raise_exception)', async () => {
    const t = await load('gemma-2');
    const e = (() => {
      try {
        renderChat(t, ASK);
      } catch (err) {
        return err;
      }
      return null;
    })();
    expect(e).toBeInstanceOf(ChatTemplateError);
    expect((e as ChatTemplateError).raised).toBe(true);
    expect((e as Error).message).toBe('System role not supported');
  });
  it('Gemma 2: roles that do not alternate are refused', async () => {
    const t = await load('gemma-2');
    expect(() => renderChat(t, [{ role: 'assistant', content: 'Hi' }])).toThrow(
      'Conversation roles must alternate user/assistant/user/assistant/...',
    );
  });
  it('Gemma 2: multi-turn, the assistant as "model"', async () => {
    expect(renderChat(await load('gemma-2'), MULTI, { addGenerationPrompt: false })).toBe(
      '<bos><start_of_turn>user\nHello, how are you?<end_of_turn>\n' +
        "<start_of_turn>model\nI'm doing great. How can I help you today?<end_of_turn>\n" +
        "<start_of_turn>user\nI'd like to show off how chat templating works!<end_of_turn>\n",
    );
  });
  it('Gemma 3: the system message goes before the first user message', async () => {
    expect(renderChat(await load('gemma-3'), ASK)).toBe(
      `<bos><start_of_turn>user\n${SYSTEM}\n\n${USER}<end_of_turn>\n<start_of_turn>model\n`,
    );
    expect(renderChat(await load('gemma-3'), ASK_NO_SYSTEM)).toBe(
      `<bos><start_of_turn>user\n${USER}<end_of_turn>\n<start_of_turn>model\n`,
    );
  });
});

describe('SmolLM2-Instruct', () => {
  // Template: HuggingFaceTB/SmolLM2-135M-Instruct tokenizer_config.json (ChatML with its own default
  // system message). Format: the smol-course's "Chat templates" chapter.
  it('with and without a system message', async () => {
    const t = await load('smollm2-instruct');
    expect(renderChat(t, ASK)).toBe(
      `<|im_start|>system\n${SYSTEM}<|im_end|>\n<|im_start|>user\n${USER}<|im_end|>\n<|im_start|>assistant\n`,
    );
    expect(renderChat(t, ASK_NO_SYSTEM)).toBe(
      '<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n' +
        `<|im_start|>user\n${USER}<|im_end|>\n<|im_start|>assistant\n`,
    );
  });
});

describe('TinyLlama-1.1B-Chat / Zephyr', () => {
  // Template: TinyLlama/TinyLlama-1.1B-Chat-v1.0 tokenizer_config.json, the same as
  // HuggingFaceH4/zephyr-7b-beta's; its special tokens are AddedToken objects ({content: "</s>"}).
  // Targets: huggingface.js e2e test, "zephyr-7b-beta (add_generation_prompt=true/false)".
  it('huggingface.js’s target with the generation prompt', async () => {
    const messages: ChatMessage[] = [
      { role: 'system', content: 'You are a friendly chatbot who always responds in the style of a pirate' },
      { role: 'user', content: 'How many helicopters can a human eat in one sitting?' },
    ];
    expect(renderChat(await load('tinyllama-chat'), messages)).toBe(
      '<|system|>\nYou are a friendly chatbot who always responds in the style of a pirate</s>\n' +
        '<|user|>\nHow many helicopters can a human eat in one sitting?</s>\n<|assistant|>\n',
    );
  });
  it('huggingface.js’s target without it (multi-turn)', async () => {
    const messages: ChatMessage[] = [
      { role: 'system', content: 'You are a friendly chatbot who always responds in the style of a pirate' },
      ...MULTI,
    ];
    expect(renderChat(await load('tinyllama-chat'), messages, { addGenerationPrompt: false })).toBe(
      '<|system|>\nYou are a friendly chatbot who always responds in the style of a pirate</s>\n' +
        "<|user|>\nHello, how are you?</s>\n<|assistant|>\nI'm doing great. How can I help you today?</s>\n" +
        "<|user|>\nI'd like to show off how chat templating works!</s>\n",
    );
  });
});

describe('reading templates', () => {
  it('a list of named templates: "default" is taken', async () => {
    const t = await load('named-templates');
    expect(renderChat(t, ASK)).toBe(
      `<|im_start|>system\n${SYSTEM}<|im_end|>\n<|im_start|>user\n${USER}<|im_end|>\n<|im_start|>assistant\n`,
    );
  });
  it('a list without "default" is refused, naming the templates it has', async () => {
    await expect(readChatTemplate(join(DATA, 'named-no-default'))).rejects.toThrow(
      'tokenizer_config.json has several chat templates (tool_use, rag) and none named "default"',
    );
  });
  it('a template that does not parse is refused with the file named', async () => {
    await expect(readChatTemplate(join(DATA, 'broken-template'))).rejects.toThrow(
      /^the chat template in tokenizer_config.json cannot be read/,
    );
  });
  it('no template (a base model such as GPT-2) is null, and so is a missing config', async () => {
    expect(chatTemplateFrom({ eos_token: '<|endoftext|>' }, null)).toBeNull();
    expect(chatTemplateFrom({ chat_template: '   ' }, null)).toBeNull();
    expect(await readChatTemplate(join(DATA, 'no-such-model'))).toBeNull();
  });
  it('special tokens: strings and {content} objects; null ones left out, as transformers does', () => {
    expect(
      specialTokensOf({
        bos_token: { __type: 'AddedToken', content: '<s>' },
        eos_token: '</s>',
        pad_token: null,
        unk_token: { content: '<unk>' },
        additional_special_tokens: ['<|im_start|>', { content: '<|im_end|>' }],
        chat_template: 'x',
      }),
    ).toEqual({
      bos_token: '<s>',
      eos_token: '</s>',
      unk_token: '<unk>',
      additional_special_tokens: ['<|im_start|>', '<|im_end|>'],
    });
  });
});

describe('the end-of-turn token', () => {
  const vocabulary = new Set([
    '<|im_end|>',
    '<|eot_id|>',
    '<end_of_turn>',
    '<|end|>',
    '</s>',
    '<|endoftext|>',
    '<eos>',
  ]);
  const tokenId = (t: string): number | undefined => (vocabulary.has(t) ? 1 : undefined);
  for (const [name, token] of [
    ['qwen2.5-instruct', '<|im_end|>'],
    ['llama-3.2-instruct', '<|eot_id|>'],
    ['gemma-2', '<end_of_turn>'],
    ['gemma-3', '<end_of_turn>'],
    ['phi-3-mini', '<|end|>'],
    ['smollm2-instruct', '<|im_end|>'],
    ['tinyllama-chat', '</s>'],
  ] as const)
    it(`${name}: ${token}`, async () => {
      expect(endOfTurnToken(await load(name), tokenId)).toBe(token);
    });
  it('none when the tokenizer does not know it as one token', async () => {
    expect(endOfTurnToken(await load('qwen2.5-instruct'), () => undefined)).toBeNull();
  });
});

describe('Ask’s messages and strftime', () => {
  it('the instruction, a blank line and the text as the user message; a system message when given', () => {
    expect(askMessages('Shorten this.', 'Some text.', 'Be brief.')).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Shorten this.\n\nSome text.' },
    ]);
    expect(askMessages(' Write a haiku. ', '', '  ')).toEqual([{ role: 'user', content: 'Write a haiku.' }]);
  });
  it('strftime writes Python’s C-locale forms', () => {
    const d = new Date(2024, 6, 26, 15, 4, 5);
    expect(strftime(d, '%d %b %Y')).toBe('26 Jul 2024');
    expect(strftime(d, '%A %B %d, %Y %H:%M:%S %I%p %j %y %%')).toBe(
      'Friday July 26, 2024 15:04:05 03PM 208 24 %',
    );
    expect(strftime(d, '%Q stays')).toBe('%Q stays');
  });
});
