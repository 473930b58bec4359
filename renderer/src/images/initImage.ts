/** img2img: which files can start a generation, checked before they are read. */
import { IMAGE_MAX_INIT_BYTES } from '../../../preload/image';

/** Why this file cannot be an init image (judged before reading it), or null when it may be. */
export function initFileProblem(file: { name: string; size: number }): string | null {
  if (file.size === 0) return `“${file.name}” is empty.`;
  if (file.size > IMAGE_MAX_INIT_BYTES)
    return `“${file.name}” is larger than ${IMAGE_MAX_INIT_BYTES >> 20} MiB.`;
  return null;
}

/** What the bytes are, by their signature (names and types of dropped files can lie). */
export function imageKind(bytes: Uint8Array): 'png' | 'jpeg' | null {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47)
    return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
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
