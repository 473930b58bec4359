import { describe, expect, it } from 'vitest';
import {
  allLocked,
  anyLocked,
  applyColors,
  initialPalette,
  lockMask,
  paletteKey,
  parsePalette,
  setColor,
  slotsOf,
  STARTER,
  toggleLock,
} from './editor';

const other = ['#111111', '#222222', '#333333', '#444444', '#555555'];

describe('the bench', () => {
  it('starts with a real palette, nothing locked', () => {
    const p = initialPalette();
    expect(p.colors).toEqual(STARTER);
    expect(p.locks).toEqual([false, false, false, false, false]);
    expect(anyLocked(p)).toBe(false);
  });

  it('toggles locks; slots keep the locked colours in their places, null elsewhere', () => {
    let p = toggleLock(toggleLock(initialPalette(), 1), 3);
    expect(lockMask(p.locks)).toBe('01010');
    expect(slotsOf(p)).toEqual([null, STARTER[1], null, STARTER[3], null]);
    p = toggleLock(p, 1);
    expect(lockMask(p.locks)).toBe('00010');
    expect(toggleLock(p, 7)).toBe(p);
    const all = [0, 1, 2, 4].reduce((q, k) => toggleLock(q, k), p);
    expect(allLocked(all)).toBe(true);
  });

  it('a model’s palette replaces the unlocked colours only', () => {
    const p = toggleLock(toggleLock(initialPalette(), 0), 4);
    const q = applyColors(p, other);
    expect(q.colors).toEqual([STARTER[0], '#222222', '#333333', '#444444', STARTER[4]]);
    expect(applyColors(p, ['#123456'])).toBe(p);
    expect(applyColors(p, [...other.slice(0, 4), 'nope'])).toBe(p);
  });

  it('edits a colour from what is typed or picked; ignores what is not a colour', () => {
    const p = { ...initialPalette(), openedId: 'abc' };
    const q = setColor(p, 2, ' #ABC ');
    expect(q.colors[2]).toBe('#aabbcc');
    expect(q.openedId).toBeNull();
    expect(setColor(p, 2, 'blue')).toBe(p);
    expect(setColor(p, 2, STARTER[2]!)).toBe(p);
  });

  it('reads stored palettes leniently', () => {
    const fallback = initialPalette();
    expect(parsePalette({ colors: other, locks: [true, false, true, false, false] }, fallback)).toEqual({
      colors: other,
      locks: [true, false, true, false, false],
      openedId: null,
    });
    expect(parsePalette({ colors: other }, fallback).locks).toEqual([false, false, false, false, false]);
    expect(parsePalette({ colors: other.slice(0, 3) }, fallback)).toBe(fallback);
    expect(parsePalette({ colors: [...other.slice(0, 4), 7] }, fallback)).toBe(fallback);
    expect(parsePalette('junk', fallback)).toBe(fallback);
    expect(paletteKey(other)).toBe('#111111,#222222,#333333,#444444,#555555');
  });
});
