import { describe, expect, it } from 'vitest';
import { dataUrlBytes, imageKind, initFileProblem } from './initImage';

describe('init files', () => {
  it('takes files within the size limit', () => {
    expect(initFileProblem({ name: 'a.png', size: 10 })).toBe(null);
    expect(initFileProblem({ name: 'a.png', size: 0 })).toMatch(/empty/);
    expect(initFileProblem({ name: 'a.png', size: 25 * 1024 * 1024 })).toMatch(/24 MiB/);
  });
  it('knows PNG and JPEG by their signature', () => {
    expect(imageKind(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('png');
    expect(imageKind(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(imageKind(new TextEncoder().encode('GIF89a'))).toBe(null);
    expect(imageKind(new Uint8Array([]))).toBe(null);
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
