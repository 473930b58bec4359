/**
 * What an engine saves and takes back to go on bit for bit: its nets' weights, its optimizers'
 * state and its random stream's state.
 */
import type { Rng } from '../rng';
import { loadNets, saveNets, type Mlp } from './nn';
import type { LabOptimizer } from './optim';
import type { EngineWeights } from './types';

export function saveRun(rng: Rng, nets: Mlp[], optimizers: LabOptimizer[]): EngineWeights {
  const tensors = saveNets(...nets);
  for (const o of optimizers) Object.assign(tensors, o.save());
  return { tensors, rng: rng.state() };
}

/** The nets' weights and the optimizers' state from `weights` (the caller takes the stream). */
export function loadRun(weights: EngineWeights, nets: Mlp[], optimizers: LabOptimizer[]): void {
  loadNets(weights, ...nets);
  for (const o of optimizers) o.load(weights.tensors);
}
