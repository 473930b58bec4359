/**
 * Every view of the app, listed once, in nav order; the first is shown at start. Each studio's
 * folder exports its definition (`studio.tsx`); the app, the nav and the Library's cards read
 * this list. Adding a studio: its folder with a `studio.tsx`, and one line here.
 */
import { datasetsStudio } from './datasets/studio';
import { imageStudio } from './images/studio';
import { labsStudio } from './labs/studio';
import { latentStudio } from './latent/studio';
import { libraryStudio } from './library/studio';
import { melodyStudio } from './melody/studio';
import { modelsStudio } from './models/studio';
import { paletteStudio } from './palettes/studio';
import type { StudioDef } from './shell/studio';
import { textureStudio } from './textures/studio';
import { writerStudio } from './writer/studio';

export const studios: readonly StudioDef[] = [
  textureStudio,
  latentStudio,
  melodyStudio,
  writerStudio,
  imageStudio,
  paletteStudio,
  labsStudio,
  datasetsStudio,
  modelsStudio,
  libraryStudio,
];
