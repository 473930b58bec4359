import type { Generation } from '../../../preload/contract';
import { readTextureParams } from './generationParams';

/** Lower-case letters, digits, "-" and "_" only, so the name is safe on every file system. */
export function slug(text: string, fallback = 'texture'): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return s || fallback;
}

/** "atelier-texture-<style>-<seed>-<size>.png" */
export function textureFileName(style: string, seed: number, size: number): string {
  return `atelier-texture-${slug(style, 'style')}-${seed}-${size}.png`;
}

/** The download name for a texture generation. */
export function fileNameForGeneration(gen: Generation): string {
  const p = readTextureParams(gen.params);
  const size = gen.width ?? p.size ?? 0;
  return textureFileName(p.style ?? 'texture', gen.seed, size);
}
