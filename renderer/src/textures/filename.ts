import type { Generation } from '../../../preload/contract';
import { exportFileName } from '../../../preload/names';
import { readTextureParams } from './generationParams';

export { slug } from '../../../preload/names';

/** "atelier-texture-<style>-<seed>-<size>.png" (the rule main's save dialog uses too). */
export function textureFileName(style: string, seed: number, size: number): string {
  return exportFileName('texture', style, seed, size);
}

/** The download name for a texture generation. */
export function fileNameForGeneration(gen: Generation): string {
  const p = readTextureParams(gen.params);
  const size = gen.width ?? p.size ?? 0;
  return textureFileName(p.style ?? 'texture', gen.seed, size);
}
