import { describe, expect, it } from 'vitest';
import { writerCommand, type KeyContext, type KeyLike } from './shortcuts';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  code: mods.code ?? '',
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});
const idle: KeyContext = { phase: 'idle', hasShown: false, canUndoAccept: false, inEditor: true };
const streaming: KeyContext = { ...idle, phase: 'streaming', hasShown: true };
const pending: KeyContext = { ...idle, phase: 'pending', hasShown: true, inEditor: false };

describe('writer keys', () => {
  it('Ctrl+Enter continues, then accepts', () => {
    expect(writerCommand(key('Enter', { ctrlKey: true }), idle)).toBe('continue');
    expect(writerCommand(key('Enter', { metaKey: true }), idle)).toBe('continue');
    expect(writerCommand(key('Enter', { ctrlKey: true }), streaming)).toBeNull();
    expect(writerCommand(key('Enter', { ctrlKey: true }), pending)).toBe('accept');
    expect(writerCommand(key('Enter'), idle)).toBeNull();
  });

  it('Escape stops, then rejects', () => {
    expect(writerCommand(key('Escape'), streaming)).toBe('stop');
    expect(writerCommand(key('Escape'), pending)).toBe('reject');
    expect(writerCommand(key('Escape'), idle)).toBeNull();
    expect(writerCommand(key('Escape'), { ...idle, phase: 'error', hasShown: true })).toBe('reject');
  });

  it('Tab accepts only while a continuation is shown', () => {
    expect(writerCommand(key('Tab'), pending)).toBe('accept');
    expect(writerCommand(key('Tab'), idle)).toBeNull();
    expect(writerCommand(key('Tab'), streaming)).toBeNull();
    expect(writerCommand(key('Tab', { shiftKey: true }), pending)).toBeNull();
  });

  it('Alt keys flip, regenerate and reseed by physical key', () => {
    expect(writerCommand(key('“', { altKey: true, code: 'BracketLeft' }), pending)).toBe('prev');
    expect(writerCommand(key(']', { altKey: true, code: 'BracketRight' }), pending)).toBe('next');
    expect(writerCommand(key('r', { altKey: true, code: 'KeyR' }), pending)).toBe('regenerate');
    expect(writerCommand(key('n', { altKey: true, code: 'KeyN' }), pending)).toBe('another-seed');
    expect(writerCommand(key('r', { altKey: true, code: 'KeyR' }), streaming)).toBeNull();
  });

  it('Ctrl+Z undoes an accept only right after it, in the editor', () => {
    expect(writerCommand(key('z', { ctrlKey: true }), idle)).toBeNull();
    expect(writerCommand(key('z', { ctrlKey: true }), { ...idle, canUndoAccept: true })).toBe('undo-accept');
    expect(
      writerCommand(key('Z', { ctrlKey: true, shiftKey: true }), { ...idle, canUndoAccept: true }),
    ).toBeNull();
    expect(
      writerCommand(key('z', { ctrlKey: true }), { ...idle, canUndoAccept: true, inEditor: false }),
    ).toBeNull();
  });
});
