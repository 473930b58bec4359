/** Every lab the studio shows, in tab order (each folder's `def.tsx`; engines in preload/labs/registry.ts). */
import { bayesLabDef } from './bayes/def';
import { diffusionLabDef } from './diffusion/def';
import { flowLabDef } from './flow/def';
import { ganLabDef } from './gan/def';
import type { LabDef } from './lab-def';
import { vaeLabDef } from './vae/def';

export const LABS: readonly LabDef[] = [
  ganLabDef as LabDef,
  vaeLabDef as LabDef,
  flowLabDef as LabDef,
  diffusionLabDef as LabDef,
  bayesLabDef as LabDef,
];
