import { describe, expect, it } from 'vitest';
import type { KeyPress } from '../shell/focus';
import { paletteCommand } from './keys';

const key = (k: string, over: Partial<KeyPress> = {}): KeyPress => ({
  key: k,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  repeat: false,
  ...over,
});

describe('keys', () => {
  it('Space generates from the page and from a focused button (a lock just clicked)', () => {
    expect(paletteCommand(key(' '), 'other', null)).toEqual({ kind: 'generate' });
    expect(paletteCommand(key(' '), 'other', { tagName: 'BUTTON' })).toEqual({ kind: 'generate' });
  });

  it('leaves Space to text fields, sliders, selects, the colour picker and checkboxes', () => {
    expect(paletteCommand(key(' '), 'text', { tagName: 'INPUT', type: 'text' })).toBeNull();
    expect(paletteCommand(key(' '), 'control', { tagName: 'INPUT', type: 'range' })).toBeNull();
    expect(paletteCommand(key(' '), 'other', { tagName: 'INPUT', type: 'color' })).toBeNull();
    expect(paletteCommand(key(' '), 'other', { tagName: 'INPUT', type: 'checkbox' })).toBeNull();
  });

  it('ignores a held Space and modified keys', () => {
    expect(paletteCommand(key(' ', { repeat: true }), 'other', null)).toBeNull();
    expect(paletteCommand(key(' ', { ctrlKey: true }), 'other', null)).toBeNull();
    expect(paletteCommand(key(' ', { shiftKey: true }), 'other', null)).toBeNull();
  });

  it('1–5 lock or unlock a colour', () => {
    expect(paletteCommand(key('1'), 'other', null)).toEqual({ kind: 'lock', index: 0 });
    expect(paletteCommand(key('5'), 'other', null)).toEqual({ kind: 'lock', index: 4 });
    expect(paletteCommand(key('6'), 'other', null)).toBeNull();
    expect(paletteCommand(key('3'), 'text', null)).toBeNull();
  });
});
