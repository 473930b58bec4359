import { join } from 'node:path';
import { AtelierError } from '../../../preload/contract';
import type { Manifest } from './manifest';
import type { ModelRegistry, RegisteredModel } from './registry';

/** A usable model of the given task, or a readable `model-unavailable` error. */
export function requireModel(
  registry: ModelRegistry,
  id: string,
  task: string,
  field = 'params.model',
): RegisteredModel & { manifest: Manifest } {
  const m = registry.get(id);
  if (!m) {
    throw new AtelierError({ code: 'model-unavailable', message: `There is no model "${id}" installed.`, field });
  }
  if (m.error || !m.manifest) {
    throw new AtelierError({ code: 'model-unavailable', message: `Model "${id}" cannot be used: ${m.error}`, field });
  }
  if (m.manifest.task !== task) {
    throw new AtelierError({
      code: 'invalid-input',
      message: `Model "${id}" is a ${m.manifest.task} model, not a ${task} model.`,
      field,
    });
  }
  return m as RegisteredModel & { manifest: Manifest };
}

export function modelFile(m: RegisteredModel & { manifest: Manifest }, role: string): string {
  const f = m.manifest.files.find((x) => x.role === role) ?? m.manifest.files[0]!;
  return join(m.dir, f.path);
}
