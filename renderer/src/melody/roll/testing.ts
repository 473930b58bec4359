/** Fixtures shared by the roll's tests (imported only by `*.test.ts`). */
import type { RollNote } from './model';
import type { RollView } from './view';

/** A note; duration 1 beat and velocity 100 unless given. */
export const n = (id: string, pitch: number, start: number, duration = 1, velocity = 100): RollNote => ({
  id,
  pitch,
  start,
  duration,
  velocity,
});

/**
 * The tests' view: 64 px keys, 28 px ruler, 76 px lane; a 10 px row, 40 px beat; C5 (72) at the
 * top, `scrollBeat` at the left.
 */
export const testView = (scrollBeat: number): RollView => ({
  width: 64 + 640,
  height: 28 + 200 + 76,
  keyWidth: 64,
  rulerHeight: 28,
  laneHeight: 76,
  rowHeight: 10,
  beatWidth: 40,
  scrollBeat,
  topPitch: 72,
});
