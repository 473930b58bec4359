/**
 * A designer's set of glyphs of one font (the style from several letters): which character a file
 * shows when its name says so, adding files up to the contract's limit, which glyphs go to the
 * encoder, and a refusal from `latent.encodeGlyphs` pinned to the glyph it names.
 */
import { LATENT_MAX_GLYPHS, type ErrorInfo } from '../../../preload/contract';

export interface GlyphItem {
  /** Stable within the page: chips, marks and answers find their glyph by it. */
  id: string;
  fileName: string;
  bytes: Uint8Array<ArrayBuffer>;
  /** The character it shows ('' until the designer says). */
  char: string;
  /** The service refused the picture (not an image, too small): it stays out until removed. */
  imageError: string | null;
  /** The service or the page refused this character; cleared when the character changes. */
  charError: string | null;
}

/** Last dot-separated part of a name (the extension) and everything before it. */
const stem = (name: string): string => {
  const base = name.split(/[\\/]/).pop() ?? name;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
};

const KIND = /(?:^|[-_ .])(upper|lower|digit|uc|lc|cap|capital|small)[-_ ]?(\p{L}|\p{Nd})$/iu;

/**
 * The character a file name plainly names, or '' when it does not: `a.png` → a, `R.png` → R,
 * `upper-A.png` and `00-upper-A.png` → A, `lower-a.png` → a, `digit-5.png` → 5, `glyph_g.jpg` →
 * g, `Garamond-Q.png` → Q. A character the model cannot draw is not guessed.
 */
export function charFromFileName(name: string, charset?: string): string {
  const s = stem(name).trim();
  const chars = [...s];
  let guess = '';
  const kind = KIND.exec(s);
  if (chars.length === 1) guess = s;
  else if (kind) {
    const [, which = '', c = ''] = kind;
    const w = which.toLowerCase();
    guess = w === 'upper' || w === 'uc' || w === 'cap' || w === 'capital' ? c.toUpperCase() : c;
    if (w === 'lower' || w === 'lc' || w === 'small') guess = c.toLowerCase();
  } else {
    // The last part after a separator, when it is one character: glyph_g, font-Q, sample 7.
    const last = [...(s.split(/[-_ .]+/).pop() ?? '')];
    if (last.length === 1) guess = last[0]!;
  }
  if (guess === '' || /\s/u.test(guess)) return '';
  if (charset !== undefined && !charset.includes(guess)) return '';
  return guess;
}

/** The one character a field edit leaves: the last one typed (so typing over a letter replaces it). */
export function editedChar(value: string): string {
  const chars = [...value.trim()];
  return chars[chars.length - 1] ?? '';
}

export interface Added {
  items: GlyphItem[];
  /** A sentence naming the files that were not added (over the limit), or null. */
  refused: string | null;
}

/** The set with new files appended, up to LATENT_MAX_GLYPHS; the rest are named in a sentence. */
export function addGlyphs(
  items: readonly GlyphItem[],
  files: readonly Omit<GlyphItem, 'char' | 'imageError' | 'charError'>[],
  charset: string,
): Added {
  const room = Math.max(0, LATENT_MAX_GLYPHS - items.length);
  const taken = files.slice(0, room).map((f) => ({
    ...f,
    char: charFromFileName(f.fileName, charset),
    imageError: null,
    charError: null,
  }));
  const left = files.slice(room).map((f) => `“${f.fileName}”`);
  const refused =
    left.length === 0
      ? null
      : `A style combines at most ${LATENT_MAX_GLYPHS} glyphs, so ${left.join(', ')} ${
          left.length === 1 ? 'was' : 'were'
        } not added. Remove a glyph to make room.`;
  return { items: [...items, ...taken], refused };
}

/** Why the model cannot take this character (checked in the page, before any call), or null. */
export function charProblem(char: string, charset: string): string | null {
  if (char === '') return null;
  if (charset.includes(char)) return null;
  return `This model cannot draw “${char}”; it draws ${describeCharset(charset)}.`;
}

const RUNS = ['ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz', '0123456789'];

/** "A–Z, a–z, 0–9" for the usual charset (runs it holds whole), then any other characters. */
export function describeCharset(charset: string): string {
  const parts: string[] = [];
  let rest = charset;
  for (const run of RUNS) {
    if (![...run].every((c) => charset.includes(c))) continue;
    parts.push(`${run[0]}–${run[run.length - 1]}`);
    rest = [...rest].filter((c) => !run.includes(c)).join('');
  }
  if (rest !== '') parts.push([...rest].join(' '));
  return parts.join(', ');
}

/** A glyph ready for the encoder: it has a character the model knows and nothing refused about it. */
export function isReady(item: GlyphItem, charset: string): boolean {
  return (
    item.char !== '' &&
    item.imageError === null &&
    item.charError === null &&
    !charProblem(item.char, charset)
  );
}

/** What is asked of `latent.encodeGlyphs`, and which glyph each entry is. */
export interface StyleRequest {
  model: string;
  ids: string[];
  glyphs: { image: Uint8Array<ArrayBuffer>; char: string }[];
  /** Same key, same question: an answer to another key is stale. */
  key: string;
}

/** The request for the set's ready glyphs, or null when none is ready. */
export function styleRequest(
  model: string,
  items: readonly GlyphItem[],
  charset: string,
): StyleRequest | null {
  const ready = items.filter((g) => isReady(g, charset));
  if (ready.length === 0) return null;
  return {
    model,
    ids: ready.map((g) => g.id),
    glyphs: ready.map((g) => ({ image: g.bytes, char: g.char })),
    key: JSON.stringify([model, ready.map((g) => [g.id, g.char])]),
  };
}

/**
 * A refusal of `latent.encodeGlyphs` pinned to the glyph its field names (`glyphs.<i>.image` or
 * `glyphs.<i>.char`): the set with that glyph marked, or null when the error names no glyph.
 */
export function withRefusal(
  items: readonly GlyphItem[],
  req: Pick<StyleRequest, 'ids' | 'glyphs'>,
  err: Pick<ErrorInfo, 'field' | 'message'>,
): GlyphItem[] | null {
  const m = /^glyphs\.(\d+)\.(image|char)$/.exec(err.field ?? '');
  if (!m) return null;
  const id = req.ids[Number(m[1])];
  const sent = req.glyphs[Number(m[1])];
  if (id === undefined || !sent) return null;
  // "Glyph 2 ("a"): …" counts the glyphs sent, not the chips: the chip shows the rest.
  const message = err.message.replace(/^Glyph \d+(?: \("[^"]*"\))?: /, '');
  const sentence = message.charAt(0).toUpperCase() + message.slice(1);
  return items.map((g) => {
    if (g.id !== id) return g;
    // The designer changed the character while the call ran: the refusal is not about this one.
    if (m[2] === 'char') return g.char === sent.char ? { ...g, charError: sentence } : g;
    return { ...g, imageError: sentence };
  });
}

/** The set with one glyph's character changed (its character refusal goes with the old one). */
export function withChar(items: readonly GlyphItem[], id: string, char: string): GlyphItem[] {
  return items.map((g) => (g.id === id && g.char !== char ? { ...g, char, charError: null } : g));
}
