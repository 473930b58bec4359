import { describe, expect, it } from 'vitest';
import { AtelierError } from '../../../preload/contract';
import { fieldTarget, isStopped, toErrorInfo } from './errors';

describe('toErrorInfo', () => {
  it('keeps an AtelierError as it is', () => {
    const e = new AtelierError({
      code: 'invalid-input',
      message: 'Size must be at least 256 px.',
      field: 'params.size',
    });
    expect(toErrorInfo(e)).toEqual({
      code: 'invalid-input',
      message: 'Size must be at least 256 px.',
      field: 'params.size',
    });
  });

  it('reads plain objects crossing a boundary (structured clone drops the class)', () => {
    expect(toErrorInfo({ code: 'not-found', message: 'Gone.' })).toEqual({
      code: 'not-found',
      message: 'Gone.',
    });
    expect(toErrorInfo({ code: 'bogus', message: 'x', field: '' })).toEqual({
      code: 'internal',
      message: 'x',
    });
  });

  it('gives a sentence for anything else', () => {
    expect(toErrorInfo(new Error('boom'))).toEqual({ code: 'internal', message: 'boom' });
    expect(toErrorInfo(undefined).message).toBe('Something went wrong.');
    expect(toErrorInfo('plain').message).toBe('plain');
  });
});

describe('isStopped', () => {
  it('is true only for cancelled and superseded jobs', () => {
    expect(isStopped(new AtelierError({ code: 'cancelled', message: 'c' }))).toBe(true);
    expect(isStopped({ code: 'superseded', message: 's' })).toBe(true);
    expect(isStopped(new AtelierError({ code: 'inference-failed', message: 'f' }))).toBe(false);
    expect(isStopped(new Error('x'))).toBe(false);
  });
});

describe('fieldTarget', () => {
  it('maps field paths to controls', () => {
    expect(fieldTarget('params.size')).toBe('size');
    expect(fieldTarget('params.blend.amount')).toBe('blend');
    expect(fieldTarget('jobId')).toBe('jobId');
    expect(fieldTarget(undefined)).toBeNull();
  });
});
