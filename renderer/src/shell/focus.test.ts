import { describe, expect, it } from 'vitest';
import { focusKind } from './focus';

describe('focusKind', () => {
  it('classifies focused elements', () => {
    expect(focusKind(null)).toBe('other');
    expect(focusKind({ tagName: 'INPUT', type: 'text' })).toBe('text');
    expect(focusKind({ tagName: 'input', type: 'number' })).toBe('text');
    expect(focusKind({ tagName: 'INPUT', type: 'range' })).toBe('control');
    expect(focusKind({ tagName: 'INPUT', type: 'checkbox' })).toBe('other');
    expect(focusKind({ tagName: 'SELECT' })).toBe('control');
    expect(focusKind({ tagName: 'TEXTAREA' })).toBe('text');
    expect(focusKind({ tagName: 'DIV', isContentEditable: true })).toBe('text');
    expect(focusKind({ tagName: 'BUTTON' })).toBe('other');
  });
});
