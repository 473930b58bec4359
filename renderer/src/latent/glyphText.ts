/**
 * Text for conditional (glyph) models: what the main view, the alphabet sheet and the grid ask
 * the model to draw. Characters the model was not trained on are left out (and named), spaces
 * are kept as gaps, and the sheet breaks the charset into short lines by kind.
 */
import { LATENT_MAX_TEXT } from '../../../preload/contract';

export const DEFAULT_TEXT = 'Atelier';
/** Characters per line of the alphabet sheet. */
export const SHEET_LINE = 13;

type Group = 'upper' | 'lower' | 'digit' | 'other';
const groupOf = (c: string): Group =>
  /\p{Lu}/u.test(c) ? 'upper' : /\p{Ll}/u.test(c) ? 'lower' : /\p{Nd}/u.test(c) ? 'digit' : 'other';

/**
 * The alphabet sheet's text: upper case, lower case, digits, then anything else, each group
 * broken into lines of at most `line` characters ("ABCDEFGHIJKLM\nNOPQRSTUVWXYZ\nabc…").
 */
export function sheetText(charset: string, line: number = SHEET_LINE): string {
  const chars = [...new Set([...charset])].filter((c) => c.trim() !== '');
  const groups: Record<Group, string[]> = { upper: [], lower: [], digit: [], other: [] };
  for (const c of chars) groups[groupOf(c)].push(c);
  const lines: string[] = [];
  for (const g of ['upper', 'lower', 'digit', 'other'] as const) {
    const list = groups[g];
    const n = Math.ceil(list.length / line);
    // Balance the lines of a group: 26 letters become 13 + 13, not 13 + 13 + 0.
    const per = n > 0 ? Math.ceil(list.length / n) : 0;
    for (let i = 0; i < list.length; i += per) lines.push(list.slice(i, i + per).join(''));
  }
  return lines.join('\n').slice(0, LATENT_MAX_TEXT);
}

export interface CleanText {
  /** What is sent to the model: known characters and spaces (trimmed), at most 200. */
  text: string;
  /** Distinct characters that were left out because the model cannot draw them. */
  dropped: string[];
}

export function cleanText(typed: string, charset: string | undefined): CleanText {
  const known = charset ? new Set([...charset]) : null;
  const dropped: string[] = [];
  let out = '';
  for (const c of typed) {
    if (c === ' ' || c === '\t' || !known || known.has(c)) out += c === '\t' ? ' ' : c;
    else if (c !== '\n' && c !== '\r' && !dropped.includes(c)) dropped.push(c);
  }
  return { text: out.replace(/ {2,}/g, ' ').trim().slice(0, LATENT_MAX_TEXT), dropped };
}

/** The grid's character: the chosen one when the model knows it, else the text's first, else the charset's. */
export function gridChar(choice: string, text: string, charset: string): string {
  const known = new Set([...charset]);
  if (choice && known.has(choice)) return choice;
  for (const c of text) if (known.has(c)) return c;
  return [...charset][0] ?? 'A';
}
