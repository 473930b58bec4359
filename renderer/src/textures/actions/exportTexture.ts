import type { AtelierApi, Generation } from '../../../../preload/contract';
import { fileNameForGeneration } from '../filename';
import { assetBlob } from '../../shell/assets';
import { downloadBlob } from '../../shell/download';

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
