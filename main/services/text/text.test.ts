/** The prompt's tail, encoded without encoding a long draft whole (the real tiny GPT-2 tokenizer.json). */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { promptTail } from './text';
import { loadTokenizer, type TextTokenizer } from './tokenizer';

let tok: TextTokenizer;
beforeAll(async () => {
  tok = await loadTokenizer(join(__dirname, '../../../models/training/text/tiny/gpt2'));
});

describe('promptTail', () => {
  it('a short prompt is encoded whole, nothing left out', () => {
    expect(promptTail(tok, 'Hello, world', 100)).toEqual({ ids: tok.encode('Hello, world'), truncated: 0 });
  });

  it('a long draft gives exactly the last ids of the whole encoding, and about how many were left out', () => {
    const draft =
      'Because I could not stop for Death, he kindly stopped for me; the carriage held but just ourselves. '.repeat(
        400,
      );
    const whole = tok.encode(draft);
    const calls: number[] = [];
    const counting = { encode: (t: string) => (calls.push(t.length), tok.encode(t)) };
    const { ids, truncated } = promptTail(counting, draft, 120);
    expect(ids).toEqual(whole.slice(-120));
    expect(Math.abs(truncated - (whole.length - 120)) / (whole.length - 120)).toBeLessThan(0.02);
    expect(Math.max(...calls)).toBeLessThan(draft.length / 10);
  });

  it('text without spaces still gives the last ids', () => {
    const draft = '春眠不覚暁処処聞啼鳥'.repeat(2000);
    expect(promptTail(tok, draft, 64).ids).toEqual(tok.encode(draft).slice(-64));
  });
});
