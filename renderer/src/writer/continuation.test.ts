import { describe, expect, it } from 'vitest';
import type { TextResult, TextSampling } from '../../../preload/contract';
import {
  accepted,
  anchorAt,
  continuationReducer as reduce,
  formatStats,
  INITIAL,
  phaseOf,
  requestTexts,
  shown,
  stopLabel,
  type ContinuationAction,
  type ContinuationState,
} from './continuation';

const sampling: TextSampling = {
  seed: 1,
  temperature: 0.8,
  topK: 50,
  topP: 0.95,
  repetitionPenalty: 1.1,
  maxTokens: 20,
  stop: [],
};
const anchor = { before: 'Once upon', after: ' the end.' };
const start = (jobId: string, a = anchor): ContinuationAction => ({
  type: 'start',
  jobId,
  anchor: a,
  sampling,
  preset: undefined,
  model: 'text',
});
const ev = (jobId: string, delta: string, tokens: number) => ({
  jobId,
  delta,
  tokens,
  elapsedMs: tokens * 10,
  tokensPerSecond: 100,
  firstTokenMs: 5,
});
const result = (text: string, stopReason: TextResult['stopReason'] = 'max-tokens'): TextResult => ({
  text,
  stopReason,
  tokens: 3,
  promptTokens: 4,
  truncatedTokens: 0,
  firstTokenMs: 5,
  durationMs: 30,
  tokensPerSecond: 100,
  model: 'text',
  modelSha256: 'abc',
  provider: 'cpu',
  seed: 1,
  sampling: {},
});
const run = (...actions: ContinuationAction[]): ContinuationState => actions.reduce(reduce, INITIAL);

describe('continuations', () => {
  it('stream in, then finish with main’s text and stop reason', () => {
    let s = run(start('job-a-0001'));
    expect(phaseOf(s)).toBe('streaming');
    s = reduce(s, { type: 'stream', events: [ev('job-a-0001', ' a', 1), ev('job-a-0001', ' time', 2)] });
    expect(shown(s)).toMatchObject({ text: ' a time', tokens: 2, status: 'streaming' });
    s = reduce(s, { type: 'finish', jobId: 'job-a-0001', result: result(' a time,', 'stopped') });
    expect(phaseOf(s)).toBe('pending');
    expect(shown(s)).toMatchObject({ text: ' a time,', status: 'done', stopReason: 'stopped', tokens: 3 });
  });

  it('ignore stream events of other or finished jobs', () => {
    let s = run(start('job-a-0001'), { type: 'finish', jobId: 'job-a-0001', result: result('x') });
    s = reduce(s, { type: 'stream', events: [ev('job-a-0001', 'late', 9), ev('job-z-0001', 'other', 1)] });
    expect(shown(s)?.text).toBe('x');
  });

  it('keep every alternative made at the same place, and flip between them', () => {
    let s = run(
      start('job-a-0001'),
      { type: 'finish', jobId: 'job-a-0001', result: result('one') },
      start('job-b-0001'),
    );
    expect(s.session?.alternatives).toHaveLength(2);
    expect(s.session?.index).toBe(1);
    // No flipping while one streams.
    expect(reduce(s, { type: 'flip', by: 1 }).session?.index).toBe(1);
    s = reduce(s, { type: 'finish', jobId: 'job-b-0001', result: result('two') });
    s = reduce(s, { type: 'flip', by: 1 });
    expect(shown(s)?.text).toBe('one');
    s = reduce(s, { type: 'flip', by: -1 });
    expect(shown(s)?.text).toBe('two');
  });

  it('start over at another place', () => {
    const s = run(
      start('job-a-0001'),
      { type: 'finish', jobId: 'job-a-0001', result: result('one') },
      start('job-b-0001', { before: 'Other', after: '' }),
    );
    expect(s.session?.alternatives.map((a) => a.jobId)).toEqual(['job-b-0001']);
  });

  it('drop a failed run and show its error, keeping earlier alternatives', () => {
    const error = { code: 'inference-failed' as const, message: 'The model failed.' };
    let s = run(start('job-a-0001'), { type: 'fail', jobId: 'job-a-0001', error });
    expect(s.session).toBeNull();
    expect(phaseOf(s)).toBe('error');
    s = run(
      start('job-a-0001'),
      { type: 'finish', jobId: 'job-a-0001', result: result('one') },
      start('job-b-0001'),
      { type: 'fail', jobId: 'job-b-0001', error },
    );
    expect(shown(s)?.text).toBe('one');
    expect(s.error).toEqual(error);
    expect(phaseOf(s)).toBe('error');
  });

  it('keep the streamed text of a run cancelled before main answered', () => {
    const cancelled = { code: 'cancelled' as const, message: 'Stopped.' };
    let s = run(start('job-a-0001'), { type: 'stream', events: [ev('job-a-0001', 'so', 1)] });
    s = reduce(s, { type: 'fail', jobId: 'job-a-0001', error: cancelled });
    expect(shown(s)).toMatchObject({ text: 'so', status: 'done', stopReason: 'stopped' });
    expect(s.error).toBeNull();
    expect(run(start('job-a-0001'), { type: 'fail', jobId: 'job-a-0001', error: cancelled })).toEqual(
      INITIAL,
    );
  });

  it('close on accept or reject', () => {
    expect(run(start('job-a-0001'), { type: 'close' })).toEqual(INITIAL);
  });
});

describe('continuation text', () => {
  it('splits the draft at the cursor and inserts the accepted text there', () => {
    const a = anchorAt('Hello world', 5);
    expect(a).toEqual({ before: 'Hello', after: ' world' });
    expect(anchorAt('abc', 99)).toEqual({ before: 'abc', after: '' });
    expect(accepted(a, ', dear')).toEqual({ text: 'Hello, dear world', cursor: 11 });
  });

  it('keeps the prompt’s tail and the after text’s head within a call', () => {
    const big = 'x'.repeat(300_000);
    const r = requestTexts({ before: `head${big}`, after: `${big}tail` });
    expect(r.prompt.length).toBe(262_144);
    expect(r.prompt.endsWith('x')).toBe(true);
    expect(r.after.startsWith('x')).toBe(true);
    expect(r.after.length).toBe(262_144);
  });

  it('labels stop reasons and stats', () => {
    expect(stopLabel('max-tokens')).toBe('max tokens reached');
    expect(stopLabel('eos')).toBe('the model ended the text');
    expect(stopLabel(null)).toBe('');
    expect(formatStats({ tokens: 0, tokensPerSecond: 0, firstTokenMs: 0 })).toBe('0 tokens');
    expect(formatStats({ tokens: 12, tokensPerSecond: 31.26, firstTokenMs: 80.4 })).toBe(
      '12 tokens · 31.3 tok/s · first token 80 ms',
    );
  });
});
