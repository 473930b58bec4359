import { describe, expect, it } from 'vitest';
import { STUDIO_SHORTCUTS, studioKeyAction } from './shortcuts';

const key = (
  k: string,
  mods: Partial<{
    ctrlKey: boolean;
    metaKey: boolean;
    shiftKey: boolean;
    altKey: boolean;
    repeat: boolean;
  }> = {},
) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  repeat: false,
  ...mods,
});

describe('studioKeyAction', () => {
  it('maps Space, L, M, Ctrl+Enter and Ctrl+S', () => {
    expect(studioKeyAction(key(' '), 'other')).toBe('play');
    expect(studioKeyAction(key('l'), 'other')).toBe('loop');
    expect(studioKeyAction(key('M'), 'other')).toBe('metronome');
    expect(studioKeyAction(key('Enter', { ctrlKey: true }), 'other')).toBe('run');
    expect(studioKeyAction(key('s', { metaKey: true }), 'other')).toBe('save');
  });

  it('keeps out of text fields, except for Ctrl shortcuts', () => {
    expect(studioKeyAction(key(' '), 'text')).toBeNull();
    expect(studioKeyAction(key('l'), 'text')).toBeNull();
    expect(studioKeyAction(key('Enter', { ctrlKey: true }), 'text')).toBe('run');
    expect(studioKeyAction(key('s', { ctrlKey: true }), 'text')).toBe('save');
    expect(studioKeyAction(key(' '), 'control')).toBeNull();
    expect(studioKeyAction(key('m'), 'control')).toBe('metronome');
  });

  it('ignores repeats, other modifiers and the roll’s keys', () => {
    expect(studioKeyAction(key('l', { repeat: true }), 'other')).toBeNull();
    expect(studioKeyAction(key('l', { altKey: true }), 'other')).toBeNull();
    expect(studioKeyAction(key('z', { ctrlKey: true }), 'other')).toBeNull();
    expect(studioKeyAction(key('s', { ctrlKey: true, shiftKey: true }), 'other')).toBeNull();
    expect(studioKeyAction(key('b'), 'other')).toBeNull();
  });

  it('lists every action in the help', () => {
    expect(STUDIO_SHORTCUTS.map((s) => s.keys.join('+'))).toEqual([
      'Space',
      'L',
      'M',
      'Ctrl+Enter',
      'Ctrl+S',
    ]);
  });
});
