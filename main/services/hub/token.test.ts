/** The hub token: sealed with the host's keychain when there is one, in memory otherwise, HF_TOKEN taken. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nullLogger } from '../../log/logger';
import { tempDir } from '../../testing/atelier';
import { TokenStore } from './token';

const dir = tempDir('hub-token-');
afterAll(() => dir.remove());
const xor = (b: Buffer): Buffer => Buffer.from(b.map((x) => x ^ 0x5a));
const secrets = { encrypt: (s: string) => xor(Buffer.from(s)), decrypt: (b: Buffer) => xor(b).toString() };

describe('hub token', () => {
  it('keeps a token sealed on disk with the keychain, never in plain text, and reads it back', async () => {
    const a = new TokenStore(dir.path, secrets, nullLogger);
    await a.load({});
    expect(a.status()).toEqual({ present: false, storage: 'none' });
    expect(await a.set('hf_abcdefgh12345')).toBe('keychain');
    const file = join(dir.path, 'hub-token.bin');
    expect(readFileSync(file).toString()).not.toContain('hf_abcdefgh12345');
    const b = new TokenStore(dir.path, secrets, nullLogger);
    await b.load({});
    expect(b.get()).toBe('hf_abcdefgh12345');
    expect(await b.set(null)).toBe('none');
    expect(existsSync(file)).toBe(false);
  });

  it('keeps it in memory without a keychain, and takes HF_TOKEN from the environment', async () => {
    const t = new TokenStore(dir.path, undefined, nullLogger);
    await t.load({ HF_TOKEN: 'hf_fromtheenvironment' });
    expect(t.status()).toEqual({ present: true, storage: 'memory' });
    expect(await t.set('hf_another_token')).toBe('memory');
    expect(existsSync(join(dir.path, 'hub-token.bin'))).toBe(false);
  });

  it('refuses a token that is not a Hugging Face one, naming the field', async () => {
    const t = new TokenStore(dir.path, undefined, nullLogger);
    await expect(t.set('ghp_notahubtoken')).rejects.toMatchObject({ field: 'token', code: 'invalid-input' });
    expect(t.status().present).toBe(false);
  });

  it('drops a sealed token the keychain can no longer open, with a log line that does not quote it', async () => {
    writeFileSync(join(dir.path, 'hub-token.bin'), Buffer.from('garbage'));
    const warned: string[] = [];
    const broken = {
      encrypt: secrets.encrypt,
      decrypt: (): string => {
        throw new Error('cannot decrypt');
      },
    };
    const t = new TokenStore(dir.path, broken, { ...nullLogger, warn: (m) => void warned.push(m) });
    await t.load({});
    expect(t.status()).toEqual({ present: false, storage: 'none' });
    expect(warned.join()).toMatch(/cannot be decrypted/);
  });
});
