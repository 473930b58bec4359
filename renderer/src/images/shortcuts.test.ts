import { describe, expect, it } from 'vitest';
import { imageCommand, type KeyLike } from './shortcuts';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('imageCommand', () => {
  it('generates on Ctrl/Cmd+Enter, even while typing', () => {
    expect(imageCommand(key('Enter', { ctrlKey: true }), { inField: true, selected: false })).toBe(
      'generate',
    );
    expect(imageCommand(key('Enter', { metaKey: true }), { inField: false, selected: false })).toBe(
      'generate',
    );
    expect(imageCommand(key('Enter'), { inField: false, selected: false })).toBe(null);
  });
  it('removes or deselects the selected image outside text fields', () => {
    expect(imageCommand(key('Delete'), { inField: false, selected: true })).toBe('delete');
    expect(imageCommand(key('Backspace'), { inField: true, selected: true })).toBe(null);
    expect(imageCommand(key('Delete'), { inField: false, selected: false })).toBe(null);
    expect(imageCommand(key('Escape'), { inField: false, selected: true })).toBe('deselect');
  });
});
