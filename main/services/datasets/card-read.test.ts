/**
 * `datasets.card` on real augment outputs in a temp dir: the card and the manifest's counts, and
 * the refusals a hostile page could try (a relative path, a folder that no augment made, a
 * README.md that is a symbolic link out of the folder, the app's data folder, a system folder).
 */
import { mkdirSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CARD_MAX_BYTES, readDatasetCard } from './card-read';
import { augmentedTiny, rejection as refusal, tempRoots } from './testing';

const newRoot = tempRoots();

async function augmented(k = 2): Promise<{ root: string; out: string; data: string }> {
  const a = await augmentedTiny(newRoot(), k, 3);
  mkdirSync(a.data);
  return a;
}

describe('readDatasetCard', () => {
  it('reads the card and counts the manifest rows, real and synthetic', async () => {
    const { out, data } = await augmented(2);
    const card = await readDatasetCard(out, data);
    expect(card.path).toBe(join(out, 'README.md'));
    expect(card.markdown).toMatch(/^---\n/);
    expect(card.markdown).toContain('broken.png');
    // tinyImageFolder: 3 readable training images per class, 2 classes; k = 2 each.
    expect(card.real).toBe(6);
    expect(card.synthetic).toBe(12);
  });

  it('refuses a relative path, naming the field', async () => {
    const { data } = await augmented(1);
    const e = await refusal(readDatasetCard('out', data));
    expect(e.code).toBe('invalid-input');
    expect(e.field).toBe('out');
    expect(e.message).toMatch(/absolute/);
  });

  it('answers not-found for a folder no augment made, and for a missing folder', async () => {
    const { root, data } = await augmented(1);
    const plain = join(root, 'plain');
    mkdirSync(plain);
    writeFileSync(join(plain, 'README.md'), '# not a dataset');
    const e = await refusal(readDatasetCard(plain, data));
    expect(e.code).toBe('not-found');
    expect(e.field).toBe('out');
    expect(e.message).toContain(plain);
    expect(e.message).toMatch(/not the output of an augment run/);
    const gone = await refusal(readDatasetCard(join(root, 'nowhere'), data));
    expect(gone.code).toBe('not-found');
    expect(gone.message).toMatch(/does not exist/);
  });

  it('answers not-found, naming the folder, when the card is missing', async () => {
    const { out, data } = await augmented(1);
    unlinkSync(join(out, 'README.md'));
    const e = await refusal(readDatasetCard(out, data));
    expect(e.code).toBe('not-found');
    expect(e.message).toContain(out);
  });

  it('refuses a README.md that is a symbolic link leaving the folder', async () => {
    const { root, out, data } = await augmented(1);
    const secret = join(root, 'secret.md');
    writeFileSync(secret, 'private');
    unlinkSync(join(out, 'README.md'));
    symlinkSync(secret, join(out, 'README.md'));
    const e = await refusal(readDatasetCard(out, data));
    expect(e.code).toBe('invalid-input');
    expect(e.message).toMatch(/not a file inside the output folder/);
  });

  it('refuses the app data folder and system folders', async () => {
    const { out, data } = await augmented(1);
    const inData = await refusal(readDatasetCard(join(data, 'x'), data));
    expect(inData.message).toMatch(/data folder/);
    const holding = await refusal(readDatasetCard(out, join(out, 'train')));
    expect(holding.message).toMatch(/data folder/);
    if (process.platform !== 'win32') {
      const sys = await refusal(readDatasetCard('/etc', data));
      expect(sys.message).toMatch(/system folder/);
    }
  });

  it('reads a card past the cap only up to it, and says so', async () => {
    const { out, data } = await augmented(1);
    writeFileSync(join(out, 'README.md'), 'x'.repeat(CARD_MAX_BYTES + 10));
    const card = await readDatasetCard(out, data);
    expect(card.markdown.startsWith('x'.repeat(CARD_MAX_BYTES))).toBe(true);
    expect(card.markdown).toMatch(/only its first 1024 KB are shown/);
  });
});
