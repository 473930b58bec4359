import type { AssetRole, AtelierApi } from '../../../preload/contract';

/** A stored asset as a Blob (bytes copied so the Blob never aliases a transport buffer). */
export async function assetBlob(api: AtelierApi, id: string, role: AssetRole): Promise<Blob> {
  const asset = await api.library.asset({ id, role });
  return new Blob([new Uint8Array(asset.bytes)], { type: asset.mime || 'image/png' });
}

/**
 * Decodes an image Blob into an HTMLImageElement for Konva. The object URL is revoked as soon as
 * the image has decoded: the element keeps its pixels, so nothing leaks across generations.
 */
export function imageFromBlob(blob: Blob): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(blob);
  const img = new Image();
  return new Promise<HTMLImageElement>((resolve, reject) => {
    img.onload = () => {
      URL.revokeObjectURL(url);
      resolve(img);
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('The image could not be decoded.'));
    };
    img.src = url;
  });
}
