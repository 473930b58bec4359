/**
 * "Material…": the current texture (or a PNG/JPEG the user opens) as a material for game
 * engines. The 3D preview on the left (plane, sphere, cube; drag to move the light); on the right
 * the maps' strengths, which the preview applies live, the light, tiling and scale, and Export
 * maps (OpenGL or DirectX normals, 8 or 16 bits) as `<name>_<map>.png`. Test hooks: `material-*`.
 */
import { useEffect, useRef, useState, type ReactElement } from 'react';
import type { AtelierApi, MaterialSource } from '../../../preload/contract';
import { MaterialControls } from './MaterialControls';
import { MaterialPreview } from './MaterialPreview';
import { useMaterial } from './useMaterial';
import './material.css';

export interface MaterialPanelProps {
  api: AtelierApi;
  /** The studio's texture, or null when there is none (the user may open a picture). */
  generationId: string | null;
  onClose: () => void;
  reportError: (e: unknown) => void;
  notify: (message: string) => void;
}

export function MaterialPanel({
  api,
  generationId,
  onClose,
  reportError,
  notify,
}: MaterialPanelProps): ReactElement {
  const [source, setSource] = useState<MaterialSource | null>(generationId ? { generationId } : null);
  const { maps, form, setForm, exporting, exportMaps } = useMaterial(api, source);
  const [exported, setExported] = useState<string | null>(null);
  const dialog = useRef<HTMLElement>(null);
  const file = useRef<HTMLInputElement>(null);
  useEffect(() => dialog.current?.focus(), []);

  const openFile = async (f: File): Promise<void> => {
    setSource({ image: new Uint8Array(await f.arrayBuffer()), fileName: f.name });
  };

  const onExport = async (): Promise<void> => {
    try {
      const r = await exportMaps();
      if (r.kind === 'dismissed') return;
      const line =
        r.kind === 'saved'
          ? `Saved ${r.files.length} maps to ${r.folder}`
          : `Downloaded ${r.files.join(', ')}`;
      setExported(line);
      notify(line);
    } catch (e) {
      reportError(e);
    }
  };

  const ready = maps.status === 'ready' ? maps : null;
  return (
    <div className="material-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <section
        ref={dialog}
        className="material-panel"
        role="dialog"
        aria-modal="true"
        aria-label="Material"
        tabIndex={-1}
        data-testid="material-panel"
        data-state={maps.status}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
        }}
      >
        <header className="material-header">
          <h2>Material</h2>
          <span className="muted" data-testid="material-name">
            {ready
              ? `${ready.name} · ${ready.width}×${ready.height} · maps in ${Math.round(ready.ms)} ms`
              : ''}
          </span>
          <span className="material-spacer" />
          <input
            ref={file}
            type="file"
            accept="image/png,image/jpeg"
            hidden
            data-testid="material-open-file"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void openFile(f);
              e.target.value = '';
            }}
          />
          <button type="button" className="button small" onClick={() => file.current?.click()}>
            Open picture…
          </button>
          <button type="button" className="button small" data-testid="material-close" onClick={onClose}>
            Close
          </button>
        </header>
        <div className="material-body">
          <div className="material-stage">
            {maps.status === 'error' ? (
              <p className="material-error" role="alert" data-testid="material-error">
                {maps.message}
              </p>
            ) : maps.status === 'idle' ? (
              <p className="field-hint">Generate a texture first, or open a PNG or JPEG picture.</p>
            ) : (
              <MaterialPreview
                images={ready?.images ?? null}
                form={form}
                onLight={(l) => setForm((f) => ({ ...f, ...l }))}
              />
            )}
          </div>
          <MaterialControls
            form={form}
            setForm={setForm}
            canExport={ready !== null}
            exporting={exporting}
            exported={exported}
            onExport={() => void onExport()}
          />
        </div>
      </section>
    </div>
  );
}
