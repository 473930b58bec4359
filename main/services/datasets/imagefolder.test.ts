import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countImageFolder, readImage, scanImageFolder, type ScanEntry } from './imagefolder';
import { picture, pngBytes, put, tempRoots, tinyImageFolder } from './testing';

const root = tempRoots();

async function scan(dir: string): Promise<ScanEntry[]> {
  const out: ScanEntry[] = [];
  for await (const e of scanImageFolder(dir)) out.push(e);
  return out;
}

describe('scanImageFolder', () => {
  it('lists train before held-out splits, sorted, and reports what it skips', async () => {
    const input = tinyImageFolder(root());
    const entries = await scan(input);
    const images = entries.flatMap((e) => (e.kind === 'image' ? [`${e.split}:${e.label}:${e.path}`] : []));
    expect(images).toEqual([
      'train:cat:train/cat/a.png',
      'train:cat:train/cat/b.png',
      'train:cat:train/cat/c.jpg',
      'train:dog:train/dog/a.png',
      'train:dog:train/dog/b.png',
      'train:dog:train/dog/broken.png',
      'train:dog:train/dog/c.jpg',
      'test:cat:test/cat/t.png',
      'test:dog:test/dog/t.png',
    ]);
    const skipped = entries.flatMap((e) => (e.kind === 'skipped' ? [[e.path, e.reason]] : []));
    expect(skipped).toEqual([
      ['train/cat/.DS_Store', 'hidden'],
      ['train/dog/notes.txt', 'not a PNG or JPEG (.txt)'],
    ]);
    expect(await countImageFolder(input)).toEqual({ train: 7, heldOut: 2, skipped: 2 });
  });

  it('reads class folders straight under the root as training data', async () => {
    const r = root();
    put(r, 'b/x.PNG', pngBytes(picture(4, 4, 1)));
    put(r, 'a/y.jpeg', 'fake');
    put(r, 'loose.png', pngBytes(picture(4, 4, 2)));
    const entries = await scan(r);
    expect(entries.map((e) => (e.kind === 'image' ? `${e.split}:${e.label}:${e.format}` : e.reason))).toEqual(
      ['train:a:jpeg', 'train:b:png', 'not in a class folder'],
    );
  });
});

describe('readImage', () => {
  it('decodes a PNG and names what is wrong with a damaged or oversized one', async () => {
    const r = root();
    put(r, 'ok.png', pngBytes(picture(5, 3, 1)));
    put(r, 'cut.png', pngBytes(picture(12, 12, 1)).subarray(0, 60));
    // A PNG header declaring 30000×30000 pixels: refused before decoding.
    const bomb = Buffer.from(pngBytes(picture(2, 2, 1)));
    bomb.writeUInt32BE(30000, 16);
    bomb.writeUInt32BE(30000, 20);
    put(r, 'bomb.png', bomb);
    const ok = await readImage(join(r, 'ok.png'));
    expect(ok.ok && [ok.image.width, ok.image.height]).toEqual([5, 3]);
    const cut = await readImage(join(r, 'cut.png'));
    expect(!cut.ok && cut.reason).toMatch(/could not be read/);
    const big = await readImage(join(r, 'bomb.png'));
    expect(!big.ok && big.reason).toMatch(/30000×30000/);
    const missing = await readImage(join(r, 'nope.png'));
    expect(!missing.ok && missing.reason).toMatch(/ENOENT/);
  });
});
