import type { AtelierApi, Generation } from '../../../../preload/contract';
import { fileNameForGeneration } from '../filename';
import { assetBlob } from './loadAsset';

export type ExportResult =
  { kind: 'saved'; path: string } | { kind: 'dismissed' } | { kind: 'downloaded'; fileName: string };

/**
 * Exports a generation's PNG: through the host's save dialog where it has one (Electron), else
 * as a browser download named atelier-texture-<style>-<seed>-<size>.png.
 */
export async function exportTexture(api: AtelierApi, gen: Generation): Promise<ExportResult> {
  const info = await api.app.info();
  if (info.capabilities.saveDialog) {
    const { savedTo } = await api.library.export({ id: gen.id });
    return savedTo ? { kind: 'saved', path: savedTo } : { kind: 'dismissed' };
  }
  const blob = await assetBlob(api, gen.id, 'image');
  const fileName = fileNameForGeneration(gen);
  downloadBlob(blob, fileName);
  return { kind: 'downloaded', fileName };
}

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started reading the URL; give it a moment before letting go.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
