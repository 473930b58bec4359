/**
 * The subcommand table: a new subcommand is a file exporting `name`, `usage` and `run`, plus a
 * line here. The order is the order of the usage text and of the "try: …" hint.
 */
import * as augment from './augment';
import * as batch from './batch';
import type { Command } from './command';
import * as image from './image';
import * as lab from './lab';
import * as latent from './latent';
import * as library from './library';
import * as material from './material';
import * as melody from './melody';
import * as models from './models';
import * as palette from './palette';
import * as text from './text';
import * as texture from './texture';
import * as worker from './worker';

export const commands: readonly Command[] = [
  texture,
  latent,
  melody,
  text,
  image,
  palette,
  material,
  lab,
  augment,
  worker,
  batch,
  models,
  library,
];
