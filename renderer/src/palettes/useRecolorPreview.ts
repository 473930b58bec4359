/**
 * The picker's preview: the chosen record's thumbnail recoloured in the page with the same kernel
 * main uses (`recolorPixels` in preload/palette.ts), redrawn once a frame as the palette or the
 * strength changes. The thumbnail's own lightness range stands in for the full picture's.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { AtelierApi } from '../../../preload/contract';
import { recolorPixels } from '../../../preload/palette';
import { assetBlob, imageFromBlob } from '../shell/assets';

interface Source {
  id: string;
  pixels: ImageData;
}

export function useRecolorPreview(
  api: AtelierApi,
  id: string | null,
  colors: readonly string[],
  strength: number,
): { canvasRef: RefObject<HTMLCanvasElement | null>; ready: boolean; failed: boolean } {
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const [source, setSource] = useState<Source | null>(null);
  const [failedId, setFailedId] = useState<string | null>(null);
  const [drawn, setDrawn] = useState<string | null>(null);

  useEffect(() => {
    if (!id) return;
    let live = true;
    assetBlob(api, id, 'thumbnail')
      .then(imageFromBlob)
      .then(
        (img) => {
          if (!live) return;
          const c = document.createElement('canvas');
          c.width = img.naturalWidth;
          c.height = img.naturalHeight;
          const ctx = c.getContext('2d');
          if (!ctx || c.width === 0 || c.height === 0) throw new Error('no pixels');
          ctx.drawImage(img, 0, 0);
          setSource({ id, pixels: ctx.getImageData(0, 0, c.width, c.height) });
        },
        () => {
          if (live) setFailedId(id);
        },
      )
      .catch(() => {
        if (live) setFailedId(id);
      });
    return () => {
      live = false;
    };
  }, [api, id]);

  const key = colors.join(',');
  useEffect(() => {
    if (!source || source.id !== id) return;
    const frame = requestAnimationFrame(() => {
      const canvas = canvasRef.current;
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx) return;
      const { width, height, data } = source.pixels;
      const out = recolorPixels(
        { width, height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) },
        key.split(','),
        strength,
      );
      canvas.width = width;
      canvas.height = height;
      ctx.putImageData(new ImageData(new Uint8ClampedArray(out.buffer), width, height), 0, 0);
      setDrawn(`${id}|${key}|${strength}`);
    });
    return () => cancelAnimationFrame(frame);
  }, [source, id, key, strength]);

  return { canvasRef, ready: drawn === `${id}|${key}|${strength}`, failed: failedId === id };
}
