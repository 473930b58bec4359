/** Ask's placement and checks, and what `text.save` gets for an accepted answer. */
import { describe, expect, it } from 'vitest';
import type { TextSampling } from '../../../preload/contract';
import { answerSeparator, askAnchor, askedText, askTarget, ASK_PRESETS, checkAsk, placeAnswer } from './ask';
import type { Alternative } from './continuation';
import { saveInput } from './saved';

const TEXT = 'First line.\nThe cat sat on the mat. The end.';
const start = TEXT.indexOf('The cat');
const end = TEXT.indexOf(' The end');

describe('askTarget', () => {
  it('the selection, in either direction, clamped to the text', () => {
    const t = askTarget(TEXT, { start: end, end: start }, '  Shorten this. ', ' ');
    expect(t).toMatchObject({ start, end, selected: true, instruction: 'Shorten this.', system: '' });
    expect(askedText(t)).toBe('The cat sat on the mat.');
    expect(askTarget('abc', { start: 1, end: 99 }, 'x', '').end).toBe(3);
  });
  it('nothing selected: the whole text', () => {
    const t = askTarget(TEXT, { start: 5, end: 5 }, 'Rewrite.', '');
    expect(t).toMatchObject({ start: 0, end: TEXT.length, selected: false });
    expect(askedText(t)).toBe(TEXT);
  });
});

describe('where the answer goes', () => {
  const t = askTarget(TEXT, { start, end }, 'Shorten this.', '');
  it('shows after the asked text, on a paragraph of its own', () => {
    expect(askAnchor(t)).toEqual({ before: `${TEXT.slice(0, end)}\n\n`, after: '\n\nThe end.' });
    const atLineEnd = askTarget('One.\nTwo.', { start: 0, end: 4 }, 'x', '');
    expect(askAnchor(atLineEnd)).toEqual({ before: 'One.\n\n', after: '\nTwo.' });
    expect(answerSeparator('')).toBe('');
    expect(answerSeparator('a\n')).toBe('\n');
    expect(answerSeparator('a\n\n')).toBe('');
  });
  it('Accept puts it there; Replace selection in place of the selection; the cursor after it', () => {
    expect(placeAnswer(t, 'A cat sat.', false)).toEqual({
      text: `${TEXT.slice(0, end)}\n\nA cat sat.\n\nThe end.`,
      cursor: end + 2 + 'A cat sat.'.length,
    });
    expect(placeAnswer(t, 'A cat sat.', true)).toEqual({
      text: 'First line.\nA cat sat. The end.',
      cursor: start + 'A cat sat.'.length,
    });
  });
  it('Replace with nothing selected replaces the whole text', () => {
    const whole = askTarget(TEXT, { start: 0, end: 0 }, 'Rewrite.', '');
    expect(placeAnswer(whole, 'New.', true)).toEqual({ text: 'New.', cursor: 4 });
  });
});

describe('checkAsk', () => {
  it('an instruction is needed, each within its limit; the field is named', () => {
    expect(checkAsk('  ', '')).toMatchObject({ ok: false, field: 'instruction' });
    expect(checkAsk('x'.repeat(20_000), '')).toMatchObject({ ok: false, field: 'instruction' });
    expect(checkAsk('Shorten.', 'x'.repeat(20_000))).toMatchObject({ ok: false, field: 'system' });
    expect(checkAsk('Shorten.', '')).toEqual({ ok: true });
  });
  it('every preset passes and has its own id', () => {
    for (const p of ASK_PRESETS) expect(checkAsk(p.instruction, '')).toEqual({ ok: true });
    expect(new Set(ASK_PRESETS.map((p) => p.id)).size).toBe(ASK_PRESETS.length);
    expect(ASK_PRESETS.map((p) => p.id)).toEqual(['rewrite', 'shorten', 'continue-style', 'fix-grammar']);
  });
});

describe('saveInput', () => {
  const sampling: TextSampling = {
    seed: 4,
    temperature: 0.8,
    topK: 50,
    topP: 0.95,
    repetitionPenalty: 1.1,
    maxTokens: 40,
    stop: [],
  };
  const alt = (ask: Alternative['ask']): Alternative => ({
    jobId: 'j',
    sampling,
    preset: undefined,
    model: 'm',
    text: 'A cat sat.',
    status: 'done',
    tokens: 5,
    tokensPerSecond: 10,
    firstTokenMs: 20,
    elapsedMs: 500,
    stopReason: 'eos',
    result: null,
    ask,
  });
  it('an Ask answer: the instruction, the system message, the selection, and the text around it', () => {
    const t = askTarget(TEXT, { start, end }, 'Shorten this.', 'Be brief.');
    expect(saveInput(alt(t), askAnchor(t), true)).toMatchObject({
      mode: 'ask',
      prompt: 'First line.\n',
      after: ' The end.',
      text: 'A cat sat.',
      instruction: 'Shorten this.',
      system: 'Be brief.',
      selection: 'The cat sat on the mat.',
    });
    expect(saveInput(alt(t), askAnchor(t), false)).toMatchObject({
      prompt: `${TEXT.slice(0, end)}\n\n`,
      after: '\n\nThe end.',
    });
  });
  it('a continuation: no Ask fields', () => {
    const s = saveInput(alt(null), { before: 'Once', after: '' }, false);
    expect(s).toMatchObject({ prompt: 'Once', after: '', text: 'A cat sat.' });
    expect(s).not.toHaveProperty('mode');
    expect(s).not.toHaveProperty('instruction');
  });
});
