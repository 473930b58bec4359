/**
 * Every lab engine, listed once (the worker, the CLI and the bench read this table). Adding a
 * lab: its engine file here and one line below; its view in renderer/src/labs/.
 */
import { bayesLab } from './bayes';
import { diffusionLab } from './diffusion';
import { flowLab } from './flow';
import { ganLab } from './gan';
import type { LabFactory, LabId } from './types';
import { vaeLab } from './vae';

export const labFactories: Record<LabId, LabFactory> = {
  gan: ganLab,
  vae: vaeLab,
  flow: flowLab,
  diffusion: diffusionLab,
  bayes: bayesLab,
};
