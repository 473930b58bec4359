/**
 * The hub access token for gated models. With the host's keychain (Electron's safeStorage) it is
 * kept encrypted in `<dataDir>/hub-token.bin` and read back at start; without one (the browser
 * host, the CLI) it lives in memory only, and the CLI also takes `HF_TOKEN` from the environment.
 * The token itself is never logged nor answered.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AtelierError } from '../../../preload/contract';
import type { Logger } from '../../log/logger';
import type { HostCapabilities } from '../section';

export type TokenStorage = 'keychain' | 'memory' | 'none';

export class TokenStore {
  private token: string | null = null;
  private storage: TokenStorage = 'none';

  constructor(
    private readonly dataDir: string,
    private readonly secrets: HostCapabilities['secrets'],
    private readonly logger: Logger,
  ) {}

  private get file(): string {
    return join(this.dataDir, 'hub-token.bin');
  }

  /** Reads the kept token (or HF_TOKEN); one that cannot be decrypted is dropped with a log line. */
  async load(env: NodeJS.ProcessEnv = process.env): Promise<void> {
    if (this.secrets) {
      const sealed = await readFile(this.file).catch(() => null);
      if (sealed) {
        try {
          this.token = this.secrets.decrypt(sealed);
          this.storage = 'keychain';
          return;
        } catch {
          this.logger.warn(
            'hub: the kept access token cannot be decrypted (the keychain changed?); it is ignored',
          );
        }
      }
    }
    const fromEnv = env.HF_TOKEN?.trim();
    if (fromEnv && /^hf_[A-Za-z0-9_-]{5,253}$/.test(fromEnv)) {
      this.token = fromEnv;
      this.storage = 'memory';
    }
  }

  get(): string | null {
    return this.token;
  }

  status(): { present: boolean; storage: TokenStorage } {
    return { present: this.token !== null, storage: this.token ? this.storage : 'none' };
  }

  async set(token: string | null): Promise<TokenStorage> {
    if (token === null) {
      this.token = null;
      this.storage = 'none';
      await rm(this.file, { force: true });
      return 'none';
    }
    // @huggingface/hub refuses other tokens before any request; say so at once, naming the field.
    if (!token.startsWith('hf_'))
      throw new AtelierError({
        code: 'invalid-input',
        message: 'A Hugging Face access token starts with "hf_".',
        field: 'token',
      });
    this.token = token;
    if (this.secrets) {
      await writeFile(this.file, this.secrets.encrypt(token), { mode: 0o600 });
      this.storage = 'keychain';
    } else this.storage = 'memory';
    return this.storage;
  }
}
