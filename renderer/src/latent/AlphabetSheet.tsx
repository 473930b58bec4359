import { useEffect, useRef, type ReactElement } from 'react';
import type { AtelierApi } from '../../../preload/contract';
import { centredFrame, PAPER, stickySize, type StickySize } from './frames';
import { PixelStage, type PixelStageHandle } from './PixelStage';
import { useSettledDecode, type SettledRequest } from './useLatentDecode';

interface Props {
  api: AtelierApi;
  model: string;
  point: number[];
  text: string;
  disabled: boolean;
  onError: (err: unknown) => void;
}

/** The whole alphabet in the point's style, refreshed when the point settles. */
export function AlphabetSheet({ api, model, point, text, disabled, onError }: Props): ReactElement {
  const stage = useRef<PixelStageHandle>(null);
  const size = useRef<StickySize | null>(null);
  useEffect(() => {
    stage.current?.clear();
  }, [model, disabled]);
  const request: SettledRequest | null =
    !disabled && text !== '' && point.length > 0
      ? { model, points: [point], view: { kind: 'text', text }, lane: 'sheet' }
      : null;
  useSettledDecode(
    api,
    request,
    (images) => {
      const image = images[0];
      if (!image) return;
      // Refreshes keep the sheet's size, so the page does not jump when the style changes.
      size.current = stickySize(size.current, model, image);
      stage.current?.paint(centredFrame(image, size.current, PAPER));
    },
    onError,
  );
  return (
    <PixelStage
      ref={stage}
      testId="latent-sheet"
      className="latent-sheet"
      label="Alphabet sheet: every character in the current style"
      maxScale={2}
      padding={8}
    />
  );
}
