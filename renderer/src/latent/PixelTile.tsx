import { useEffect, useRef, type ReactElement } from 'react';
import type { PixelImage } from '../../../preload/contract';
import { toRgba } from '../shell/pixels';

/** A small decoded image (encode input, reconstruction, posterior samples) on a plain canvas. */
export function PixelTile({
  image,
  label,
  size = 96,
}: {
  image: PixelImage;
  label: string;
  size?: number;
}): ReactElement {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    try {
      ctx.putImageData(new ImageData(toRgba(image), image.width, image.height), 0, 0);
    } catch {
      ctx.clearRect(0, 0, canvas.width, canvas.height);
    }
  }, [image]);
  const scale = size / Math.max(image.width, image.height);
  return (
    <canvas
      ref={ref}
      className="pixel-tile"
      width={image.width}
      height={image.height}
      style={{ width: Math.round(image.width * scale), height: Math.round(image.height * scale) }}
      role="img"
      aria-label={label}
    />
  );
}
