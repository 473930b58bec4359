/**
 * What the Datasets specs share: a tiny ImageFolder of coloured PNGs made on disk (each file a
 * noisy picture of its class colour with a bright square somewhere, so every file differs), and
 * opening the studio.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { expect } from './host';

export const CLASSES = { red: [220, 40, 40], green: [40, 200, 60], blue: [40, 70, 230] } as const;

export function classPng(rgb: readonly number[], seed: number, side: number): Buffer {
  const img = new PNG({ width: side, height: side });
  const square = side / 4;
  let s = seed * 2654435761;
  const rand = (): number => ((s = (s * 1103515245 + 12345) >>> 0) >>> 8) / 2 ** 24;
  const sq = { x: Math.floor(rand() * (side - square)), y: Math.floor(rand() * (side - square)) };
  for (let y = 0; y < side; y++)
    for (let x = 0; x < side; x++) {
      const i = (y * side + x) * 4;
      const inSquare = x >= sq.x && x < sq.x + square && y >= sq.y && y < sq.y + square;
      for (let c = 0; c < 3; c++)
        img.data[i + c] = inSquare
          ? 250
          : Math.max(0, Math.min(255, rgb[c]! + Math.round((rand() - 0.5) * 60)));
      img.data[i + 3] = 255;
    }
  return PNG.sync.write(img);
}

export interface FolderSpec {
  name: string;
  perClass: number;
  side: number;
  /** Held-out images per class under test/ (then the training images go under train/). */
  test?: number;
}

/** The ImageFolder `root/<name>`: class folders, or train/ and test/ when `test` is given. */
export function makeClassFolder(root: string, spec: FolderSpec): { input: string; sources: number } {
  const input = join(root, spec.name);
  let seed = 1;
  for (const [label, rgb] of Object.entries(CLASSES)) {
    const splits = spec.test ? (['train', 'test'] as const) : ([''] as const);
    for (const split of splits) {
      mkdirSync(join(input, split, label), { recursive: true });
      const n = split === 'test' ? spec.test! : spec.perClass;
      for (let i = 0; i < n; i++)
        writeFileSync(join(input, split, label, `${label}-${i}.png`), classPng(rgb, seed++, spec.side));
    }
  }
  return { input, sources: Object.keys(CLASSES).length * spec.perClass };
}

export async function openStudio(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('nav-datasets').click();
  await expect(page.getByTestId('datasets-studio')).toBeVisible();
}
