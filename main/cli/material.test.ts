/**
 * `atelier material`: a texture the CLI generated (the bundled texture model) made into the set
 * of maps in a folder, 16-bit and DirectX when asked, and bad command lines and pictures refused
 * with one line, exit 2 and nothing written.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli';
import { encodePng } from '../inference/image';
import { pictureSeamScore } from '../services/material/seam';
import { parseRange } from './material';
import { captureOutput, cliTempDir, refusesEach } from './testing';

const printed = captureOutput({ progress: false });
const dir = cliTempDir('atelier-cli-material-');

describe('atelier material', () => {
  it('writes the five maps named by map, seamless like the texture, 16-bit DirectX when asked', async () => {
    const texture = join(dir.path, 'granite.png');
    expect(
      await runCli([
        'texture',
        '--seed',
        '3',
        '--size',
        '256',
        '--style',
        'granite',
        '--out',
        texture,
        ...dir.data,
      ]),
    ).toBe(0);
    const out = join(dir.path, 'maps');
    printed.stdout.length = 0;
    expect(
      await runCli([
        'material',
        '--in',
        texture,
        '--out',
        out,
        '--normal',
        'dx',
        '--bits',
        '16',
        '--strength',
        '3',
        ...dir.data,
      ]),
    ).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'granite_ao.png',
      'granite_basecolor.png',
      'granite_height.png',
      'granite_normal_dx.png',
      'granite_roughness.png',
    ]);
    expect(printed.stdout).toHaveLength(5);
    expect(printed.stdout[0]).toBe(`Wrote ${join(out, 'granite_basecolor.png')}`);
    const source = PNG.sync.read(readFileSync(texture));
    const limit = Math.max(1.5, 1.5 * pictureSeamScore(source, 4, 1));
    for (const map of ['height', 'normal_dx', 'roughness', 'ao']) {
      const bytes = readFileSync(join(out, `granite_${map}.png`));
      expect(bytes[24], map).toBe(16);
      const png = PNG.sync.read(bytes, { skipRescale: true });
      expect([png.width, png.height]).toEqual([256, 256]);
      expect(pictureSeamScore(png, 4, 0), map).toBeLessThan(limit);
    }
  });

  it('reads the roughness range', () => {
    expect(parseRange('0.2:.9')).toEqual([0.2, 0.9]);
    expect(() => parseRange('0.2-0.9')).toThrow(/--roughness must look like MIN:MAX/);
  });
});

describe('bad command lines and pictures', () => {
  const out = join(dir.path, 'never');
  const text = join(dir.path, 'notes.png');
  writeFileSync(text, 'not a picture at all');
  const tiny = join(dir.path, 'tiny.png');
  writeFileSync(tiny, encodePng({ width: 1, height: 1, data: new Uint8Array([9, 9, 9, 255]) }));
  refusesEach(
    [
      [['--in', text], /--out DIR is required/],
      [['--out', out], /give the picture as --in FILE/],
      [['--in', text, '--out', out, '--normal', 'up'], /--normal must be gl or dx, got "up"/],
      [['--in', text, '--out', out, '--bits', '12'], /--bits must be 8 or 16, got "12"/],
      [['--in', join(dir.path, 'missing.png'), '--out', out], /cannot read --in .*missing\.png: ENOENT/],
      [['--in', text, '--out', out], /--in .*notes\.png: This file is not a PNG or JPEG image/],
      [
        ['--in', tiny, '--out', out],
        /--in .*tiny\.png: This picture is 1×1 pixels; a material needs at least 16/,
      ],
      [['--in', tiny, '--out', out, '--strength', '50'], /Normal strength must be from 0 to 20/],
    ],
    printed,
    { prefix: ['material'], suffix: dir.data, after: () => expect(existsSync(out)).toBe(false) },
  );
});
