import { describe, expect, it } from 'vitest';
import type { KeyPress } from '../shell/focus';
import { latentKeyAction } from './keyboard';

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
