import type { Generation } from './contract';

/**
 * File names Atelier suggests for exports, shared by main (Electron's save dialog) and the
 * renderer (browser downloads) so both name a file the same way. No Node, no Electron.
 */

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

/** "atelier-<kind>-<style>-<seed>-<size>.png" */
export function exportFileName(kind: string, style: string, seed: number, size: number): string {
  return `atelier-${slug(kind, 'image')}-${slug(style, 'style')}-${seed}-${size}.png`;
}

/** "atelier-melody-<name>.<ext>": a melody clip's MIDI or WAV export. */
export function melodyFileName(name: string, ext: 'mid' | 'wav'): string {
  return `atelier-melody-${slug(name, 'clip')}.${ext}`;
}

/**
 * The name a stored generation's image is exported under: textures by style, seed and size;
 * latent decodes by model and the record's id ("atelier-latent-glyphs-1a2b3c4d-674.png").
 */
export function generationFileName(
  gen: Pick<Generation, 'id' | 'kind' | 'modelId' | 'params' | 'seed' | 'width'>,
): string {
  if (gen.kind === 'melody') {
    const name = typeof gen.params.name === 'string' ? gen.params.name : '';
    return melodyFileName(name || gen.id.slice(0, 8), 'mid');
  }
  if (gen.kind === 'text')
    return `atelier-text-${slug(typeof gen.params.text === 'string' ? gen.params.text.split(/\s+/).slice(0, 5).join(' ') : '', 'text')}-${gen.id.slice(0, 8)}.txt`;
  const size = gen.width ?? (typeof gen.params.size === 'number' ? gen.params.size : 0);
  if (gen.kind === 'image') {
    const prompt =
      typeof gen.params.prompt === 'string' ? gen.params.prompt.split(/\s+/).slice(0, 6).join(' ') : '';
    return `atelier-image-${slug(prompt, 'image')}-${gen.seed}-${size}.png`;
  }
  if (gen.kind === 'latent')
    return `atelier-latent-${slug(gen.modelId, 'model')}-${slug(gen.id.slice(0, 8), 'point')}-${size}.png`;
  const style = typeof gen.params.style === 'string' ? gen.params.style : '';
  return exportFileName(gen.kind, style, gen.seed, size);
}
