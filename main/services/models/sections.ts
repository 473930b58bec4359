/**
 * Every task's manifest section, listed once. A studio whose models need their own manifest
 * section defines it beside its service (`defineModelSection`) and adds one line here; the
 * manifest schema, its checks and the model list's summaries derive from this list.
 */
import { imageModelSection } from '../image/model-section';
import { latentModelSection } from '../latent/model-section';
import { priorModelSection } from '../latent/prior-section';
import { melodyModelSection } from '../melody/model-section';
import { paletteModelSection } from '../palette/model-section';
import { textModelSection } from '../text/model-section';
import { textureModelSection } from '../texture/model-section';

export const MODEL_SECTIONS = [
  textureModelSection,
  latentModelSection,
  melodyModelSection,
  textModelSection,
  imageModelSection,
  paletteModelSection,
  priorModelSection,
] as const;
