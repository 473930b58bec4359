/**
 * The lab's picture as a small PNG for its Library card: every canvas inside the picture's top
 * square drawn, in place, onto one square over the page's canvas colour.
 */
export const THUMBNAIL_SIDE = 256;

export async function pictureThumbnail(
  picture: HTMLElement | null,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  if (!picture) return undefined;
  const box = picture.getBoundingClientRect();
  if (box.width === 0 || box.height === 0) return undefined;
  const out = document.createElement('canvas');
  out.width = THUMBNAIL_SIDE;
  out.height = THUMBNAIL_SIDE;
  const ctx = out.getContext('2d');
  if (!ctx) return undefined;
  ctx.fillStyle = '#18181c';
  ctx.fillRect(0, 0, THUMBNAIL_SIDE, THUMBNAIL_SIDE);
  // The picture is the square at the top (a lab may put its toggles and legend under it).
  const sx = THUMBNAIL_SIDE / box.width;
  const sy = sx;
  for (const c of picture.querySelectorAll('canvas')) {
    const r = c.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || c.width === 0 || c.height === 0) continue;
    ctx.drawImage(c, (r.left - box.left) * sx, (r.top - box.top) * sy, r.width * sx, r.height * sy);
  }
  const blob = await new Promise<Blob | null>((resolve) => out.toBlob(resolve, 'image/png'));
  return blob ? new Uint8Array(await blob.arrayBuffer()) : undefined;
}
