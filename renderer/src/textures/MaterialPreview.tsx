/**
 * The live 3D preview of a material (./materialScene.ts): redrawn on the next animation frame
 * after any change of the maps or settings; dragging on it moves the light. Where WebGL cannot
 * start it says so in words. Test hooks: `material-preview` with data-state (loading | ready |
 * no-webgl), data-renders (frames drawn), data-frame-ms (the last frame's time) and data-shape.
 */
import { useEffect, useRef, useState, type ReactElement } from 'react';
import { createMaterialScene, type MaterialImages, type MaterialScene } from './materialScene';
import { lightFromPointer, type MaterialForm } from './materialSettings';

export interface MaterialPreviewProps {
  images: MaterialImages | null;
  form: MaterialForm;
  onLight: (light: { azimuth: number; elevation: number }) => void;
}

export function MaterialPreview({ images, form, onLight }: MaterialPreviewProps): ReactElement {
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const scene = useRef<MaterialScene | null>(null);
  // Checked once before drawing: three.js needs WebGL 2.
  const [noWebgl, setNoWebgl] = useState<string | null>(() =>
    document.createElement('canvas').getContext('webgl2') ? null : 'no WebGL 2 context',
  );
  const [frame, setFrame] = useState({ renders: 0, ms: 0 });
  const [size, setSize] = useState({ width: 0, height: 0 });
  const dragging = useRef(false);

  useEffect(() => {
    if (!canvas.current || noWebgl) return;
    try {
      scene.current = createMaterialScene(canvas.current);
    } catch (e) {
      // A context that was there a moment ago and failed now: say so after this effect.
      const why = (e as Error).message || 'WebGL could not start';
      void Promise.resolve().then(() => setNoWebgl(why));
      return;
    }
    return () => {
      scene.current?.dispose();
      scene.current = null;
    };
  }, [noWebgl]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => {
      if (!entry) return;
      setSize({ width: Math.round(entry.contentRect.width), height: Math.round(entry.contentRect.height) });
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    if (images) scene.current?.setMaps(images);
  }, [images]);

  useEffect(() => {
    const s = scene.current;
    if (!s || !images || size.width === 0 || size.height === 0) return;
    const raf = requestAnimationFrame(() => {
      s.resize(size.width, size.height);
      s.update(form);
      const ms = s.render();
      setFrame((f) => ({ renders: f.renders + 1, ms }));
    });
    return () => cancelAnimationFrame(raf);
  }, [images, form, size]);

  const moveLight = (e: React.PointerEvent<HTMLCanvasElement>): void => {
    const r = e.currentTarget.getBoundingClientRect();
    onLight(lightFromPointer(e.clientX - r.left, e.clientY - r.top, r.width, r.height));
  };

  const state = noWebgl ? 'no-webgl' : images ? 'ready' : 'loading';
  return (
    <div
      ref={box}
      className="material-preview"
      data-testid="material-preview"
      data-state={state}
      data-renders={frame.renders}
      data-frame-ms={frame.ms.toFixed(1)}
      data-shape={form.shape}
    >
      {noWebgl ? (
        <p className="material-preview-message" data-testid="material-no-webgl">
          The 3D preview needs WebGL, and this browser could not start it ({noWebgl}). The maps are made all
          the same: Export maps still writes them.
        </p>
      ) : null}
      <canvas
        ref={canvas}
        hidden={noWebgl !== null}
        aria-label={`3D preview of the material on a ${form.shape}; drag to move the light`}
        onPointerDown={(e) => {
          dragging.current = true;
          e.currentTarget.setPointerCapture(e.pointerId);
          moveLight(e);
        }}
        onPointerMove={(e) => {
          if (dragging.current) moveLight(e);
        }}
        onPointerUp={() => {
          dragging.current = false;
        }}
      />
      {!noWebgl && !images ? <p className="material-preview-message">Making the maps…</p> : null}
    </div>
  );
}
