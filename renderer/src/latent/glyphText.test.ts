import { describe, expect, it } from 'vitest';
import { cleanText, gridChar, sheetText } from './glyphText';

const CHARSET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

describe('sheetText', () => {
  it('lays the charset out as A–M / N–Z / a–m / n–z / 0–9', () => {
    expect(sheetText(CHARSET).split('\n')).toEqual([
      'ABCDEFGHIJKLM',
      'NOPQRSTUVWXYZ',
      'abcdefghijklm',
      'nopqrstuvwxyz',
      '0123456789',
    ]);
  });

  it('groups mixed-up charsets and balances short lines', () => {
    expect(sheetText('a1Bb2A!')).toBe('BA\nab\n12\n!');
    expect(sheetText('ABCDEFGHIJKLMNO', 13)).toBe('ABCDEFGH\nIJKLMNO');
  });
});

describe('cleanText', () => {
  it('keeps known characters and spaces, names the dropped ones once', () => {
    expect(cleanText('Hällo  Wörld!!', CHARSET)).toEqual({ text: 'Hllo Wrld', dropped: ['ä', 'ö', '!'] });
  });

  it('trims and caps at 200 characters', () => {
    expect(cleanText('  Ab  ', CHARSET).text).toBe('Ab');
    expect(cleanText('A'.repeat(300), CHARSET).text).toHaveLength(200);
  });

  it('passes anything when the model names no charset', () => {
    expect(cleanText('x?y', undefined)).toEqual({ text: 'x?y', dropped: [] });
  });
});

describe('gridChar', () => {
  it('prefers the chosen character, then the first drawable of the text', () => {
    expect(gridChar('g', 'Atelier', CHARSET)).toBe('g');
    expect(gridChar('', ' Atelier', CHARSET)).toBe('A');
    expect(gridChar('é', '!!q', CHARSET)).toBe('q');
    expect(gridChar('', '', CHARSET)).toBe('A');
  });
});
