import { describe, expect, it } from 'vitest';
import { LATENT_MAX_IMAGE_BYTES } from '../../../preload/contract';
import { encodeFileProblem } from './encoding';

describe('encodeFileProblem', () => {
  it('takes files up to the limit', () => {
    expect(encodeFileProblem({ name: 'a.png', size: 10 })).toBeNull();
    expect(encodeFileProblem({ name: 'a.png', size: LATENT_MAX_IMAGE_BYTES })).toBeNull();
  });

  it('refuses a larger file by name, with the limit in MiB', () => {
    expect(encodeFileProblem({ name: 'big.png', size: LATENT_MAX_IMAGE_BYTES + 1 })).toEqual({
      code: 'invalid-input',
      message: '“big.png” is too large to encode (at most 24 MiB).',
    });
  });
});
