/**
 * The designer's own text drawn in the combined style (`latent.decode` with a text view, as the
 * alphabet sheet asks): redrawn when the text or the style settles, stale answers dropped.
 */
import { useEffect, useRef, useState, type ReactElement } from 'react';
import type { AtelierApi, PixelImage } from '../../../preload/contract';
import { toRgba } from '../shell/pixels';
import { useSettledDecode, type SettledRequest } from './useLatentDecode';

interface Props {
  api: AtelierApi;
  model: string;
  /** The combined mean, or null without a style yet. */
  point: readonly number[] | null;
  /** The text as the model can draw it ('' draws nothing). */
  text: string;
  onError: (err: unknown) => void;
}

export function GlyphTextPreview({ api, model, point, text, onError }: Props): ReactElement | null {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [shown, setShown] = useState<{ image: PixelImage; text: string; paints: number } | null>(null);
  const request: SettledRequest | null =
    point && text !== ''
      ? { model, points: [point.slice()], view: { kind: 'text', text }, lane: 'sheet' }
      : null;
  useSettledDecode(
    api,
    request,
    (images, req) => {
      const image = images[0];
      const t = req.view.kind === 'text' ? req.view.text : '';
      if (image) setShown((prev) => ({ image, text: t, paints: (prev?.paints ?? 0) + 1 }));
    },
    onError,
  );
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx || !shown) return;
    ctx.putImageData(new ImageData(toRgba(shown.image), shown.image.width, shown.image.height), 0, 0);
  }, [shown]);

  if (!request || !shown) return null;
  return (
    <canvas
      ref={canvas}
      className="glyph-text-image"
      data-testid="latent-glyph-text-image"
      data-text={shown.text}
      data-paints={shown.paints}
      width={shown.image.width}
      height={shown.image.height}
      role="img"
      aria-label={`“${shown.text}” in the combined style`}
    />
  );
}
