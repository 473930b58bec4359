/** The Writer's keys: what each does in each phase, and the help table that lists them. */
import type { Shortcut } from '../shell/HelpDetails';
import type { Phase } from './continuation';

export type WriterCommand =
  'continue' | 'stop' | 'accept' | 'reject' | 'regenerate' | 'another-seed' | 'prev' | 'next' | 'undo-accept';

export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

export interface KeyContext {
  phase: Phase;
  /** A continuation is on show (pending, or an error after one). */
  hasShown: boolean;
  /** The last accept can still be undone (nothing typed since). */
  canUndoAccept: boolean;
  /** The editor's textarea has the focus. */
  inEditor: boolean;
}

/** The command a key press means now, or null (the key keeps its usual meaning). */
export function writerCommand(e: KeyLike, ctx: KeyContext): WriterCommand | null {
  const mod = e.ctrlKey || e.metaKey;
  const streaming = ctx.phase === 'streaming';
  const showing = ctx.hasShown && !streaming;
  if (mod && !e.altKey && !e.shiftKey && e.key === 'Enter')
    return showing ? 'accept' : streaming ? null : 'continue';
  if (e.key === 'Escape' && !mod && !e.altKey) return streaming ? 'stop' : showing ? 'reject' : null;
  if (e.key === 'Tab' && !mod && !e.altKey && !e.shiftKey && showing) return 'accept';
  if (e.altKey && !mod) {
    if (e.code === 'BracketLeft' && showing) return 'prev';
    if (e.code === 'BracketRight' && showing) return 'next';
    if (e.code === 'KeyR' && showing) return 'regenerate';
    if (e.code === 'KeyN' && showing) return 'another-seed';
  }
  if (mod && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'z' && ctx.canUndoAccept && ctx.inEditor)
    return 'undo-accept';
  return null;
}

export const WRITER_SHORTCUTS: readonly Shortcut[] = [
  {
    keys: ['Ctrl', 'Enter'],
    what: 'Continue from the cursor, or Ask (accept, when a continuation or an answer is shown)',
  },
  { keys: ['Esc'], what: 'Stop a running continuation; reject a shown one' },
  { keys: ['Tab'], what: 'Accept the shown continuation' },
  { keys: ['Alt', '['], what: 'Previous alternative' },
  { keys: ['Alt', ']'], what: 'Next alternative' },
  { keys: ['Alt', 'R'], what: 'Regenerate (same seed when it is locked)' },
  { keys: ['Alt', 'N'], what: 'Try another seed' },
  { keys: ['Ctrl', 'Z'], what: 'Right after accepting: undo the accept' },
];
