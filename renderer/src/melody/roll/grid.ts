/**
 * The roll's time grid in the clip's meter, pure: which vertical lines the grid draws at a zoom and
 * how strong each is (bar, counted beat, written beat, snap step), and the ruler's bars with their
 * numbers and beat ticks. The painter draws exactly these; tests and the roll's data attributes read them.
 */
import { COMMON_TIME, pulseStep, snapStep, type BarGrid, type Snap } from './model';
import { visibleBeatRange, type RollView } from './view';

export interface GridSteps {
  /** Thinnest lines drawn (beats between them). */
  minor: number;
  /** Bar numbers in the ruler every this many bars. */
  labelBars: number;
}

/**
 * Which lines the grid draws at this zoom: the snap step (no coarser than the counted beats, so the
 * Bar snap still shows beats; the written beats with the grid off) when its lines are at least 6 px
 * apart, else the meter's written beats, else its counted beats, else bars (every 2, 4, … bars when
 * even those crowd); bar numbers spaced to at least 36 px.
 */
export function gridSteps(v: RollView, snap: Snap, grid: BarGrid = COMMON_TIME): GridSteps {
  const snapLines = Math.min(snapStep(snap, grid) ?? grid.unit, pulseStep(grid));
  const candidates = [snapLines, grid.unit, pulseStep(grid), grid.bar];
  let minor = grid.bar;
  for (const s of candidates) {
    if (s * v.beatWidth >= 6) {
      minor = Math.min(s, grid.bar);
      break;
    }
  }
  while (minor * v.beatWidth < 6) minor *= 2;
  let labelBars = 1;
  while (labelBars * grid.bar * v.beatWidth < 36) labelBars *= 2;
  return { minor, labelBars };
}

export type LineKind = 'bar' | 'beat' | 'unit' | 'minor';

/** A vertical grid line: where (beats) and how strong (a bar line, a counted beat, a written beat, a step). */
export interface GridLine {
  beat: number;
  kind: LineKind;
}

const onStep = (x: number, step: number): boolean => Math.abs(x / step - Math.round(x / step)) < 1e-9;

/**
 * The grid's vertical lines in view. The steps start again at every bar line (a quarter-note step
 * in 9/8 runs 0, 1, 2, 3, 4 and then the next bar at 4.5); each line is as strong as the strongest
 * thing it marks: the bar, one of the meter's counted beats (`pulses`), one of its written beats.
 */
export function gridLines(v: RollView, snap: Snap, grid: BarGrid = COMMON_TIME): GridLine[] {
  const { minor } = gridSteps(v, snap, grid);
  const { start, end } = visibleBeatRange(v);
  const out: GridLine[] = [];
  // Zoomed far out the step is several bars: only every (minor / bar)-th bar line is drawn.
  const barsPerStep = Math.max(1, Math.round(minor / grid.bar));
  const inBar = minor < grid.bar - 1e-9 ? minor : grid.bar;
  const first = Math.max(0, Math.floor(start / grid.bar));
  for (let bar = first - (first % barsPerStep); bar * grid.bar <= end; bar += barsPerStep) {
    const origin = bar * grid.bar;
    for (let off = 0; off < grid.bar - 1e-9; off += inBar) {
      const beat = origin + off;
      if (beat < start - 1e-9) continue;
      if (beat > end) break;
      const kind: LineKind =
        off < 1e-9
          ? 'bar'
          : grid.pulses.some((p) => Math.abs(p - off) < 1e-9)
            ? 'beat'
            : onStep(off, grid.unit)
              ? 'unit'
              : 'minor';
      out.push({ beat, kind });
    }
  }
  return out;
}

/** A bar in the ruler: its number (1-based), where it starts, and whether its number is written. */
export interface RulerBar {
  number: number;
  beat: number;
  labelled: boolean;
  /** Ticks at the bar's counted beats after its first (empty when zoomed too far out to show them). */
  ticks: number[];
}

/** The ruler's bars in view: one per bar of the meter, numbers every `labelBars`, beat ticks when they fit. */
export function rulerBars(v: RollView, snap: Snap, grid: BarGrid = COMMON_TIME): RulerBar[] {
  const { labelBars } = gridSteps(v, snap, grid);
  const { start, end } = visibleBeatRange(v);
  const ticks = pulseStep(grid) * v.beatWidth >= 8;
  const out: RulerBar[] = [];
  const lastBar = Math.floor(end / grid.bar + 1e-9);
  for (let bar = Math.max(0, Math.floor(start / grid.bar)); bar <= lastBar; bar++) {
    const beat = bar * grid.bar;
    out.push({
      number: bar + 1,
      beat,
      labelled: bar % labelBars === 0,
      ticks: ticks ? grid.pulses.filter((p) => p > 1e-9).map((p) => beat + p) : [],
    });
  }
  return out;
}
