/** The download's pace over a sliding window, and progress let through about four times a second. */
import { describe, expect, it } from 'vitest';
import { RateMeter, Throttle } from './progress';

describe('RateMeter', () => {
  it('answers the bytes per second of the last window, so a stall shows at once', () => {
    let t = 0;
    const m = new RateMeter(1000, () => t);
    expect(m.rate()).toBe(0);
    for (; t < 1000; t += 100) m.add(100_000);
    expect(m.rate()).toBeGreaterThan(900_000);
    expect(m.rate()).toBeLessThan(1_200_000);
    t += 2000;
    expect(m.rate()).toBe(0);
  });

  it('starts again from nothing after reset', () => {
    let t = 0;
    const m = new RateMeter(1000, () => t);
    m.add(5_000_000);
    t = 500;
    m.reset();
    expect(m.rate()).toBe(0);
  });
});

describe('Throttle', () => {
  it('lets progress through every 250 ms and state changes always', () => {
    let t = 0;
    const th = new Throttle(250, () => t);
    const let_ = [] as number[];
    for (; t <= 1000; t += 50) if (th.ready()) let_.push(t);
    expect(let_).toEqual([0, 250, 500, 750, 1000]);
    t = 1010;
    expect(th.ready()).toBe(false);
    expect(th.ready(true)).toBe(true);
    t = 1100;
    expect(th.ready()).toBe(false);
  });
});
