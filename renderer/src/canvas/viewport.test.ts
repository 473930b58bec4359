import { describe, expect, it } from 'vitest';
import {
  MAX_SCALE,
  MIN_SCALE,
  centreAt,
  clampScale,
  fitView,
  formatZoom,
  panBy,
  toContent,
  toScreen,
  wheelScale,
  zoomAt,
  zoomByWheel,
  zoomStep,
} from './viewport';

const close = (a: number, b: number): void => expect(a).toBeCloseTo(b, 9);

describe('zoomAt', () => {
  it('keeps the content point under the anchor fixed', () => {
    const view = { scale: 1.5, x: 40, y: -20 };
    const anchor = { x: 310, y: 125 };
    const before = toContent(view, anchor);
    const next = zoomAt(view, anchor, 4);
    expect(next.scale).toBe(4);
    const after = toContent(next, anchor);
    close(after.x, before.x);
    close(after.y, before.y);
  });

  it('zooming at the origin of an identity view does not translate', () => {
    expect(zoomAt({ scale: 1, x: 0, y: 0 }, { x: 0, y: 0 }, 2)).toEqual({ scale: 2, x: 0, y: 0 });
  });

  it('zooming at a point doubles distances from it', () => {
    // content (0,0) at screen (0,0); zoom x2 around (100,100): content 0 moves to -100.
    expect(zoomAt({ scale: 1, x: 0, y: 0 }, { x: 100, y: 100 }, 2)).toEqual({ scale: 2, x: -100, y: -100 });
  });

  it('clamps the scale', () => {
    expect(zoomAt({ scale: 1, x: 0, y: 0 }, { x: 0, y: 0 }, 1e6).scale).toBe(MAX_SCALE);
    expect(zoomAt({ scale: 1, x: 0, y: 0 }, { x: 0, y: 0 }, 0).scale).toBe(MIN_SCALE);
  });

  it('toScreen inverts toContent', () => {
    const view = { scale: 0.3, x: 12, y: 99 };
    const p = toScreen(view, toContent(view, { x: 7, y: -3 }));
    close(p.x, 7);
    close(p.y, -3);
  });
});

describe('wheel zoom', () => {
  it('scrolling up (negative delta) zooms in, down zooms out', () => {
    expect(wheelScale(1, -100)).toBeGreaterThan(1);
    expect(wheelScale(1, 100)).toBeLessThan(1);
    expect(wheelScale(1, 0)).toBe(1);
  });

  it('is symmetric: in then out returns to the start', () => {
    close(wheelScale(wheelScale(2, -120), 120), 2);
  });

  it('treats line deltas as larger than pixel deltas', () => {
    expect(wheelScale(1, -3, 1)).toBeGreaterThan(wheelScale(1, -3, 0));
  });

  it('zoomByWheel anchors at the pointer', () => {
    const view = { scale: 1, x: 10, y: 10 };
    const pointer = { x: 200, y: 150 };
    const next = zoomByWheel(view, pointer, -100);
    const a = toContent(view, pointer);
    const b = toContent(next, pointer);
    close(a.x, b.x);
    close(a.y, b.y);
  });
});

describe('fitView', () => {
  it('fits a square into a landscape viewport, centred, with padding', () => {
    const v = fitView({ width: 1000, height: 600 }, { width: 1024, height: 1024 }, 20);
    close(v.scale, 560 / 1024);
    close(v.y, 20);
    close(v.x, (1000 - 560) / 2);
  });

  it('fits a wide content by width', () => {
    const v = fitView({ width: 500, height: 500 }, { width: 2000, height: 500 }, 0);
    close(v.scale, 0.25);
    close(v.x, 0);
    close(v.y, (500 - 125) / 2);
  });

  it('does not enlarge beyond the max fit scale', () => {
    const v = fitView({ width: 4000, height: 4000 }, { width: 10, height: 10 }, 0, 8);
    expect(v.scale).toBe(8);
    close(v.x, (4000 - 80) / 2);
  });

  it('returns identity for empty sizes', () => {
    expect(fitView({ width: 0, height: 100 }, { width: 10, height: 10 })).toEqual({ scale: 1, x: 0, y: 0 });
    expect(fitView({ width: 100, height: 100 }, { width: 0, height: 10 })).toEqual({ scale: 1, x: 0, y: 0 });
  });

  it('centreAt centres at the given scale', () => {
    expect(centreAt({ width: 800, height: 600 }, { width: 256, height: 256 }, 1)).toEqual({
      scale: 1,
      x: 272,
      y: 172,
    });
  });
});

describe('steps, pan, readout', () => {
  it('zoomStep in then out restores the view', () => {
    const vp = { width: 800, height: 600 };
    const v = { scale: 0.7, x: 33, y: -12 };
    const back = zoomStep(zoomStep(v, vp, 1), vp, -1);
    close(back.scale, v.scale);
    close(back.x, v.x);
    close(back.y, v.y);
  });

  it('panBy translates only', () => {
    expect(panBy({ scale: 2, x: 1, y: 2 }, 10, -5)).toEqual({ scale: 2, x: 11, y: -3 });
  });

  it('clampScale handles non-finite input', () => {
    expect(clampScale(Number.NaN)).toBe(1);
    expect(clampScale(Infinity)).toBe(1);
  });

  it('formats zoom percentages', () => {
    expect(formatZoom(1)).toBe('100%');
    expect(formatZoom(0.333)).toBe('33%');
    expect(formatZoom(16)).toBe('1600%');
    expect(formatZoom(0.005)).toBe('0.5%');
  });
});
