/** Where the keyboard focus is, so a studio's shortcuts keep out of typing and controls. */
export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  repeat: boolean;
}

/**
 * Where the focus is: 'text' (typing: a studio's shortcuts keep out), 'control' (a slider or select,
 * whose own arrow keys win), or 'other'.
 */
export type FocusKind = 'text' | 'control' | 'other';

const TEXT_INPUT_TYPES = new Set([
  'text',
  'search',
  'email',
  'url',
  'tel',
  'password',
  'number',
  'date',
  'time',
  'datetime-local',
  'month',
  'week',
]);

/** Classifies the focused element by its tag, input type and contenteditable. */
export function focusKind(
  el: { tagName?: string; type?: string; isContentEditable?: boolean } | null,
): FocusKind {
  if (!el || !el.tagName) return 'other';
  const tag = el.tagName.toUpperCase();
  if (el.isContentEditable) return 'text';
  if (tag === 'TEXTAREA') return 'text';
  if (tag === 'INPUT') {
    const type = (el.type ?? 'text').toLowerCase();
    if (TEXT_INPUT_TYPES.has(type)) return 'text';
    if (type === 'range') return 'control';
    return 'other';
  }
  if (tag === 'SELECT') return 'control';
  return 'other';
}
