import { describe, expect, it } from 'vitest';
import { dataUrlBytes, initFileProblem } from './initImage';

describe('init files', () => {
  it('takes PNG and JPEG files within the size limit', () => {
    expect(initFileProblem({ name: 'a.png', type: 'image/png', size: 10 })).toBe(null);
    expect(initFileProblem({ name: 'a.JPG', type: '', size: 10 })).toBe(null);
    expect(initFileProblem({ name: 'a.gif', type: 'image/gif', size: 10 })).toMatch(/not a PNG or JPEG/);
    expect(initFileProblem({ name: 'a.png', type: 'image/png', size: 0 })).toMatch(/empty/);
    expect(initFileProblem({ name: 'a.png', type: 'image/png', size: 25 * 1024 * 1024 })).toMatch(/24 MiB/);
  });
});

describe('dataUrlBytes', () => {
  it('decodes base64 and plain data URLs', () => {
    expect(dataUrlBytes('data:image/png;base64,AQID')).toEqual({
      mime: 'image/png',
      bytes: new Uint8Array([1, 2, 3]),
    });
    expect(dataUrlBytes('data:text/plain,hi%21').bytes).toEqual(new TextEncoder().encode('hi!'));
    expect(() => dataUrlBytes('nope')).toThrow();
  });
});
