import { describe, expect, it } from 'vitest';
import { checkFolderPath } from './importPath';

describe('checkFolderPath', () => {
  it('takes absolute POSIX and drive-letter paths, trimmed', () => {
    expect(checkFolderPath('  /models/sd ', 'empty')).toEqual({ ok: true, path: '/models/sd' });
    expect(checkFolderPath('D:\\models\\sd', 'empty').ok).toBe(true);
  });
  it('refuses empty and relative paths readably', () => {
    expect(checkFolderPath(' ', 'Enter the folder.')).toEqual({ ok: false, message: 'Enter the folder.' });
    const rel = checkFolderPath('models/sd', 'empty');
    expect(rel.ok).toBe(false);
    if (!rel.ok) expect(rel.message).toMatch(/absolute/);
  });
});
