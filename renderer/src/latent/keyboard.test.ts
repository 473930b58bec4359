import { describe, expect, it } from 'vitest';
import type { KeyPress } from '../shell/focus';
import { latentKeyAction, nudgeWithin, NUDGE_SD, NUDGE_SD_SHIFT } from './keyboard';
import { PAD_RANGE } from './pad';

const key = (k: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key: k,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  repeat: false,
  ...mods,
});

describe('latentKeyAction', () => {
  it('nudges along the pad axes, 0.1 SD, 0.5 with Shift; up is +y', () => {
    expect(latentKeyAction(key('ArrowRight'), 'other')).toEqual({ kind: 'nudge', dx: 0.1, dy: 0 });
    expect(latentKeyAction(key('ArrowLeft', { shiftKey: true }), 'other')).toEqual({
      kind: 'nudge',
      dx: -0.5,
      dy: 0,
    });
    expect(latentKeyAction(key('ArrowUp'), 'other')).toEqual({ kind: 'nudge', dx: 0, dy: 0.1 });
    expect(latentKeyAction(key('ArrowDown', { shiftKey: true }), 'other')).toEqual({
      kind: 'nudge',
      dx: 0,
      dy: -0.5,
    });
  });

  it('maps B, R and 0 (either case), not on auto-repeat', () => {
    expect(latentKeyAction(key('b'), 'other')).toEqual({ kind: 'bookmark' });
    expect(latentKeyAction(key('B', { shiftKey: true }), 'other')).toEqual({ kind: 'bookmark' });
    expect(latentKeyAction(key('r'), 'other')).toEqual({ kind: 'randomize' });
    expect(latentKeyAction(key('0'), 'other')).toEqual({ kind: 'reset' });
    expect(latentKeyAction(key('r', { repeat: true }), 'other')).toBeNull();
    expect(latentKeyAction(key('ArrowUp', { repeat: true }), 'other')).not.toBeNull();
  });

  it('keeps out of text fields, modified keys and other keys', () => {
    expect(latentKeyAction(key('b'), 'text')).toBeNull();
    expect(latentKeyAction(key('ArrowUp'), 'text')).toBeNull();
    expect(latentKeyAction(key('r', { ctrlKey: true }), 'other')).toBeNull();
    expect(latentKeyAction(key('0', { metaKey: true }), 'other')).toBeNull();
    expect(latentKeyAction(key('x'), 'other')).toBeNull();
  });

  it('leaves arrows to a focused slider or select but still takes B, R, 0', () => {
    expect(latentKeyAction(key('ArrowLeft'), 'control')).toBeNull();
    expect(latentKeyAction(key('b'), 'control')).toEqual({ kind: 'bookmark' });
  });
});

describe('nudgeWithin', () => {
  it('keeps arrow keys within the pad: 46 presses of Shift+← from the middle end at the edge', () => {
    let x = 0;
    for (let k = 0; k < 46; k++) x = nudgeWithin(x, -NUDGE_SD_SHIFT);
    expect(x).toBe(-PAD_RANGE);
    let y = 2.95;
    y = nudgeWithin(y, NUDGE_SD);
    expect(y).toBe(PAD_RANGE);
    expect(nudgeWithin(y, NUDGE_SD)).toBe(PAD_RANGE);
  });

  it('moves freely inside, and only inwards from outside the pad', () => {
    expect(nudgeWithin(1, NUDGE_SD)).toBeCloseTo(1.1);
    expect(nudgeWithin(-1, -NUDGE_SD_SHIFT)).toBeCloseTo(-1.5);
    // A prior sample or an encoded image can sit outside: keys never push it further out…
    expect(nudgeWithin(-4.6, -NUDGE_SD)).toBe(-4.6);
    expect(nudgeWithin(3.4, NUDGE_SD_SHIFT)).toBe(3.4);
    // …and bring it back towards the pad.
    expect(nudgeWithin(-4.6, NUDGE_SD)).toBeCloseTo(-4.5);
    expect(nudgeWithin(3.4, -NUDGE_SD_SHIFT)).toBeCloseTo(2.9);
    expect(nudgeWithin(0.5, 0)).toBe(0.5);
    expect(nudgeWithin(2, 1, 2.5)).toBe(2.5);
  });
});
