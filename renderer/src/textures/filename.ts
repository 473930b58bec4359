import { generationFileName, type Generation } from '../../../preload/contract';
import { exportFileName } from '../../../preload/names';

export { slug } from '../../../preload/names';

/** "atelier-texture-<style>-<seed>-<size>.png" (the rule main's save dialog uses too). */
export function textureFileName(style: string, seed: number, size: number): string {
  return exportFileName('texture', style, seed, size);
}

/** The download name for a generation shown in the studio (the rule main's save dialog uses too). */
export function fileNameForGeneration(gen: Generation): string {
  return generationFileName(gen);
}
