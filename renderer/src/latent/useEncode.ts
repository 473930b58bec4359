/**
 * Encoding an image, opened or dropped on the studio: the encoder's posterior (mean,
 * reconstruction, samples) is kept per model and the point moves to its mean. Glyph models
 * encode it as the chosen character.
 */
import { useState } from 'react';
import type { AtelierApi } from '../../../preload/contract';
import { useFileDrop, type FileDrop } from '../shell/useFileDrop';
import { randomSeed } from '../shell/seed';
import type { EncodeResult } from './EncodePanel';
import { ENCODE_SAMPLES, encodeFileProblem } from './encoding';
import { isPointFor } from './explorer';
import type { LatentModels } from './useLatentModels';
import type { PointMoves } from './usePoint';

/** Also the studio's file drop: a dropped file is encoded. */
export interface Encode extends FileDrop {
  /** The model on show's last encoded image. */
  result: EncodeResult | null;
  busy: boolean;
  encodeFile: (file: File) => Promise<void>;
}

interface Deps {
  api: AtelierApi;
  models: Pick<LatentModels, 'modelId' | 'latent' | 'usable' | 'conditional'>;
  /** Glyph models: the character the image shows. */
  char: string;
  moveTo: PointMoves['moveTo'];
  reportError: (err: unknown) => void;
  clearError: () => void;
}

export function useEncode(d: Deps): Encode {
  const { api, moveTo, reportError } = d;
  const { modelId, latent, usable } = d.models;
  const [encoded, setEncoded] = useState<Record<string, EncodeResult>>({});
  const [busy, setBusy] = useState(false);

  const encodeFile = async (file: File): Promise<void> => {
    if (!usable || !latent || busy) return;
    const problem = encodeFileProblem(file);
    if (problem) {
      reportError(problem);
      return;
    }
    const mid = modelId;
    const l = latent;
    const char = d.models.conditional ? d.char : null;
    setBusy(true);
    d.clearError();
    try {
      const image = new Uint8Array(await file.arrayBuffer());
      const out = await api.latent.encode({
        model: mid,
        image,
        ...(char ? { char } : {}),
        samples: ENCODE_SAMPLES,
        seed: randomSeed(),
      });
      setEncoded((prev) => ({ ...prev, [mid]: { ...out, fileName: file.name } }));
      if (isPointFor(l, out.mean)) moveTo(out.mean.slice(), { model: mid });
    } catch (err) {
      reportError(err);
    } finally {
      setBusy(false);
    }
  };

  const { dropping, dropProps } = useFileDrop((file) => void encodeFile(file), usable);
  return { result: encoded[modelId] ?? null, busy, encodeFile, dropping, dropProps };
}
