/** File names and drag-out data for the studio's exports. */
import { slug } from '../../../preload/names';

/** "atelier-melody-<name>.<ext>" */
export function melodyFileName(name: string, ext: 'mid' | 'wav'): string {
  return `atelier-melody-${slug(name, 'clip')}.${ext}`;
}

/**
 * Chrome's drag-out-to-desktop data: "mime:file name:url". The file name may hold no colon (the
 * separator), so any is replaced.
 */
export function downloadUrlData(fileName: string, url: string, mime = 'audio/midi'): string {
  return `${mime}:${fileName.replace(/:/g, '-')}:${url}`;
}
