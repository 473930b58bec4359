import type { ModelStatus } from '../../../preload/contract';

/** "Seamless Texture Generator v1.0.0" (no doubled "v" when the version already has one). */
export function modelLabel(model: Pick<ModelStatus, 'name' | 'version'>): string {
  const version = /^v/i.test(model.version) ? model.version : `v${model.version}`;
  return `${model.name} ${version}`;
}
