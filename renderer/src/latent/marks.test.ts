import { describe, expect, it } from 'vitest';
import { createLatentMarks, type PerfLike } from './marks';

function fakePerf() {
  const marks = new Map<string, number>();
  const measures: [string, string][] = [];
  let now = 0;
  const perf: PerfLike & { marks: typeof marks; measures: typeof measures; counts: Map<string, number> } = {
    marks,
    measures,
    counts: new Map(),
    mark(name: string) {
      now++;
      marks.set(name, now);
      perf.counts.set(name, (perf.counts.get(name) ?? 0) + 1);
      return undefined as unknown as PerformanceMark;
    },
    measure(name: string, start?: string | PerformanceMeasureOptions) {
      if (typeof start !== 'string' || !marks.has(start)) throw new Error('no such mark');
      measures.push([name, start]);
      return undefined as unknown as PerformanceMeasure;
    },
    clearMarks(name?: string) {
      if (name === undefined) marks.clear();
      else marks.delete(name);
    },
    clearMeasures() {
      measures.length = 0;
    },
  };
  return perf;
}

describe('latent marks', () => {
  it('marks pointer moves with increasing sequence numbers', () => {
    const perf = fakePerf();
    const m = createLatentMarks(perf);
    expect(m.pointer()).toBe(1);
    expect(m.pointer()).toBe(2);
    expect(perf.marks.has('latent-pointer-1')).toBe(true);
    expect(perf.marks.has('latent-pointer-2')).toBe(true);
    expect(m.lastSeq).toBe(2);
  });

  it('marks every paint and measures from the included pointer move', () => {
    const perf = fakePerf();
    const m = createLatentMarks(perf);
    m.pointer();
    const s = m.pointer();
    m.painted(s);
    m.painted(null);
    expect(perf.counts.get('latent-paint')).toBe(2);
    expect(perf.measures).toEqual([['latent-pointer-to-paint', 'latent-pointer-2']]);
  });

  it('keeps only the last `keep` pointer marks (pruned in chunks)', () => {
    const perf = fakePerf();
    const m = createLatentMarks(perf, 100);
    for (let i = 0; i < 1000; i++) m.pointer();
    const pointerMarks = [...perf.marks.keys()].filter((k) => k.startsWith('latent-pointer-'));
    expect(pointerMarks.length).toBeGreaterThanOrEqual(100);
    expect(pointerMarks.length).toBeLessThanOrEqual(110);
    expect(perf.marks.has('latent-pointer-1000')).toBe(true);
    expect(perf.marks.has('latent-pointer-901')).toBe(true);
    expect(perf.marks.has('latent-pointer-1')).toBe(false);
    // A paint for a pruned move marks but does not measure (and does not throw).
    m.painted(5);
    expect(perf.measures).toEqual([]);
  });

  it('clears paint marks and measures in bulk once they pile up', () => {
    const perf = fakePerf();
    const m = createLatentMarks(perf, 10);
    const s = m.pointer();
    for (let i = 0; i < 45; i++) m.painted(s);
    expect(perf.measures.length).toBeLessThanOrEqual(40);
    expect(perf.measures.length).toBeGreaterThan(0);
  });

  it('survives a start mark that was cleared elsewhere', () => {
    const perf = fakePerf();
    const m = createLatentMarks(perf);
    const s = m.pointer();
    perf.clearMarks();
    expect(() => m.painted(s)).not.toThrow();
  });
});
