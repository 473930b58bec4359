/**
 * File names Atelier suggests for exports, shared by main (Electron's save dialog) and the
 * renderer (browser downloads) so both name a file the same way; each kind's rule is its
 * `fileName` in preload/contract (see `generationFileName`). No Node, no Electron.
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
