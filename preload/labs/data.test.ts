import { describe, expect, it } from 'vitest';
import { count, CsvError, drawn, parseCsv, PLANE, preset, PRESETS, RING8 } from './data';

describe('presets', () => {
  it.each(PRESETS)('%s: the asked number of points, inside the plane, the same for the same seed', (name) => {
    const a = preset(name, 500, 3);
    const b = preset(name, 500, 3);
    const c = preset(name, 500, 4);
    expect(count(a)).toBe(500);
    expect(a.points).toEqual(b.points);
    expect(a.points).not.toEqual(c.points);
    for (const v of a.points) expect(Math.abs(v)).toBeLessThan(PLANE - 0.5);
    expect(a.source).toEqual({ kind: 'preset', name, n: 500, seed: 3 });
  });

  it('ring8 puts every point near one of the 8 modes and fills all of them', () => {
    const d = preset('ring8', 2000, 1);
    const hits = new Array<number>(8).fill(0);
    for (let i = 0; i < 2000; i++) {
      const x = d.points[2 * i]!;
      const y = d.points[2 * i + 1]!;
      const k = (Math.round((Math.atan2(y, x) / (2 * Math.PI)) * 8) + 8) % 8;
      const t = (2 * Math.PI * k) / 8;
      expect(Math.hypot(x - RING8.radius * Math.cos(t), y - RING8.radius * Math.sin(t))).toBeLessThan(
        5 * RING8.sigma,
      );
      hits[k]!++;
    }
    for (const h of hits) expect(h).toBeGreaterThan(150);
  });
});

describe('parseCsv', () => {
  it('reads x,y lines with a header, comments, semicolons, tabs and spaces, scaled into the plane', () => {
    const d = parseCsv('x,y\n# a comment\n0,0\n10;0\n0\t10\n\n10 10\n', 'pts.csv');
    expect(count(d)).toBe(4);
    expect(d.source).toEqual({ kind: 'csv', name: 'pts.csv' });
    const xs = [0, 2, 4, 6].map((i) => d.points[i]!);
    expect(Math.max(...xs.map(Math.abs))).toBeCloseTo(2.8, 5);
    expect(xs.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 5);
  });

  it('names the line that is not two numbers', () => {
    expect(() => parseCsv('x,y\n1,2\nfoo,bar\n', 'bad.csv')).toThrow(CsvError);
    expect(() => parseCsv('x,y\n1,2\nfoo,bar\n', 'bad.csv')).toThrow(/Line 3 of bad\.csv is not two numbers/);
    expect(() => parseCsv('1,2\n3\n')).toThrow(/Line 2/);
    expect(() => parseCsv('1,NaN\n')).toThrow(/Line 1/);
  });

  it('refuses files with fewer than two points', () => {
    expect(() => parseCsv('', 'empty.csv')).toThrow(/empty\.csv holds 0 points/);
    expect(() => parseCsv('x,y\n1,1\n', 'one.csv')).toThrow(/holds 1 point;/);
  });

  it('a header line is only allowed first', () => {
    expect(() => parseCsv('1,2\nx,y\n3,4')).toThrow(/Line 2/);
  });
});

it('drawn keeps points as given', () => {
  const d = drawn([
    [1, 2],
    [-3, 0.5],
  ]);
  expect(Array.from(d.points)).toEqual([1, 2, -3, 0.5]);
  expect(d.source).toEqual({ kind: 'drawn' });
});
