import { describe, expect, it } from 'vitest';
import { metronomeClicks, metronomeRepeats } from './metronome';

describe('the metronome in the clip’s meter', () => {
  it('clicks the counted beats of each bar, the first accented', () => {
    expect(metronomeClicks([4, 4])).toEqual([
      { beat: 0, accent: true },
      { beat: 1, accent: false },
      { beat: 2, accent: false },
      { beat: 3, accent: false },
    ]);
    expect(metronomeClicks([3, 4]).map((c) => c.beat)).toEqual([0, 1, 2]);
    expect(metronomeClicks([6, 8]).map((c) => c.beat)).toEqual([0, 1.5]);
    expect(metronomeClicks([9, 8]).map((c) => c.beat)).toEqual([0, 1.5, 3]);
    expect(metronomeClicks([2, 2]).map((c) => c.beat)).toEqual([0, 2]);
    for (const m of [
      [3, 4],
      [6, 8],
      [9, 8],
      [12, 8],
    ] as const)
      expect(metronomeClicks(m).filter((c) => c.accent)).toEqual([{ beat: 0, accent: true }]);
  });

  it('repeats each click once a bar on the Transport, in ticks', () => {
    expect(metronomeRepeats([6, 8], 192)).toEqual([
      { accent: true, start: '0i', interval: '576i' },
      { accent: false, start: '288i', interval: '576i' },
    ]);
    const waltz = metronomeRepeats([3, 4], 192);
    expect(waltz.map((r) => r.start)).toEqual(['0i', '192i', '384i']);
    expect(new Set(waltz.map((r) => r.interval))).toEqual(new Set(['576i']));
    expect(metronomeRepeats([9, 8], 192).map((r) => r.interval)).toEqual(['864i', '864i', '864i']);
  });
});
