import { describe, expect, it } from 'vitest';
import { frameBatcher } from './batcher';

function manualFrames(): {
  schedule: (run: () => void) => () => void;
  tick: () => void;
  pending: () => number;
} {
  let runs: (() => void)[] = [];
  return {
    schedule: (run) => {
      runs.push(run);
      return () => {
        runs = runs.filter((r) => r !== run);
      };
    },
    tick: () => {
      const now = runs;
      runs = [];
      for (const r of now) r();
    },
    pending: () => runs.length,
  };
}

describe('frameBatcher', () => {
  it('flushes everything queued in a frame at once, one frame scheduled at a time', () => {
    const frames = manualFrames();
    const flushed: number[][] = [];
    const b = frameBatcher<number>((items) => flushed.push(items), frames.schedule);
    b.push(1);
    b.push(2);
    b.push(3);
    expect(frames.pending()).toBe(1);
    expect(flushed).toEqual([]);
    frames.tick();
    expect(flushed).toEqual([[1, 2, 3]]);
    b.push(4);
    frames.tick();
    expect(flushed).toEqual([[1, 2, 3], [4]]);
  });

  it('flushes now on request and drops on dispose', () => {
    const frames = manualFrames();
    const flushed: number[][] = [];
    const b = frameBatcher<number>((items) => flushed.push(items), frames.schedule);
    b.push(1);
    b.flush();
    expect(flushed).toEqual([[1]]);
    expect(frames.pending()).toBe(0);
    b.push(2);
    b.dispose();
    frames.tick();
    expect(flushed).toEqual([[1]]);
    b.flush();
    expect(flushed).toEqual([[1]]);
  });
});
