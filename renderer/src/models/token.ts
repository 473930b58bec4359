/** The Hugging Face token field's logic: the checks main makes, repeated for a sentence before the call, and where a token is kept. */

/** The same rule as `hub.setToken` (letters, digits, "_" and "-", 8 to 256 of them, starting "hf_"). */
const TOKEN = /^[A-Za-z0-9_-]{8,256}$/;

/** Why the typed token would be refused (null when it would not). */
export function tokenProblem(text: string): string | null {
  const t = text.trim();
  if (t === '') return 'Paste a token first (it starts with “hf_”).';
  if (!TOKEN.test(t)) {
    return 'That is not a Hugging Face token: it has only letters, digits, “_” and “-”, 8 to 256 of them.';
  }
  if (!t.startsWith('hf_')) return 'A Hugging Face access token starts with “hf_”.';
  return null;
}

export type TokenStorage = 'keychain' | 'memory' | 'none';

/**
 * Where the token is kept, for the line under the field: as `hub.status` says once one is set,
 * else where this host would keep one (Electron: the keychain where the system has one).
 */
export function storageSentence(storage: TokenStorage, host: string | null): string {
  switch (storage) {
    case 'keychain':
      return 'Kept encrypted with your system’s keychain. It is never shown again.';
    case 'memory':
      return 'Kept in memory only, for this session: forgotten when Atelier stops. It is never shown again.';
    default:
      return host === 'electron'
        ? 'A token you save is kept encrypted with your system’s keychain (in memory for this session where there is none), and never shown again.'
        : 'A token you save is kept in memory only, for this session, and never shown again.';
  }
}
