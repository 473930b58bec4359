/**
 * `atelier texture --like`: a photo matched in the bundled texture model's style space, the
 * distance and verdict printed, the texture written at the asked size; bad photos and command
 * lines refused with one line, exit 2 and nothing written.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli';
import { captureOutput, cliTempDir, refusesEach } from './testing';

const printed = captureOutput({ progress: false });
const dir = cliTempDir('atelier-cli-texture-like-');

describe('atelier texture --like', () => {
  it('matches a JPEG photo, prints the distance and verdict, and writes the texture at the size asked', async () => {
    const photo = join(dir.path, 'bark.png');
    expect(
      await runCli([
        'texture',
        '--seed',
        '21',
        '--size',
        '256',
        '--style',
        'bark',
        '--out',
        photo,
        ...dir.data,
      ]),
    ).toBe(0);
    // The photo as a camera would give it: a JPEG.
    const decoded = PNG.sync.read(readFileSync(photo));
    const jpg = join(dir.path, 'bark.jpg');
    writeFileSync(jpg, jpeg.encode({ data: decoded.data, width: 256, height: 256 }, 90).data);
    printed.stdout.length = 0;
    const out = join(dir.path, 'like.png');
    expect(
      await runCli(['texture', '--like', jpg, '--size', '512', '--out', out, '--seed', '3', ...dir.data]),
    ).toBe(0);
    expect(printed.stdout[0]).toMatch(
      /^Match: (close|rough), distance \d+\.\d+ \(the photo's own halves: \d+\.\d+\); Bark \d+%/i,
    );
    expect(printed.stdout[1]).toMatch(/match/i);
    expect(printed.stdout[2]).toMatch(/^Wrote .*like\.png \(512×512/);
    const png = PNG.sync.read(readFileSync(out));
    expect([png.width, png.height]).toEqual([512, 512]);
  }, 120_000);
});

describe('atelier texture --like refusals', () => {
  const notImage = join(dir.path, 'notes.png');
  writeFileSync(notImage, 'just some words');
  const tiny = join(dir.path, 'tiny.png');
  writeFileSync(tiny, PNG.sync.write(new PNG({ width: 1, height: 1 })));
  const out = join(dir.path, 'never.png');
  refusesEach(
    [
      [['texture', '--like', notImage, '--out', out], /--like: This file is not a PNG or JPEG image/],
      [['texture', '--like', tiny, '--out', out], /--like: .*1×1/],
      [['texture', '--like', join(dir.path, 'missing.jpg'), '--out', out], /cannot read --like/],
      [['texture', '--like', tiny, '--style', 'bark', '--out', out], /leave out --style and --blend/],
    ],
    printed,
    { suffix: dir.data, after: () => expect(existsSync(out)).toBe(false) },
  );
});
