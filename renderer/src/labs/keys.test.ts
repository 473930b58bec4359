import { describe, expect, it } from 'vitest';
import { labCommand } from './keys';

const press = (
  key: string,
  extra: Partial<{ shiftKey: boolean; ctrlKey: boolean; repeat: boolean }> = {},
) => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  repeat: false,
  ...extra,
});

describe('labCommand', () => {
  it('maps Space, S and R outside fields', () => {
    expect(labCommand(press(' '), 'other', { tagName: 'BUTTON' })).toBe('toggle');
    expect(labCommand(press('s'), 'other', null)).toBe('step');
    expect(labCommand(press('S', { repeat: true }), 'other', null)).toBe('step');
    expect(labCommand(press('r'), 'other', null)).toBe('reset');
  });

  it('keeps out of typing, controls, checkboxes and modified keys', () => {
    expect(labCommand(press(' '), 'text', { tagName: 'INPUT', type: 'number' })).toBeNull();
    expect(labCommand(press('s'), 'control', { tagName: 'SELECT' })).toBeNull();
    expect(labCommand(press(' '), 'other', { tagName: 'INPUT', type: 'checkbox' })).toBeNull();
    expect(labCommand(press('r', { ctrlKey: true }), 'other', null)).toBeNull();
    expect(labCommand(press('r', { repeat: true }), 'other', null)).toBeNull();
    expect(labCommand(press(' ', { repeat: true }), 'other', null)).toBeNull();
    expect(labCommand(press('x'), 'other', null)).toBeNull();
  });
});
