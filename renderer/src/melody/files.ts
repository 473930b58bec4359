/** File names (the shared rule in preload/names.ts) and drag-out data for the studio's exports. */
export { melodyFileName } from '../../../preload/names';

/**
 * Chrome's drag-out-to-desktop data: "mime:file name:url". The file name may hold no colon (the
 * separator), so any is replaced.
 */
export function downloadUrlData(fileName: string, url: string, mime = 'audio/midi'): string {
  return `${mime}:${fileName.replace(/:/g, '-')}:${url}`;
}
