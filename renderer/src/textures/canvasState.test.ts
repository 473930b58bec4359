import { describe, expect, it } from 'vitest';
import { canvasState } from './canvasState';

describe('canvasState', () => {
  const base = { running: false, generationId: 'abc', failed: false, drawn: true };
  it('is ready only once the current image has been drawn', () => {
    expect(canvasState(base)).toBe('ready');
    expect(canvasState({ ...base, drawn: false })).toBe('loading');
  });
  it('reports generating while a job runs, even over a drawn image', () => {
    expect(canvasState({ ...base, running: true })).toBe('generating');
  });
  it('is empty without a generation and error when loading failed', () => {
    expect(canvasState({ ...base, generationId: null })).toBe('empty');
    expect(canvasState({ ...base, failed: true, drawn: false })).toBe('error');
  });
});
