/**
 * The Writer's Ask mode, without React: the preset instructions, what an Ask is about (the
 * selection, or the whole text when nothing is selected), where its answer shows and goes (after
 * the selection on a paragraph of its own, or in place of it), and the checks made before a call.
 */
import { TEXT_MAX_INSTRUCTION_CHARS, TEXT_MAX_SYSTEM_CHARS } from '../../../preload/contract';
import { TEXT_MAX_PROMPT_CHARS } from '../../../preload/text';
import type { Anchor } from './continuation';

export type WriterMode = 'continue' | 'ask';

export interface AskPreset {
  id: string;
  label: string;
  instruction: string;
}

/** One-click instructions (buttons `writer-ask-preset-<id>`); the text box takes any other. */
export const ASK_PRESETS: readonly AskPreset[] = [
  {
    id: 'rewrite',
    label: 'Rewrite',
    instruction: 'Rewrite this text so that it reads better. Keep its meaning.',
  },
  { id: 'shorten', label: 'Shorten', instruction: 'Shorten this text. Keep what matters.' },
  {
    id: 'continue-style',
    label: 'Continue in this style',
    instruction: 'Continue this text in the same style.',
  },
  {
    id: 'fix-grammar',
    label: 'Fix grammar',
    instruction: 'Fix the grammar and spelling of this text. Change nothing else.',
  },
];

/** What one Ask is about and where its answer goes: kept with each answer. */
export interface AskTarget {
  instruction: string;
  /** '' for none. */
  system: string;
  /** The whole text when the Ask was made. */
  text: string;
  /** The selection [start, end) in `text`; the whole text when nothing was selected. */
  start: number;
  end: number;
  /** Something was selected (else the Ask was about the whole text). */
  selected: boolean;
}

export function askTarget(
  text: string,
  selection: { start: number; end: number },
  instruction: string,
  system: string,
): AskTarget {
  const a = Math.max(0, Math.min(text.length, Math.min(selection.start, selection.end)));
  const b = Math.max(0, Math.min(text.length, Math.max(selection.start, selection.end)));
  const selected = b > a;
  return {
    instruction: instruction.trim(),
    system: system.trim(),
    text,
    start: selected ? a : 0,
    end: selected ? b : text.length,
    selected,
  };
}

/** The text the instruction is about. */
export const askedText = (t: AskTarget): string => t.text.slice(t.start, t.end);

/** What goes between the asked text and an answer put after it: a paragraph break, unless there is one. */
export function answerSeparator(before: string): string {
  if (before === '' || before.endsWith('\n\n')) return '';
  return before.endsWith('\n') ? '\n' : '\n\n';
}

/**
 * Where the answer shows while it streams and goes on Accept: after the asked text, as a paragraph
 * of its own (the text after it starts a new paragraph, without the spaces that joined it to the
 * asked text).
 */
export function askAnchor(t: AskTarget): Anchor {
  const before = t.text.slice(0, t.end);
  const rest = t.text.slice(t.end);
  const after = rest === '' || rest.startsWith('\n') ? rest : `\n\n${rest.replace(/^[ \t]+/, '')}`;
  return { before: before + answerSeparator(before), after };
}

/** The text once an answer is accepted (after the asked text) or put in its place; the cursor after it. */
export function placeAnswer(
  t: AskTarget,
  answer: string,
  replace: boolean,
): { text: string; cursor: number } {
  const { before, after } = replace
    ? { before: t.text.slice(0, t.start), after: t.text.slice(t.end) }
    : askAnchor(t);
  return { text: before + answer + after, cursor: before.length + answer.length };
}

/** The instruction and system message as the contract takes them, or the first problem with the field named. */
export function checkAsk(
  instruction: string,
  system: string,
): { ok: true } | { ok: false; message: string; field: 'instruction' | 'system' } {
  if (instruction.trim() === '')
    return {
      ok: false,
      message: 'Say what the model should do with the text (or pick Rewrite, Shorten, …).',
      field: 'instruction',
    };
  if (instruction.trim().length > TEXT_MAX_INSTRUCTION_CHARS)
    return {
      ok: false,
      message: `The instruction is too long: at most ${TEXT_MAX_INSTRUCTION_CHARS} characters.`,
      field: 'instruction',
    };
  if (system.trim().length > TEXT_MAX_SYSTEM_CHARS)
    return {
      ok: false,
      message: `The system message is too long: at most ${TEXT_MAX_SYSTEM_CHARS} characters.`,
      field: 'system',
    };
  return { ok: true };
}

/** The asked text within what one call may carry (its end, where an instruction about it matters most). */
export const askedPrompt = (t: AskTarget): string => askedText(t).slice(-TEXT_MAX_PROMPT_CHARS);
