/**
 * The Labs' 2-D data: presets drawn from a seed, points drawn by hand, and CSV files, all on one
 * plane ({@link PLANE}: every view draws it, every density is integrated over it).
 */
import { Rng } from '../rng';
import type { Dataset } from './types';

/** The square every lab draws and integrates over: [-PLANE, PLANE]². Presets fit well inside it. */
export const PLANE = 4;

export const PRESETS = ['ring8', 'two-moons', 'spiral', 'checkerboard', 'circles', 'line'] as const;
export type PresetName = (typeof PRESETS)[number];

export const PRESET_LABELS: Record<PresetName, string> = {
  ring8: 'Ring of 8 Gaussians',
  'two-moons': 'Two moons',
  spiral: 'Spiral',
  checkerboard: 'Checkerboard',
  circles: 'Concentric circles',
  line: 'Line segment',
};

/** The ring of 8: modes on a circle of this radius, each a Gaussian of this σ. */
export const RING8 = { modes: 8, radius: 2, sigma: 0.1 } as const;

/** Points in a preset (the CLI's and the studio's default). */
export const DEFAULT_POINTS = 1000;
/** The most points a dataset may hold (drawn, CSV or preset). */
export const MAX_POINTS = 20000;

export function isPreset(name: string): name is PresetName {
  return (PRESETS as readonly string[]).includes(name);
}

/** `n` points of a preset, the same for the same seed. */
export function preset(name: PresetName, n = DEFAULT_POINTS, seed = 0): Dataset {
  const rng = new Rng(seed ^ 0x5eed);
  const z = new Float32Array(2);
  const normal = (): [number, number] => {
    rng.fillNormal(z);
    return [z[0]!, z[1]!];
  };
  const u = (): number => rng.nextFloat();
  const points = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    let x = 0;
    let y = 0;
    const [a, b] = normal();
    switch (name) {
      case 'ring8': {
        const k = rng.nextU32() % RING8.modes;
        const t = (2 * Math.PI * k) / RING8.modes;
        x = RING8.radius * Math.cos(t) + RING8.sigma * a;
        y = RING8.radius * Math.sin(t) + RING8.sigma * b;
        break;
      }
      case 'two-moons': {
        const t = Math.PI * u();
        const upper = rng.nextU32() % 2 === 0;
        x = upper ? Math.cos(t) : 1 - Math.cos(t);
        y = upper ? Math.sin(t) : 0.5 - Math.sin(t);
        x = 1.6 * (x - 0.5) + 0.08 * a;
        y = 1.6 * (y - 0.25) + 0.08 * b;
        break;
      }
      case 'spiral': {
        const t = Math.sqrt(u()) * 3 * Math.PI;
        const r = (t / (3 * Math.PI)) * 2.8 + 0.2;
        x = r * Math.cos(t) + 0.07 * a;
        y = r * Math.sin(t) + 0.07 * b;
        break;
      }
      case 'checkerboard': {
        // 4×4 board over [-2, 2]², points on the dark squares only
        const cx = rng.nextU32() % 4;
        const row = rng.nextU32() % 2;
        const cy = 2 * row + (cx % 2);
        x = -2 + cx + u();
        y = -2 + cy + u();
        break;
      }
      case 'circles': {
        const outer = rng.nextU32() % 2 === 0;
        const t = 2 * Math.PI * u();
        const r = outer ? 2.2 : 1.1;
        x = r * Math.cos(t) + 0.06 * a;
        y = r * Math.sin(t) + 0.06 * b;
        break;
      }
      case 'line': {
        const t = u() * 2 - 1;
        x = 2.4 * t + 0.03 * a;
        y = 1.2 * t + 0.03 * b;
        break;
      }
    }
    points[2 * i] = x;
    points[2 * i + 1] = y;
  }
  return { dim: 2, points, source: { kind: 'preset', name, n, seed } };
}

/** Points drawn by hand (already in plane coordinates). */
export function drawn(points: readonly (readonly [number, number])[]): Dataset {
  const values = new Float32Array(points.length * 2);
  points.forEach(([x, y], i) => {
    values[2 * i] = x;
    values[2 * i + 1] = y;
  });
  return { dim: 2, points: values, source: { kind: 'drawn' } };
}

export class CsvError extends Error {}

/**
 * A CSV of 2-D points: one `x,y` per line (comma, semicolon, tab or spaces; an optional header
 * line; `#` comments and blank lines skipped). Points are scaled into the plane (centred, the
 * farthest coordinate at 2.8) so any units train alike. Throws {@link CsvError} naming the line.
 */
export function parseCsv(text: string, name = 'points.csv'): Dataset {
  const rows: [number, number][] = [];
  const lines = text.split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    const cells = line.split(/\s*[,;\t]\s*|\s+/).filter((c) => c !== '');
    const nums = cells.slice(0, 2).map(Number);
    const numeric =
      cells.length >= 2 && nums.every((v) => Number.isFinite(v)) && cells.slice(0, 2).every((c) => c !== '');
    if (!numeric) {
      // a header: the first line, with words where the numbers would be
      const words = cells.slice(0, 2).every((c) => !Number.isFinite(Number(c)));
      if (rows.length === 0 && i === firstContentLine(lines) && words) continue;
      throw new CsvError(
        `Line ${i + 1} of ${name} is not two numbers ("${line.slice(0, 40)}"). Each line should be x,y.`,
      );
    }
    rows.push([nums[0]!, nums[1]!]);
    if (rows.length > MAX_POINTS)
      throw new CsvError(`${name} holds more than ${MAX_POINTS} points; use fewer.`);
  }
  if (rows.length < 2)
    throw new CsvError(
      `${name} holds ${rows.length} point${rows.length === 1 ? '' : 's'}; a lab needs at least 2.`,
    );
  return { ...fitToPlane(drawn(rows)), source: { kind: 'csv', name } };
}

function firstContentLine(lines: string[]): number {
  return lines.findIndex((l) => l.trim() !== '' && !l.trim().startsWith('#'));
}

/** Centres the points and scales them so the farthest coordinate is at 2.8 (inside the plane). */
export function fitToPlane(data: Dataset): Dataset {
  const p = data.points;
  const n = p.length / 2;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += p[2 * i]!;
    my += p[2 * i + 1]!;
  }
  mx /= n;
  my /= n;
  let far = 0;
  for (let i = 0; i < n; i++) far = Math.max(far, Math.abs(p[2 * i]! - mx), Math.abs(p[2 * i + 1]! - my));
  const s = far > 0 ? 2.8 / far : 1;
  const out = new Float32Array(p.length);
  for (let i = 0; i < n; i++) {
    out[2 * i] = (p[2 * i]! - mx) * s;
    out[2 * i + 1] = (p[2 * i + 1]! - my) * s;
  }
  return { ...data, points: out };
}

/** Number of rows. */
export function count(data: Dataset): number {
  return data.points.length / data.dim;
}
