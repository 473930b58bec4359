import { useState, type ReactElement } from 'react';
import { Image as KonvaImage, Rect } from 'react-konva';
import type { AtelierApi, Generation } from '../../../preload/contract';
import { Viewport } from '../canvas/Viewport';
import { canvasState } from './canvasState';
import { useGenerationImage } from './useGenerationImage';

/** How many copies per side the tile preview shows. */
export const TILE_REPEAT = 3;

interface Props {
  api: AtelierApi;
  generation: Generation | null;
  tiled: boolean;
  running: boolean;
  progressText: string | null;
  onError: (err: unknown) => void;
}

export function TextureCanvas({
  api,
  generation,
  tiled,
  running,
  progressText,
  onError,
}: Props): ReactElement {
  const id = generation?.id ?? null;
  const loaded = useGenerationImage(api, id, onError);
  const image = loaded?.image ?? null;
  // What the layer last drew: "<id>:<tiled>". Set from Konva's draw event, i.e. after pixels exist.
  const [drawnKey, setDrawnKey] = useState<string | null>(null);
  const key = `${id ?? ''}:${tiled ? 'tiled' : 'single'}`;

  const w = image?.naturalWidth ?? 0;
  const h = image?.naturalHeight ?? 0;
  const content = image ? { width: tiled ? w * TILE_REPEAT : w, height: tiled ? h * TILE_REPEAT : h } : null;
  const state = canvasState({
    running,
    generationId: id,
    failed: loaded?.failed ?? false,
    drawn: image !== null && drawnKey === key,
  });

  let overlay: ReactElement | null = null;
  if (running) {
    overlay = (
      <div className="canvas-badge" aria-hidden="true">
        <span className="spinner" /> {progressText ?? 'Generating…'}
      </div>
    );
  } else if (!id) {
    overlay = (
      <div className="canvas-placeholder">
        <p>No texture yet.</p>
        <p className="muted">
          Choose a style and press <kbd>Generate</kbd> (<kbd>Ctrl</kbd>+<kbd>Enter</kbd>).
        </p>
      </div>
    );
  } else if (loaded?.failed) {
    overlay = <div className="canvas-placeholder">The image could not be loaded.</div>;
  } else if (!image) {
    overlay = (
      <div className="canvas-badge" aria-hidden="true">
        <span className="spinner" /> Loading image…
      </div>
    );
  }

  return (
    <Viewport
      content={content}
      fitKey={key}
      label="Texture canvas"
      testId="texture-canvas"
      data={{
        state,
        'generation-id': state === 'ready' && id ? id : undefined,
        tiled: tiled ? 'true' : undefined,
      }}
      overlay={overlay}
      onDraw={() => {
        if (image) setDrawnKey(key);
      }}
    >
      {image && tiled ? (
        <Rect
          width={w * TILE_REPEAT}
          height={h * TILE_REPEAT}
          fillPatternImage={image}
          fillPatternRepeat="repeat"
          listening={false}
        />
      ) : null}
      {image && !tiled ? <KonvaImage image={image} width={w} height={h} listening={false} /> : null}
    </Viewport>
  );
}
