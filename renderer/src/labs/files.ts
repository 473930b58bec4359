/**
 * A lab's files and Library card: the exported state's name, reading a state file the learner
 * opens (JSON first; the worker checks the rest and answers a readable sentence), and the card's
 * meta line.
 */
import type { Generation } from '../../../preload/contract';
import { LAB_STATE_MAX_BYTES } from '../../../preload/labs/state';

/** The exported state's file name: `<lab>-<iteration>.atelier-lab.json`. */
export function stateFileName(lab: string, iteration: number): string {
  return `${lab}-${iteration}.atelier-lab.json`;
}

export class LabFileError extends Error {}

/** The JSON in a file the learner opened (throws a readable LabFileError when it is not JSON). */
export function parseLabFile(text: string, name: string, bytes = text.length): unknown {
  if (bytes > LAB_STATE_MAX_BYTES) {
    throw new LabFileError(
      `${name} is ${Math.round(bytes / 1048576)} MB; a lab file is at most ${LAB_STATE_MAX_BYTES / 1048576} MB.`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new LabFileError(`${name} is not a lab file: it is not JSON (${why}).`);
  }
}

const LAB_TITLES: Record<string, string> = {
  gan: 'GAN',
  vae: 'VAE',
  flow: 'Flow',
  diffusion: 'Diffusion',
  bayes: 'Bayesian inference',
};

/** The card's meta line: "2,400 iterations · GAN". */
export function labCardMeta(gen: Generation): string {
  const p = (gen.params ?? {}) as Record<string, unknown>;
  const iteration = typeof p.iteration === 'number' ? p.iteration : null;
  const lab = typeof p.lab === 'string' ? (LAB_TITLES[p.lab] ?? p.lab) : null;
  const its =
    iteration === null ? null : `${iteration.toLocaleString('en-US')} iteration${iteration === 1 ? '' : 's'}`;
  return [its, lab].filter(Boolean).join(' · ') || 'Lab';
}
