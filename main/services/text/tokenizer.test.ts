import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/atelier';
import {
  findStop,
  fromJson,
  loadTokenizer,
  safeLength,
  StreamingDetokenizer,
  TokenizerError,
  type TextTokenizer,
} from './tokenizer';

/** The tiny GPT-2's own tokenizer: a byte-level BPE of 512 ids (256 bytes, 255 merges, <|endoftext|>). */
const TINY = join(__dirname, '../../../models/training/text/tiny/gpt2');
const VOCAB = 512;
const EOT = 511;

const SAMPLES: [string, string][] = [
  ['ASCII', 'Hello world, the quick brown fox jumps over the lazy dog.'],
  ['accents', 'naïve café, crème brûlée, Ångström, São Paulo, Łódź'],
  ['CJK', '漢字とひらがな、한국어 텍스트'],
  ['emoji with ZWJ and skin tones', 'team: 👩🏽‍🚀👨‍👩‍👧‍👦 👍🏿 🏳️‍🌈!'],
  ['RTL Arabic and Hebrew', 'مرحبا بالعالم — שלום עולם'],
  ['combining marks', 'e\u0301 a\u0308 n\u0303 Z\u0335\u0327\u0351a\u0336lgo'],
  ['tabs, newlines and runs of spaces', 'a\tb\n\nc   d\r\n  \t end  '],
  ['only whitespace', ' \n\t  '],
  ['a single space', ' '],
  ['mixed scripts and symbols', 'π ≈ 3.14159 · ∑ x² € £ ¥ — “quotes” ‘single’'],
  ['astral plane characters', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝄞 😀'],
];

let tok: TextTokenizer;
beforeAll(async () => {
  tok = await loadTokenizer(TINY);
});

describe('loadTokenizer with the tiny GPT-2 tokenizer.json', () => {
  for (const [what, text] of SAMPLES)
    it(`encode → decode gives the text back: ${what}`, () => {
      const ids = tok.encode(text);
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) {
        expect(Number.isInteger(id)).toBe(true);
        expect(id).toBeGreaterThanOrEqual(0);
        expect(id).toBeLessThan(VOCAB);
      }
      expect(tok.decode(ids)).toBe(text);
    });

  it('an empty text has no ids', () => {
    expect(tok.encode('')).toEqual([]);
    expect(tok.decode([])).toBe('');
    // A stream with no context (a prompt of only BOS) and nothing drawn yet.
    const detok = new StreamingDetokenizer(tok, []);
    expect(detok.push([])).toBe('');
    expect(detok.finish()).toBe('');
  });

  it('merges common text into fewer ids than bytes', () => {
    const text = 'the the the';
    expect(tok.encode(text).length).toBeLessThan(Buffer.byteLength(text));
  });

  it('knows its special token and leaves it out of decoded text', () => {
    expect(tok.tokenId('<|endoftext|>')).toBe(EOT);
    expect(tok.tokenId('no such token here')).toBeUndefined();
    const ids = tok.encode('hi there');
    expect(tok.decode([EOT, ...ids, EOT])).toBe('hi there');
  });

  it('every id decodes on its own (no exception)', () => {
    for (let id = 0; id < VOCAB; id++) expect(typeof tok.decode([id])).toBe('string');
  });
});

describe('StreamingDetokenizer', () => {
  /** Feeds `ids` one at a time; returns every intermediate text. */
  const stream = (ids: number[], prefix: number[] = []): { texts: string[]; detok: StreamingDetokenizer } => {
    const detok = new StreamingDetokenizer(tok, prefix);
    return { texts: ids.map((id) => detok.push([id])), detok };
  };

  for (const [what, text] of SAMPLES)
    it(`fed one id at a time only grows towards the final text: ${what}`, () => {
      const ids = tok.encode(text);
      const { texts, detok } = stream(ids);
      let before = '';
      for (const t of texts) {
        expect(t.startsWith(before)).toBe(true);
        expect(text.startsWith(t)).toBe(true);
        expect(t).not.toContain('\uFFFD');
        before = t;
      }
      expect(texts[texts.length - 1]).toBe(text);
      expect(detok.finish()).toBe(tok.decode(ids));
    });

  it('holds back the bytes of "é" until the character is complete', () => {
    const ids = tok.encode('é');
    expect(ids).toHaveLength(2);
    // The premise: the first byte alone decodes to U+FFFD.
    expect(tok.decode([ids[0]!])).toContain('\uFFFD');
    const { texts } = stream([...tok.encode('caf'), ...ids]);
    expect(texts.slice(-2)).toEqual(['caf', 'café']);
  });

  it('holds back each byte of an emoji sequence (ZWJ, skin tone) until its character is complete', () => {
    const text = '👩🏽‍🚀';
    const ids = tok.encode(text);
    expect(ids.length).toBeGreaterThanOrEqual(Buffer.byteLength(text) - 2);
    const { texts } = stream(ids);
    // Only whole code points ever appear: 👩, 👩🏽, 👩🏽‍, 👩🏽‍🚀.
    const codePointPrefixes = new Set(['', ...[...text].map((_, i, a) => a.slice(0, i + 1).join(''))]);
    for (const t of texts) {
      expect(t).not.toContain('\uFFFD');
      expect(codePointPrefixes.has(t)).toBe(true);
    }
    // And each of them does, once its last byte has arrived.
    for (const p of codePointPrefixes) if (p) expect(texts).toContain(p);
    expect(texts[texts.length - 1]).toBe(text);
  });

  it('push returns the whole text so far; batches give the same text as single ids', () => {
    const ids = tok.encode('Grüße aus Köln 🎉 and more');
    const one = new StreamingDetokenizer(tok, []);
    for (const id of ids) one.push([id]);
    const batched = new StreamingDetokenizer(tok, []);
    batched.push(ids.slice(0, 5));
    batched.push([]);
    const all = batched.push(ids.slice(5));
    expect(all).toBe(one.push([]));
    expect(all).toBe('Grüße aus Köln 🎉 and more');
  });

  it('finish() equals decoding every id, an incomplete tail as U+FFFD', () => {
    const ids = [...tok.encode('ok '), tok.encode('é')[0]!];
    const detok = new StreamingDetokenizer(tok, []);
    expect(detok.push(ids)).toBe('ok ');
    expect(detok.finish()).toBe(tok.decode(ids));
    expect(detok.finish().endsWith('\uFFFD')).toBe(true);
  });

  it('decodes after the prompt context: a leading space is kept, the context is not repeated', () => {
    const prompt = tok.encode('Once upon');
    const { texts, detok } = stream(tok.encode(' a time'), prompt.slice(-4));
    expect(texts[texts.length - 1]).toBe(' a time');
    expect(detok.finish()).toBe(' a time');
  });

  it('a context whose first ids split a character (the prompt tail) still gives only the continuation', () => {
    const prompt = tok.encode('naïve café');
    const context = prompt.slice(-4);
    // The premise: the context starts inside "é"'s bytes or right after, in any case it decodes alone.
    expect(typeof tok.decode(context)).toBe('string');
    const { texts } = stream(tok.encode(' au lait'), context);
    expect(texts[texts.length - 1]).toBe(' au lait');
    for (const t of texts) expect(t).not.toContain('\uFFFD');
  });

  it('long continuations (settled every 64 ids) stream exactly, multi-byte characters across the boundaries', () => {
    const text = SAMPLES.map(([, t]) => t)
      .join(' · ')
      .repeat(6);
    const ids = tok.encode(text);
    expect(ids.length).toBeGreaterThan(300);
    const d = new StreamingDetokenizer(tok, tok.encode('Prompt:'));
    let last = '';
    for (const id of ids) {
      const now = d.push([id]);
      expect(now.startsWith(last)).toBe(true);
      expect(now.includes('\uFFFD')).toBe(false);
      last = now;
    }
    expect(last).toBe(text);
    expect(d.finish()).toBe(text);
  });

  it('EOS and other special ids add no text', () => {
    const detok = new StreamingDetokenizer(tok, []);
    expect(detok.push(tok.encode('end'))).toBe('end');
    expect(detok.push([EOT])).toBe('end');
    expect(detok.finish()).toBe('end');
  });
});

describe('safeLength', () => {
  it('holds back a tail that could start a stop sequence', () => {
    expect(safeLength('abc\n', ['\n\n'])).toBe(3);
    expect(safeLength('a##', ['###'])).toBe(1);
    expect(safeLength('a#', ['###'])).toBe(1);
    expect(safeLength('abc', ['abcdef'])).toBe(0);
  });

  it('holds back nothing when no tail is a prefix of a stop', () => {
    expect(safeLength('abc', ['\n\n'])).toBe(3);
    expect(safeLength('a\nb', ['\n\n'])).toBe(3);
    expect(safeLength('xb', ['ab'])).toBe(2);
    expect(safeLength('anything', [])).toBe(8);
    expect(safeLength('', ['\n\n'])).toBe(0);
  });

  it('an empty stop sequence holds nothing', () => {
    expect(safeLength('abc', [''])).toBe(3);
  });

  it('with several stops, holds the longest possible start', () => {
    expect(safeLength('xx\nEN', ['END', '\n\n'])).toBe(3);
    expect(safeLength('xx\nE', ['\n\n', 'END'])).toBe(3);
    expect(safeLength('xx\n', ['END', '\n\n'])).toBe(2);
    expect(safeLength('User', ['\nUser:', 'Us'])).toBe(4);
    expect(safeLength('the U', ['\nUser:', 'User:'])).toBe(4);
  });

  it('holds the longest matching prefix, not the first found', () => {
    // "aa" is a prefix of "aab": both "a" and "aa" match the tail; "aa" must be held.
    expect(safeLength('xaa', ['aab'])).toBe(1);
  });
});

describe('findStop', () => {
  it('finds where a stop sequence starts, or -1', () => {
    expect(findStop('one\n\ntwo', ['\n\n'])).toBe(3);
    expect(findStop('one\ntwo', ['\n\n'])).toBe(-1);
    expect(findStop('', ['x'])).toBe(-1);
    expect(findStop('anything', [])).toBe(-1);
    expect(findStop('END at once', ['END'])).toBe(0);
  });

  it('finds the earliest of several, whatever their order', () => {
    const text = 'a END b\n\nc ###';
    expect(findStop(text, ['\n\n', 'END', '###'])).toBe(2);
    expect(findStop(text, ['###', '\n\n'])).toBe(7);
    expect(findStop(text, ['###', 'nothing'])).toBe(11);
  });

  it('finds the first occurrence of a repeated stop', () => {
    expect(findStop('x;;y;;', [';;'])).toBe(1);
  });
});

describe('loadTokenizer errors', () => {
  const dir = tempDir('atelier-tokenizer-');
  afterAll(() => dir.remove());
  let n = 0;
  const folder = (files: Record<string, string>): string => {
    const path = join(dir.path, `t${n++}`);
    mkdirSync(path);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(path, name), text);
    return path;
  };
  const rejects = async (path: string, message: RegExp | string, file?: string): Promise<void> => {
    const p = loadTokenizer(path, file);
    await expect(p).rejects.toBeInstanceOf(TokenizerError);
    await expect(p).rejects.toThrow(message);
  };

  it('a missing tokenizer.json', async () => {
    await rejects(folder({}), /^tokenizer\.json is missing$/);
    await rejects(join(dir.path, 'no-such-folder'), /^tokenizer\.json is missing$/);
    await rejects(folder({ 'tokenizer.json': '{}' }), /^other\.json is missing$/, 'other.json');
  });

  it('invalid JSON', async () => {
    await rejects(folder({ 'tokenizer.json': '{ "model": ' }), /^tokenizer\.json is not valid JSON \(/);
    await rejects(folder({ 'tokenizer.json': '' }), /is not valid JSON/);
  });

  it('JSON without a model or a vocabulary', async () => {
    const none = /^tokenizer\.json has no tokenizer model with a vocabulary$/;
    await rejects(folder({ 'tokenizer.json': '{}' }), none);
    await rejects(folder({ 'tokenizer.json': 'null' }), none);
    await rejects(folder({ 'tokenizer.json': '[]' }), none);
    await rejects(folder({ 'tokenizer.json': '42' }), none);
    await rejects(folder({ 'tokenizer.json': '{"model": "BPE"}' }), none);
    await rejects(folder({ 'tokenizer.json': '{"model": {"type": "BPE"}}' }), none);
  });

  it('a vocabulary the library cannot load', () => {
    expect(() => fromJson({ model: { type: 'BPE', vocab: { a: 0 } } }, {})).toThrow(TokenizerError);
    expect(() => fromJson({ model: { type: 'BPE', vocab: { a: 0 } } }, {})).toThrow(/could not be loaded/);
  });

  it('tokenizer_config.json is optional, and an unreadable one is ignored', async () => {
    const bare = folder({});
    copyFileSync(join(TINY, 'tokenizer.json'), join(bare, 'tokenizer.json'));
    const a = await loadTokenizer(bare);
    expect(a.decode(a.encode('same text'))).toBe('same text');
    const broken = folder({ 'tokenizer_config.json': '{ nope' });
    copyFileSync(join(TINY, 'tokenizer.json'), join(broken, 'tokenizer.json'));
    const b = await loadTokenizer(broken);
    expect(b.encode('same text')).toEqual(a.encode('same text'));
  });
});
