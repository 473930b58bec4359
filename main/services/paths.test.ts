import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultUserDataDir, resolveDataDir } from './paths';

describe('data dir', () => {
  it("matches Electron's userData for the app name on each platform", () => {
    expect(defaultUserDataDir('linux', {}, '/home/u')).toBe('/home/u/.config/Atelier');
    expect(defaultUserDataDir('linux', { XDG_CONFIG_HOME: '/x' }, '/home/u')).toBe('/x/Atelier');
    expect(defaultUserDataDir('darwin', {}, '/Users/u')).toBe('/Users/u/Library/Application Support/Atelier');
    expect(defaultUserDataDir('win32', { APPDATA: 'C:\\AppData' }, 'C:\\u')).toBe(
      join('C:\\AppData', 'Atelier'),
    );
  });

  it('lets --data-dir win over ATELIER_DATA_DIR over the default', () => {
    expect(resolveDataDir('/flag', { ATELIER_DATA_DIR: '/env' })).toBe('/flag');
    expect(resolveDataDir(undefined, { ATELIER_DATA_DIR: '/env' })).toBe('/env');
    expect(resolveDataDir(undefined, {})).toBe(defaultUserDataDir());
  });
});
