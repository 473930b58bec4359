import { describe, expect, it } from 'vitest';
import { ROLL_SHORTCUTS, isTypingTarget, rollKeyAction, type RollKeyPress } from './shortcuts';

const key = (k: string, mods: Partial<RollKeyPress> = {}): RollKeyPress => ({
  key: k,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('rollKeyAction', () => {
  it('maps editing keys', () => {
    expect(rollKeyAction(key('Delete'))).toEqual({ kind: 'delete' });
    expect(rollKeyAction(key('Backspace'))).toEqual({ kind: 'delete' });
    expect(rollKeyAction(key('Escape'))).toEqual({ kind: 'deselect' });
    expect(rollKeyAction(key('q'))).toEqual({ kind: 'quantize' });
    expect(rollKeyAction(key('Q', { shiftKey: true }))).toEqual({ kind: 'quantize' });
    expect(rollKeyAction(key('b'))).toEqual({ kind: 'tool', tool: 'draw' });
    expect(rollKeyAction(key('v'))).toEqual({ kind: 'tool', tool: 'select' });
  });

  it('maps Ctrl and Cmd combinations alike', () => {
    for (const mod of [{ ctrlKey: true }, { metaKey: true }]) {
      expect(rollKeyAction(key('a', mod))).toEqual({ kind: 'selectAll' });
      expect(rollKeyAction(key('d', mod))).toEqual({ kind: 'duplicate' });
      expect(rollKeyAction(key('c', mod))).toEqual({ kind: 'copy' });
      expect(rollKeyAction(key('x', mod))).toEqual({ kind: 'cut' });
      expect(rollKeyAction(key('v', mod))).toEqual({ kind: 'paste' });
      expect(rollKeyAction(key('z', mod))).toEqual({ kind: 'undo' });
      expect(rollKeyAction(key('Z', { ...mod, shiftKey: true }))).toEqual({ kind: 'redo' });
      expect(rollKeyAction(key('y', mod))).toEqual({ kind: 'redo' });
    }
    // Ctrl+V pastes, plain V picks the select tool.
    expect(rollKeyAction(key('v'))).not.toEqual(rollKeyAction(key('v', { ctrlKey: true })));
  });

  it('arrows transpose (Shift: octave) and move (Shift: bar)', () => {
    expect(rollKeyAction(key('ArrowUp'))).toEqual({ kind: 'transpose', semitones: 1 });
    expect(rollKeyAction(key('ArrowDown', { shiftKey: true }))).toEqual({
      kind: 'transpose',
      semitones: -12,
    });
    expect(rollKeyAction(key('ArrowLeft'))).toEqual({ kind: 'nudge', steps: -1, unit: 'snap' });
    expect(rollKeyAction(key('ArrowRight', { shiftKey: true }))).toEqual({
      kind: 'nudge',
      steps: 1,
      unit: 'bar',
    });
  });

  it('zooms time with + and −', () => {
    expect(rollKeyAction(key('+', { shiftKey: true }))).toEqual({ kind: 'zoomTime', direction: 1 });
    expect(rollKeyAction(key('='))).toEqual({ kind: 'zoomTime', direction: 1 });
    expect(rollKeyAction(key('-'))).toEqual({ kind: 'zoomTime', direction: -1 });
  });

  it('ignores other keys and Alt combinations', () => {
    expect(rollKeyAction(key('k'))).toBeNull();
    expect(rollKeyAction(key('Delete', { altKey: true }))).toBeNull();
    expect(rollKeyAction(key('s', { ctrlKey: true }))).toBeNull();
    expect(rollKeyAction(key('a', { ctrlKey: true, shiftKey: true }))).toBeNull();
  });
});

describe('isTypingTarget', () => {
  it('keeps out of inputs, selects, textareas and editable text', () => {
    expect(isTypingTarget({ tagName: 'INPUT' })).toBe(true);
    expect(isTypingTarget({ tagName: 'select' })).toBe(true);
    expect(isTypingTarget({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV' })).toBe(false);
    expect(isTypingTarget({ tagName: 'BUTTON' })).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});

describe('ROLL_SHORTCUTS', () => {
  it('lists every action the keyboard maps', () => {
    const text = ROLL_SHORTCUTS.map((s) => `${s.keys.join(' ')} ${s.what}`).join('\n');
    for (const k of [
      'Ctrl + A',
      'Ctrl + D',
      'Ctrl + C',
      'Ctrl + V',
      'Ctrl + Z',
      'Ctrl + Y',
      'Escape',
      'Delete',
    ]) {
      expect(text).toContain(k);
    }
    for (const word of ['Quantize', 'Transpose', 'Draw tool', 'Select tool', 'Zoom time']) {
      expect(text).toContain(word);
    }
  });
});
