/**
 * What the Melody studio's specs share: @tonejs/midi to read written files, the roll and the
 * studio element, and the notes as the studio mirrors them in `data-music`.
 */
import { createRequire } from 'node:module';
import type { Locator, Page } from '@playwright/test';

type MidiModule = typeof import('@tonejs/midi');
// The package's "module" build is not Node-ESM-loadable; its CommonJS build is.
export const { Midi } = createRequire(import.meta.url)('@tonejs/midi') as MidiModule;

export interface N {
  pitch: number;
  start: number;
  duration: number;
}

export const roll = (page: Page): Locator => page.getByTestId('melody-roll');
export const studio = (page: Page): Locator => page.getByTestId('melody-studio');

/** The roll's notes as the studio mirrors them ("pitch:start:duration …"). */
export async function music(page: Page): Promise<N[]> {
  const text = (await studio(page).getAttribute('data-music')) ?? '';
  return text
    .split(' ')
    .filter(Boolean)
    .map((s) => {
      const [pitch, start, duration] = s.split(':').map(Number);
      return { pitch: pitch!, start: start!, duration: duration! };
    });
}
