/**
 * The board: results on the team's Konva viewport (wheel zoom, pan, fit), placed in a grid as they
 * arrive, enlarged with image smoothing off so small images keep crisp pixels. Select an image to
 * move it (drag) or scale it (the Transformer's corners); running jobs show their batch cells,
 * redrawn from each preview. Export board writes the images at board scale as one PNG.
 */
import type Konva from 'konva';
import { useEffect, useImperativeHandle, useRef, type ReactElement, type ReactNode, type Ref } from 'react';
import { Group, Image as KImage, Rect as KRect, Text as KText, Transformer } from 'react-konva';
import { Viewport } from '../canvas/Viewport';
import { CELL, bounds, cellScale, itemRect } from './board';
import type { Board } from './useBoard';
import type { StudioJob } from './useImageJobs';
import { stepText } from './preview';

export interface BoardHandle {
  /** The board's images at board scale as a PNG data URL (null when the board is empty). */
  exportPng: () => string | null;
}

interface Props {
  ref?: Ref<BoardHandle>;
  board: Board;
  jobs: readonly StudioJob[];
  /** Bumps after previews were drawn into the job cells' canvases. */
  drawn: number;
  overlay?: ReactNode;
}

const CORNERS = ['top-left', 'top-right', 'bottom-left', 'bottom-right'];

export function ImageBoard({ ref, board, jobs, drawn, overlay }: Props): ReactElement {
  const imagesRef = useRef<Konva.Group>(null);
  const trRef = useRef<Konva.Transformer>(null);
  const nodes = useRef(new Map<string, Konva.Node>());
  const { items, images, selected, select, move } = board;

  const rects = [...items.map(itemRect), ...jobs.flatMap((j) => j.cells.map((c) => c.rect))];
  const b = bounds(rects);
  const content = {
    width: Math.max(CELL, b ? b.x + b.width : 0),
    height: Math.max(CELL, b ? b.y + b.height : 0),
  };
  const cellCount = jobs.reduce((n, j) => n + j.cells.length, 0);

  useEffect(() => {
    const tr = trRef.current;
    if (!tr) return;
    const node = selected ? nodes.current.get(selected) : undefined;
    tr.nodes(node ? [node] : []);
    tr.getLayer()?.batchDraw();
  }, [selected, items, images]);

  useEffect(() => {
    imagesRef.current?.getLayer()?.batchDraw();
  }, [drawn]);

  // A click on the empty board deselects.
  useEffect(() => {
    const stage = imagesRef.current?.getStage();
    if (!stage) return;
    const onClick = (e: Konva.KonvaEventObject<MouseEvent>): void => {
      if (e.target === stage) select(null);
    };
    stage.on('click.board tap.board', onClick);
    return () => {
      stage.off('click.board tap.board');
    };
  });

  useImperativeHandle(ref, () => ({
    exportPng() {
      const group = imagesRef.current;
      const stage = group?.getStage();
      if (!group || !stage || items.length === 0) return null;
      return group.toDataURL({
        mimeType: 'image/png',
        pixelRatio: 1 / (stage.scaleX() || 1),
        imageSmoothingEnabled: false,
      });
    },
  }));

  return (
    <Viewport
      content={content}
      fitKey={`${board.layoutKey}:${items.length + cellCount}`}
      label="Image board"
      testId="image-board"
      data={{ images: String(items.length), selected: selected ?? undefined }}
      smoothing={false}
      overlay={overlay}
    >
      <Group ref={imagesRef}>
        {items.map((it) => {
          const img = images.get(it.id);
          const common = {
            x: it.x,
            y: it.y,
            width: it.width,
            height: it.height,
            scaleX: it.scale,
            scaleY: it.scale,
            draggable: true,
            onMouseDown: () => select(it.id),
            onTap: () => select(it.id),
            onDragEnd: (e: Konva.KonvaEventObject<DragEvent>) => move(it.id, e.target.x(), e.target.y()),
            onTransformEnd: (e: Konva.KonvaEventObject<Event>) => {
              const n = e.target;
              move(it.id, n.x(), n.y(), n.scaleX());
            },
          };
          const setRef = (n: Konva.Node | null): void => {
            if (n) nodes.current.set(it.id, n);
            else nodes.current.delete(it.id);
          };
          return img ? (
            <KImage key={it.id} ref={setRef} image={img} {...common} />
          ) : (
            <KRect key={it.id} ref={setRef} fill="#2a2d36" {...common} />
          );
        })}
      </Group>
      <Group listening={false}>
        {jobs.flatMap((job) =>
          job.cells.map((cell, k) => {
            const s = cell.width > 0 ? cellScale(cell.width, cell.height) : 1;
            const w = cell.width * s;
            const h = cell.height * s;
            return (
              <Group key={`${job.jobId}-${k}`} x={cell.rect.x} y={cell.rect.y}>
                <KRect
                  width={CELL}
                  height={CELL}
                  fill="#1d2027"
                  stroke="#8aa4ff"
                  dash={[6, 4]}
                  strokeWidth={1}
                  strokeScaleEnabled={false}
                />
                {cell.width > 0 ? (
                  <KImage
                    image={cell.canvas}
                    x={(CELL - w) / 2}
                    y={(CELL - h) / 2}
                    width={cell.width}
                    height={cell.height}
                    scaleX={s}
                    scaleY={s}
                  />
                ) : (
                  <KText
                    text={stepText(job.step > 0 ? 'running' : 'queued', job.step, job.steps)}
                    width={CELL}
                    y={CELL / 2 - 8}
                    align="center"
                    fill="#9aa3b5"
                    fontSize={14}
                  />
                )}
              </Group>
            );
          }),
        )}
      </Group>
      <Transformer
        ref={trRef}
        rotateEnabled={false}
        flipEnabled={false}
        keepRatio
        enabledAnchors={CORNERS}
        boundBoxFunc={(oldBox, newBox) => (newBox.width < 8 || newBox.height < 8 ? oldBox : newBox)}
      />
    </Viewport>
  );
}
