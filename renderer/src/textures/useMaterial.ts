/**
 * The material panel's state: the maps of the source on show (`material.maps`, the newest
 * source's answer wins) decoded as images for the 3D preview, the settings as the user moves
 * them, and Export maps (`material.export`: into a folder the host picks where it can, else one
 * browser download per map).
 */
import { useCallback, useEffect, useState } from 'react';
import type { AtelierApi, MaterialSource } from '../../../preload/contract';
import { imageFromBlob } from '../shell/assets';
import { downloadBlob } from '../shell/download';
import type { MaterialImages } from './materialScene';
import { DEFAULT_MATERIAL_FORM, type MaterialForm } from './materialSettings';

export type MapsState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; images: MaterialImages; name: string; width: number; height: number; ms: number }
  | { status: 'error'; message: string };

export type ExportOutcome =
  | { kind: 'saved'; folder: string; files: string[] }
  | { kind: 'downloaded'; files: string[] }
  | { kind: 'dismissed' };

const png = (bytes: Uint8Array): Promise<HTMLImageElement> =>
  imageFromBlob(new Blob([new Uint8Array(bytes)], { type: 'image/png' }));

export interface MaterialState {
  maps: MapsState;
  form: MaterialForm;
  setForm: (update: (f: MaterialForm) => MaterialForm) => void;
  exporting: boolean;
  exportMaps: () => Promise<ExportOutcome>;
}

export function useMaterial(api: AtelierApi, source: MaterialSource | null): MaterialState {
  // The answer for the source it was made from: another source shows 'loading' until its own comes.
  const [result, setResult] = useState<{ source: MaterialSource; maps: MapsState } | null>(null);
  const maps: MapsState = !source
    ? { status: 'idle' }
    : result?.source === source
      ? result.maps
      : { status: 'loading' };
  const [form, setFormState] = useState<MaterialForm>(DEFAULT_MATERIAL_FORM);
  const [exporting, setExporting] = useState(false);

  useEffect(() => {
    if (!source) return;
    let current = true;
    void (async () => {
      try {
        const m = await api.material.maps({ source });
        const [basecolor, heightMap, normal, roughness, ao] = await Promise.all(
          [m.basecolor, m.heightMap, m.normal, m.roughness, m.ao].map(png),
        );
        if (current)
          setResult({
            source,
            maps: {
              status: 'ready',
              images: {
                basecolor: basecolor!,
                heightMap: heightMap!,
                normal: normal!,
                roughness: roughness!,
                ao: ao!,
              },
              name: m.name,
              width: m.width,
              height: m.height,
              ms: m.ms,
            },
          });
      } catch (e) {
        if (current) setResult({ source, maps: { status: 'error', message: (e as Error).message } });
      }
    })();
    return () => {
      current = false;
    };
  }, [api, source]);

  const setForm = useCallback((update: (f: MaterialForm) => MaterialForm) => setFormState(update), []);

  const exportMaps = async (): Promise<ExportOutcome> => {
    if (!source) return { kind: 'dismissed' };
    setExporting(true);
    try {
      const info = await api.app.info();
      const toFolder = info.capabilities.pickFolder;
      const r = await api.material.export({
        source,
        settings: form.maps,
        normal: form.normal,
        bits: form.bits,
        toFolder,
      });
      const files = r.files.map((f) => f.fileName);
      if (toFolder) return r.savedTo ? { kind: 'saved', folder: r.savedTo, files } : { kind: 'dismissed' };
      for (const f of r.files)
        downloadBlob(new Blob([new Uint8Array(f.bytes)], { type: f.mime }), f.fileName);
      return { kind: 'downloaded', files };
    } finally {
      setExporting(false);
    }
  };

  return { maps, form, setForm, exporting, exportMaps };
}
