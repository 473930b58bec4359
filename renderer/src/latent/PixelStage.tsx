/**
 * A Konva stage that shows decoded pixels: ONE Konva.Image whose backing canvas is rewritten
 * with putImageData for every frame, fitted and centred in its box. The nodes are made once
 * on mount; a frame only touches the canvas's pixels and redraws the layer. `paint` is called
 * when pixels are ready (or in our own requestAnimationFrame), so it draws at once
 * (`layer.draw()`) rather than through `batchDraw`, which would wait for Konva's next frame.
 * `data-paints` on the wrapper counts the frames painted.
 */
import Konva from 'konva';
import { useEffect, useImperativeHandle, useRef, type ReactElement, type ReactNode, type Ref } from 'react';
import type { PixelFrame } from './frames';
import type { Rect } from './grid';
import { toRgba } from '../shell/pixels';

export interface PixelStageHandle {
  /** Writes the frame's pixels and draws the layer now. */
  paint: (frame: PixelFrame) => void;
  /** Shows nothing until the next paint (another model's pixels must not linger). */
  clear: () => void;
}

interface Props {
  ref?: Ref<PixelStageHandle>;
  testId: string;
  label: string;
  className?: string;
  /** Largest enlargement (1 = never bigger than the model's pixels). */
  maxScale?: number;
  /** Space kept free around the image, in screen pixels. */
  padding?: number;
  smoothing?: boolean;
  /** A rectangle outlined over the image (frame coordinates), e.g. the grid's current cell. */
  outline?: Rect | null;
  /** A click or tap on the image, in frame coordinates. */
  onPick?: (x: number, y: number) => void;
  /** data-* attributes of the wrapper (keys without "data-"), rendered by React. */
  data?: Record<string, string | undefined>;
  overlay?: ReactNode;
}

interface Nodes {
  stage: Konva.Stage;
  layer: Konva.Layer;
  group: Konva.Group;
  image: Konva.Image;
  outline: Konva.Rect;
  canvas: HTMLCanvasElement;
  ctx: CanvasRenderingContext2D;
  width: number;
  height: number;
  painted: boolean;
  paints: number;
  /** RGBA scratch buffers by tile size, reused frame after frame. */
  scratch: Map<string, Uint8ClampedArray<ArrayBuffer>>;
}

export function PixelStage({
  ref,
  testId,
  label,
  className,
  maxScale = 4,
  padding = 12,
  smoothing = true,
  outline = null,
  onPick,
  data,
  overlay,
}: Props): ReactElement {
  const hostRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<HTMLDivElement>(null);
  const nodes = useRef<Nodes | null>(null);
  const fitRef = useRef({ maxScale, padding });
  const pickRef = useRef(onPick);

  useEffect(() => {
    pickRef.current = onPick;
  }, [onPick]);

  useEffect(() => {
    fitRef.current = { maxScale, padding };
    const n = nodes.current;
    if (n) {
      layout(n, fitRef.current);
      n.layer.batchDraw();
    }
  }, [maxScale, padding]);

  useEffect(() => {
    const host = hostRef.current;
    const container = stageRef.current;
    if (!host || !container) return;
    const canvas = document.createElement('canvas');
    canvas.width = 1;
    canvas.height = 1;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const rect = host.getBoundingClientRect();
    const stage = new Konva.Stage({
      container,
      width: Math.max(1, Math.floor(rect.width)),
      height: Math.max(1, Math.floor(rect.height)),
    });
    const layer = new Konva.Layer({ imageSmoothingEnabled: true });
    const group = new Konva.Group();
    const image = new Konva.Image({ image: canvas, width: 1, height: 1, visible: false });
    const box = new Konva.Rect({
      stroke: '#8aa4ff',
      strokeWidth: 2,
      strokeScaleEnabled: false,
      visible: false,
      listening: false,
    });
    group.add(image, box);
    layer.add(group);
    stage.add(layer);
    const n: Nodes = {
      stage,
      layer,
      group,
      image,
      outline: box,
      canvas,
      ctx,
      width: 1,
      height: 1,
      painted: false,
      paints: 0,
      scratch: new Map(),
    };
    nodes.current = n;
    host.dataset.paints = '0';

    image.on('click tap', () => {
      const pos = stage.getPointerPosition();
      const pick = pickRef.current;
      if (!pos || !pick) return;
      const s = group.scaleX() || 1;
      pick((pos.x - group.x()) / s, (pos.y - group.y()) / s);
    });

    const ro = new ResizeObserver((entries) => {
      const r = entries[0]?.contentRect;
      // A hidden view reports 0×0: keep the last size so it comes back as it was.
      if (!r || r.width < 1 || r.height < 1) return;
      const w = Math.floor(r.width);
      const h = Math.floor(r.height);
      if (w === stage.width() && h === stage.height()) return;
      stage.size({ width: w, height: h });
      layout(n, fitRef.current);
      layer.batchDraw();
    });
    ro.observe(host);
    return () => {
      ro.disconnect();
      stage.destroy();
      nodes.current = null;
    };
  }, []);

  useEffect(() => {
    const n = nodes.current;
    if (!n) return;
    n.layer.imageSmoothingEnabled(smoothing);
    n.layer.batchDraw();
  }, [smoothing]);

  useEffect(() => {
    const n = nodes.current;
    if (!n) return;
    if (outline) n.outline.setAttrs({ ...outline, visible: n.painted });
    else n.outline.visible(false);
    n.layer.batchDraw();
  }, [outline]);

  useImperativeHandle(
    ref,
    () => ({
      paint(frame) {
        const n = nodes.current;
        const host = hostRef.current;
        if (!n || !host) return;
        const { canvas, ctx } = n;
        if (canvas.width !== frame.width || canvas.height !== frame.height) {
          canvas.width = frame.width;
          canvas.height = frame.height;
        }
        if (frame.background) {
          ctx.fillStyle = frame.background;
          ctx.fillRect(0, 0, frame.width, frame.height);
        } else if (frame.tiles.length !== 1 || frame.fills) {
          ctx.clearRect(0, 0, frame.width, frame.height);
        }
        for (const f of frame.fills ?? []) {
          ctx.fillStyle = f.color;
          ctx.fillRect(f.x, f.y, f.width, f.height);
        }
        for (const tile of frame.tiles) {
          const { width, height } = tile.image;
          const key = `${width}x${height}`;
          const rgba = toRgba(tile.image, n.scratch.get(key));
          n.scratch.set(key, rgba);
          ctx.putImageData(new ImageData(rgba, width, height), tile.x, tile.y);
        }
        const sizeChanged = n.width !== frame.width || n.height !== frame.height || !n.painted;
        n.width = frame.width;
        n.height = frame.height;
        n.painted = true;
        if (sizeChanged) {
          n.image.size({ width: frame.width, height: frame.height });
          n.image.visible(true);
          layout(n, fitRef.current);
        }
        if (outline) n.outline.visible(true);
        n.layer.draw();
        n.paints++;
        host.dataset.paints = String(n.paints);
      },
      clear() {
        const n = nodes.current;
        if (!n || !n.painted) return;
        n.painted = false;
        n.image.visible(false);
        n.outline.visible(false);
        n.layer.batchDraw();
      },
    }),
    [outline],
  );

  const attrs = Object.fromEntries(
    Object.entries(data ?? {})
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [`data-${k}`, v]),
  );

  return (
    <div
      ref={hostRef}
      className={`pixel-stage${className ? ` ${className}` : ''}${onPick ? ' is-pickable' : ''}`}
      data-testid={testId}
      role="img"
      aria-label={label}
      {...attrs}
    >
      <div ref={stageRef} className="pixel-stage-konva" />
      {overlay ? <div className="viewport-overlay">{overlay}</div> : null}
    </div>
  );
}

/** Fits the frame into the stage (at most maxScale), centred. */
function layout(n: Nodes, fit: { maxScale: number; padding: number }): void {
  const sw = n.stage.width();
  const sh = n.stage.height();
  const availW = Math.max(1, sw - 2 * fit.padding);
  const availH = Math.max(1, sh - 2 * fit.padding);
  const scale = Math.max(0.05, Math.min(availW / n.width, availH / n.height, fit.maxScale));
  n.group.setAttrs({
    x: Math.round((sw - n.width * scale) / 2),
    y: Math.round((sh - n.height * scale) / 2),
    scaleX: scale,
    scaleY: scale,
  });
}
