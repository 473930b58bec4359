/** img2img: which files can start a generation, checked before they are read. */
import { IMAGE_MAX_INIT_BYTES } from '../../../preload/image';

const TYPES = ['image/png', 'image/jpeg'];

/** Why this file cannot be an init image, or null when it can. */
export function initFileProblem(file: { name: string; type: string; size: number }): string | null {
  const byName = /\.(png|jpe?g)$/i.test(file.name);
  if (!TYPES.includes(file.type) && !byName) return `“${file.name}” is not a PNG or JPEG image.`;
  if (file.size === 0) return `“${file.name}” is empty.`;
  if (file.size > IMAGE_MAX_INIT_BYTES)
    return `“${file.name}” is larger than ${IMAGE_MAX_INIT_BYTES >> 20} MiB.`;
  return null;
}

/** The bytes of a data: URL (what Konva's toDataURL gives) and its type. */
export function dataUrlBytes(url: string): { mime: string; bytes: Uint8Array<ArrayBuffer> } {
  const m = /^data:([^;,]+)(;base64)?,(.*)$/s.exec(url);
  if (!m) throw new Error('not a data URL');
  const body = m[3]!;
  if (!m[2]) return { mime: m[1]!, bytes: new TextEncoder().encode(decodeURIComponent(body)) };
  const bin = atob(body);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return { mime: m[1]!, bytes };
}
