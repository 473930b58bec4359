import { describe, expect, it } from 'vitest';
import { LATENT_MAX_GLYPHS } from '../../../preload/contract';
import {
  addGlyphs,
  charFromFileName,
  charProblem,
  describeCharset,
  editedChar,
  styleRequest,
  withChar,
  withRefusal,
  type GlyphItem,
} from './glyphSet';

const CHARSET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const bytes = (n: number) => new Uint8Array([n]);
const file = (id: string, fileName: string) => ({ id, fileName, bytes: bytes(1) });
const item = (id: string, char: string, extra: Partial<GlyphItem> = {}): GlyphItem => ({
  ...file(id, `${char || 'x'}.png`),
  char,
  imageError: null,
  charError: null,
  ...extra,
});

describe('charFromFileName', () => {
  it('reads the letter a plain file name gives', () => {
    expect(charFromFileName('a.png', CHARSET)).toBe('a');
    expect(charFromFileName('R.png', CHARSET)).toBe('R');
    expect(charFromFileName('upper-A.png', CHARSET)).toBe('A');
    expect(charFromFileName('00-upper-A.png', CHARSET)).toBe('A');
    expect(charFromFileName('lower-a.PNG', CHARSET)).toBe('a');
    expect(charFromFileName('digit-5.png', CHARSET)).toBe('5');
    expect(charFromFileName('glyph_g.jpg', CHARSET)).toBe('g');
    expect(charFromFileName('Garamond-Q.jpeg', CHARSET)).toBe('Q');
    expect(charFromFileName('UC_b.png', CHARSET)).toBe('B');
    expect(charFromFileName('lower_A.png', CHARSET)).toBe('a');
    expect(charFromFileName('/some/folder/k.png', CHARSET)).toBe('k');
  });

  it('guesses nothing when the name is not plain, or the model cannot draw the letter', () => {
    expect(charFromFileName('scan-0042.png', CHARSET)).toBe('');
    expect(charFromFileName('my letter.png', CHARSET)).toBe('');
    expect(charFromFileName('notes.png', CHARSET)).toBe('');
    expect(charFromFileName('é.png', CHARSET)).toBe('');
    expect(charFromFileName('glyph_%.png', CHARSET)).toBe('');
    expect(charFromFileName('.png', CHARSET)).toBe('');
  });
});

describe('editing a character', () => {
  it('keeps the last typed character (typing over a letter replaces it)', () => {
    expect(editedChar('ab')).toBe('b');
    expect(editedChar('')).toBe('');
    expect(editedChar(' ')).toBe('');
  });

  it('drops the character refusal with the old character, and only on that glyph', () => {
    const set = [item('1', '€', { charError: 'no' }), item('2', 'b', { charError: 'other' })];
    const next = withChar(set, '1', 'e');
    expect(next[0]).toMatchObject({ char: 'e', charError: null });
    expect(next[1]).toBe(set[1]);
    expect(withChar(set, '1', '€')[0]).toBe(set[0]);
  });

  it('names a character the model cannot draw, with what it draws', () => {
    expect(charProblem('a', CHARSET)).toBeNull();
    expect(charProblem('', CHARSET)).toBeNull();
    expect(charProblem('€', CHARSET)).toBe('This model cannot draw “€”; it draws A–Z, a–z, 0–9.');
    expect(describeCharset('ABCDEFGHIJKLMNOPQRSTUVWXYZ&!')).toBe('A–Z, & !');
  });
});

describe('addGlyphs', () => {
  it('adds files with the letters their names give, the others waiting for one', () => {
    const { items, refused } = addGlyphs([], [file('1', 'upper-H.png'), file('2', 'scan.png')], CHARSET);
    expect(items.map((g) => g.char)).toEqual(['H', '']);
    expect(refused).toBeNull();
  });

  it(`takes at most ${LATENT_MAX_GLYPHS} glyphs and names the ones it refused`, () => {
    const eleven = Array.from({ length: 11 }, (_, i) => item(String(i), 'a'));
    const { items, refused } = addGlyphs(
      eleven,
      [file('x', 'b.png'), file('y', 'c.png'), file('z', 'd.png')],
      CHARSET,
    );
    expect(items).toHaveLength(LATENT_MAX_GLYPHS);
    expect(items[11]!.fileName).toBe('b.png');
    expect(refused).toBe(
      'A style combines at most 12 glyphs, so “c.png”, “d.png” were not added. Remove a glyph to make room.',
    );
    const one = addGlyphs(items, [file('w', 'e.png')], CHARSET);
    expect(one.items).toHaveLength(LATENT_MAX_GLYPHS);
    expect(one.refused).toMatch(/“e\.png” was not added/);
  });
});

describe('styleRequest', () => {
  it('asks with the ready glyphs only, in order, and a key that changes with the set or a character', () => {
    const set = [
      item('1', 'a'),
      item('2', ''),
      item('3', 'b', { imageError: 'not a picture' }),
      item('4', '€'),
      item('5', 'c', { charError: 'refused' }),
      item('6', 'R'),
    ];
    const req = styleRequest('glyphs', set, CHARSET)!;
    expect(req.ids).toEqual(['1', '6']);
    expect(req.glyphs.map((g) => g.char)).toEqual(['a', 'R']);
    expect(styleRequest('glyphs', withChar(set, '6', 'S'), CHARSET)!.key).not.toBe(req.key);
    expect(styleRequest('glyphs', set.slice(0, 5), CHARSET)!.key).not.toBe(req.key);
    expect(styleRequest('other', set, CHARSET)!.key).not.toBe(req.key);
    expect(styleRequest('glyphs', set, CHARSET)!.key).toBe(req.key);
    expect(styleRequest('glyphs', [item('2', '')], CHARSET)).toBeNull();
  });
});

describe('withRefusal', () => {
  const set = [item('1', 'a'), item('2', ''), item('3', 'b'), item('4', 'c')];
  const req = styleRequest('glyphs', set, CHARSET)!;

  it('pins an image refusal to the glyph it names (counted among the glyphs sent)', () => {
    const next = withRefusal(set, req, {
      field: 'glyphs.1.image',
      message: 'Glyph 2 ("b"): the file is not a PNG or JPEG image.',
    })!;
    expect(next.map((g) => g.imageError)).toEqual([null, null, 'The file is not a PNG or JPEG image.', null]);
    // The others keep working: the next request leaves that glyph out.
    expect(styleRequest('glyphs', next, CHARSET)!.ids).toEqual(['1', '4']);
  });

  it('pins a character refusal, unless the character changed meanwhile', () => {
    const err = { field: 'glyphs.2.char', message: 'Glyph 3: this model cannot draw "c".' };
    expect(withRefusal(set, req, err)![3]!.charError).toBe('This model cannot draw "c".');
    expect(withRefusal(withChar(set, '4', 'd'), req, err)![3]!.charError).toBeNull();
  });

  it('gives null for an error that names no glyph', () => {
    expect(withRefusal(set, req, { field: 'model', message: 'x' })).toBeNull();
    expect(withRefusal(set, req, { message: 'x' })).toBeNull();
    expect(withRefusal(set, req, { field: 'glyphs.9.image', message: 'x' })).toBeNull();
  });
});
