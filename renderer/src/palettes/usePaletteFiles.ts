/**
 * Save to library and the export buttons: the palette on the bench as a library record (with the
 * run that made it), or as a .gpl / .ase / CSS / JSON file the browser downloads.
 */
import { useState } from 'react';
import type { AtelierApi, PaletteFormat } from '../../../preload/contract';
import { downloadBlob } from '../shell/download';
import type { PaletteBench } from './usePaletteBench';

export interface PaletteFiles {
  saving: boolean;
  exporting: PaletteFormat | null;
  save: () => Promise<void>;
  exportAs: (format: PaletteFormat) => Promise<void>;
}

interface Options {
  api: AtelierApi;
  model: string | null;
  bench: PaletteBench;
  notify: (text: string) => void;
  reportError: (err: unknown) => void;
}

export function usePaletteFiles({ api, model, bench, notify, reportError }: Options): PaletteFiles {
  const [saving, setSaving] = useState(false);
  const [exporting, setExporting] = useState<PaletteFormat | null>(null);
  const { palette, name, source } = bench;

  const save = async (): Promise<void> => {
    setSaving(true);
    try {
      const gen = await api.palette.save({
        colors: palette.colors,
        locks: palette.locks,
        name,
        origin: source.origin,
        seed: source.seed,
        ...(source.temperature !== null ? { temperature: source.temperature } : {}),
        ...(model ? { model } : {}),
      });
      bench.markSaved(gen.id);
      notify(`Saved “${gen.title}” to the library.`);
    } catch (err) {
      reportError(err);
    } finally {
      setSaving(false);
    }
  };

  const exportAs = async (format: PaletteFormat): Promise<void> => {
    setExporting(format);
    try {
      const file = await api.palette.export({ colors: palette.colors, format, name });
      downloadBlob(new Blob([new Uint8Array(file.bytes)], { type: file.mime }), file.fileName);
    } catch (err) {
      reportError(err);
    } finally {
      setExporting(null);
    }
  };

  return { saving, exporting, save, exportAs };
}
