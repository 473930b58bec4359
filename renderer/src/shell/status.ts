import type { ModelStatus } from '../../../preload/contract';

/**
 * "Seamless Texture Generator v1.0.0" (no doubled "v" when the version already has one); a
 * version that is a word ("imported") is shown in brackets.
 */
export function modelLabel(model: Pick<ModelStatus, 'name' | 'version'>): string {
  if (!/^v?\d/i.test(model.version)) return model.version ? `${model.name} (${model.version})` : model.name;
  const version = /^v/i.test(model.version) ? model.version : `v${model.version}`;
  return `${model.name} ${version}`;
}
