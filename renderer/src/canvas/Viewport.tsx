/**
 * A reusable Konva viewport: the children are Konva nodes in content coordinates; the viewport
 * fills its box (ResizeObserver), zooms with the wheel around the pointer, pans by dragging,
 * fits the content on load (and on resize until the user zooms or pans), and shows the zoom.
 */
import type Konva from 'konva';
import { useEffect, useRef, useState, type KeyboardEvent, type ReactElement, type ReactNode } from 'react';
import { Layer, Rect, Stage } from 'react-konva';
import { Icon } from '../shell/icons';
import {
  IDENTITY_VIEW,
  centreAt,
  fitView,
  formatZoom,
  panBy,
  zoomByWheel,
  zoomStep,
  type Size,
  type View,
} from './viewport';

export interface ViewportProps {
  /** The content's bounds in content coordinates, or null while there is nothing to show. */
  content: Size | null;
  /** When this changes (new content), the view fits the content again. */
  fitKey: string;
  /** Accessible name of the canvas area. */
  label: string;
  /** data-testid of the element that wraps the Konva Stage. */
  testId?: string;
  /** data-* attributes for the Stage's wrapper (keys without the "data-" prefix). */
  data?: Record<string, string | undefined>;
  /** HTML shown over the canvas (placeholders, busy badges). */
  overlay?: ReactNode;
  /** Called after the content layer has drawn. */
  onDraw?: () => void;
  /** Image smoothing of the content layer (default: on below 200 %, so enlarged pixels stay crisp). */
  smoothing?: boolean;
  children?: ReactNode;
}

interface FitState {
  key: string;
  /** Still following fit (no manual zoom or pan since): refit on resize. */
  auto: boolean;
  width: number;
  height: number;
}

const PAN_KEY_STEP = 48;

export function Viewport({
  content,
  fitKey,
  label,
  testId,
  data,
  overlay,
  onDraw,
  smoothing,
  children,
}: ViewportProps): ReactElement {
  const hostRef = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<Size>({ width: 0, height: 0 });
  const [view, setView] = useState<View>(IDENTITY_VIEW);
  const [fit, setFit] = useState<FitState | null>(null);

  useEffect(() => {
    const el = hostRef.current;
    if (!el) return;
    const ro = new ResizeObserver((entries) => {
      const rect = entries[0]?.contentRect;
      // A hidden view reports 0×0: keep the last size so it comes back as it was.
      if (!rect || rect.width < 1 || rect.height < 1) return;
      const next = { width: Math.floor(rect.width), height: Math.floor(rect.height) };
      setSize((prev) => (prev.width === next.width && prev.height === next.height ? prev : next));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const hasSize = size.width > 0 && size.height > 0;
  // Fit on new content, and on resize while the user has not taken over (derived during render).
  if (
    content &&
    hasSize &&
    (fit === null ||
      fit.key !== fitKey ||
      (fit.auto && (fit.width !== size.width || fit.height !== size.height)))
  ) {
    setFit({ key: fitKey, auto: true, width: size.width, height: size.height });
    setView(fitView(size, content));
  }

  const takeOver = (update: (v: View) => View): void => {
    setView(update);
    setFit((f) => (f && f.auto ? { ...f, auto: false } : f));
  };

  const fitNow = (): void => {
    if (!content || !hasSize) return;
    setView(fitView(size, content));
    setFit({ key: fitKey, auto: true, width: size.width, height: size.height });
  };

  const actualSize = (): void => {
    if (!content || !hasSize) return;
    takeOver(() => centreAt(size, content, 1));
  };

  const onWheel = (e: Konva.KonvaEventObject<WheelEvent>): void => {
    e.evt.preventDefault();
    const pointer = e.target.getStage()?.getPointerPosition();
    if (!pointer) return;
    const { deltaY, deltaMode } = e.evt;
    takeOver((v) => zoomByWheel(v, pointer, deltaY, deltaMode));
  };

  const onDrag = (e: Konva.KonvaEventObject<DragEvent>): void => {
    const stage = e.target.getStage();
    if (!stage || e.target !== stage) return;
    const x = stage.x();
    const y = stage.y();
    takeOver((v) => ({ ...v, x, y }));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    switch (e.key) {
      case '+':
      case '=':
        takeOver((v) => zoomStep(v, size, 1));
        break;
      case '-':
      case '_':
        takeOver((v) => zoomStep(v, size, -1));
        break;
      case '0':
        fitNow();
        break;
      case '1':
        actualSize();
        break;
      case 'ArrowLeft':
        takeOver((v) => panBy(v, PAN_KEY_STEP, 0));
        break;
      case 'ArrowRight':
        takeOver((v) => panBy(v, -PAN_KEY_STEP, 0));
        break;
      case 'ArrowUp':
        takeOver((v) => panBy(v, 0, PAN_KEY_STEP));
        break;
      case 'ArrowDown':
        takeOver((v) => panBy(v, 0, -PAN_KEY_STEP));
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const dataAttributes = Object.fromEntries(
    Object.entries(data ?? {})
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [`data-${k}`, v]),
  );
  const disabled = !content;

  return (
    <div className="viewport">
      <div className="viewport-toolbar" role="toolbar" aria-label="Canvas view">
        <button
          type="button"
          className="tool-button"
          aria-label="Zoom out"
          title="Zoom out (−)"
          disabled={disabled}
          onClick={() => takeOver((v) => zoomStep(v, size, -1))}
        >
          <Icon name="minus" />
        </button>
        <output className="zoom-level" data-testid="zoom-level" aria-label="Zoom level">
          {formatZoom(view.scale)}
        </output>
        <button
          type="button"
          className="tool-button"
          aria-label="Zoom in"
          title="Zoom in (+)"
          disabled={disabled}
          onClick={() => takeOver((v) => zoomStep(v, size, 1))}
        >
          <Icon name="plus" />
        </button>
        <button
          type="button"
          className="tool-button tool-text"
          title="Actual pixels (1)"
          disabled={disabled}
          onClick={actualSize}
        >
          1:1
        </button>
        <button
          type="button"
          className="tool-button tool-text"
          data-testid="zoom-fit"
          title="Fit to view (0)"
          disabled={disabled}
          onClick={fitNow}
        >
          <Icon name="fit" />
          Fit
        </button>
      </div>
      <div
        ref={hostRef}
        className="viewport-stage"
        data-testid={testId}
        {...dataAttributes}
        role="group"
        aria-label={`${label}. Drag to pan, wheel to zoom; keys + and − zoom, 0 fits, 1 shows actual pixels.`}
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        {hasSize ? (
          <Stage
            width={size.width}
            height={size.height}
            x={view.x}
            y={view.y}
            scaleX={view.scale}
            scaleY={view.scale}
            draggable={!disabled}
            onWheel={onWheel}
            onDragMove={onDrag}
            onDragEnd={onDrag}
          >
            <Layer imageSmoothingEnabled={smoothing ?? view.scale < 2} onDraw={onDraw}>
              {children}
              {content ? (
                <Rect
                  width={content.width}
                  height={content.height}
                  stroke="rgba(255,255,255,0.14)"
                  strokeWidth={1}
                  strokeScaleEnabled={false}
                  listening={false}
                />
              ) : null}
            </Layer>
          </Stage>
        ) : null}
        {overlay ? <div className="viewport-overlay">{overlay}</div> : null}
      </div>
    </div>
  );
}
