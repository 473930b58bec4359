import { describe, expect, it } from 'vitest';
import { storageSentence, tokenProblem } from './token';

describe('the Hugging Face token field', () => {
  it('refuses what main would refuse, with a sentence', () => {
    expect(tokenProblem('hf_abcdefghijklmnop')).toBeNull();
    expect(tokenProblem('  hf_abcdefghijklmnop  ')).toBeNull();
    expect(tokenProblem('')).toMatch(/Paste a token/);
    expect(tokenProblem('hf_ab')).toMatch(/not a Hugging Face token/);
    expect(tokenProblem('hf abc defghijk')).toMatch(/only letters, digits/);
    expect(tokenProblem('abcdefghijklmnop')).toBe('A Hugging Face access token starts with “hf_”.');
  });

  it('says where a token is kept', () => {
    expect(storageSentence('keychain', 'electron')).toMatch(/^Kept encrypted with your system’s keychain/);
    expect(storageSentence('memory', 'browser')).toMatch(/^Kept in memory only, for this session/);
    // None kept yet: where this host would keep one.
    expect(storageSentence('none', 'browser')).toMatch(/kept in memory only, for this session/);
    expect(storageSentence('none', 'electron')).toMatch(/keychain/);
  });
});
