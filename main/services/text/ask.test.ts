/**
 * Ask's prompt on the engine's side, with the real tiny ChatML tokenizer (./testdata/tiny-chatml)
 * and published templates: what a template's refusal becomes (the field named), the length check,
 * and the chat model read from a folder.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AtelierError } from '../../../preload/contract';
import { askPrompt, chatInfo, loadChatModel, NO_TEMPLATE, type ChatModel } from './ask';
import { loadTokenizer, type TextTokenizer } from './tokenizer';

const DATA = join(__dirname, 'testdata');
let tok: TextTokenizer;
let chatml: ChatModel;
beforeAll(async () => {
  tok = await loadTokenizer(join(DATA, 'tiny-chatml'));
  chatml = await loadChatModel(join(DATA, 'tiny-chatml'), tok);
});

function refusal(f: () => unknown): AtelierError {
  try {
    f();
  } catch (e) {
    if (e instanceof AtelierError) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('loadChatModel', () => {
  it('the tiny ChatML model: its template and <|im_end|> as the end of a turn', () => {
    expect(chatInfo(chatml)).toEqual({
      chat: true,
      reason: null,
      source: 'tokenizer_config.json',
      endOfTurn: '<|im_end|>',
    });
    expect(chatml.endOfTurnId).toBe(tok.tokenId('<|im_end|>'));
  });
  it('no template, and a template that does not read: a reason, never a throw', async () => {
    const none = await loadChatModel(join(DATA, 'no-such-folder'), tok);
    expect(chatInfo(none)).toEqual({ chat: false, reason: NO_TEMPLATE, source: null, endOfTurn: null });
    const broken = await loadChatModel(join(DATA, 'chat', 'broken-template'), tok);
    expect(broken.template).toBeNull();
    expect(broken.reason).toMatch(
      /^This model’s chat template cannot be used \(the chat template in tokenizer_config.json cannot be read/,
    );
  });
});

describe('askPrompt', () => {
  it('renders and encodes without adding special tokens', () => {
    const p = askPrompt(chatml, tok, { prompt: 'Hi there.', instruction: 'Shorten this.' }, 100);
    expect(p.text).toBe('<|im_start|>user\nShorten this.\n\nHi there.<|im_end|>\n<|im_start|>assistant\n');
    expect(p.ids).toEqual(tok.encode(p.text, { special: false }));
  });
  it('a template that refuses a system message names the system field', async () => {
    const gemma = await loadChatModel(join(DATA, 'chat', 'gemma-2'), tok);
    const e = refusal(() =>
      askPrompt(gemma, tok, { prompt: 'x', instruction: 'Shorten this.', system: 'Be brief.' }, 100),
    );
    expect(e.field).toBe('system');
    expect(e.message).toBe(
      'This model’s chat template refuses a system message (“System role not supported”): leave it empty.',
    );
    // Without one it renders.
    expect(askPrompt(gemma, tok, { prompt: 'x', instruction: 'Shorten this.' }, 100).text).toBe(
      '<bos><start_of_turn>user\nShorten this.\n\nx<end_of_turn>\n<start_of_turn>model\n',
    );
  });
  it('no template: refused on the model field with the reason', () => {
    const e = refusal(() =>
      askPrompt(
        { template: null, reason: NO_TEMPLATE, endOfTurn: null, endOfTurnId: null },
        tok,
        { prompt: 'x', instruction: 'y' },
        100,
      ),
    );
    expect(e).toMatchObject({ code: 'invalid-input', field: 'model', message: NO_TEMPLATE });
  });
  it('too long for the room: the text (or, on an empty page, the instruction) is named', () => {
    expect(
      refusal(() => askPrompt(chatml, tok, { prompt: 'word '.repeat(50), instruction: 'Shorten.' }, 20))
        .field,
    ).toBe('prompt');
    expect(
      refusal(() => askPrompt(chatml, tok, { prompt: '', instruction: 'word '.repeat(50) }, 20)).field,
    ).toBe('instruction');
  });
});
