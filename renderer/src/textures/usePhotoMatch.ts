/**
 * "Match a photo…": a PNG or JPEG opened or dropped is matched in the texture model's style space
 * (`texture.match`, a job with progress and cancel); the answer's weights can then drive Generate
 * ("Use this style") or be saved to the library under a name ("Keep as style").
 */
import { useEffect, useState } from 'react';
import type { AtelierApi, Generation, TextureMatch } from '../../../preload/contract';
import { LATENT_MAX_IMAGE_BYTES } from '../../../preload/contract';
import { makeJobId, randomSeed } from '../shell/seed';
import { useFileDrop, type FileDrop } from '../shell/useFileDrop';
import { readTextureParams } from './generationParams';

/** A match's mix as Generate sends it. */
export interface MatchMix {
  weights: number[];
  /** The largest style: names the record. */
  style: string;
  /** "Bark 80% · Granite 15%". */
  label: string;
}

export interface PhotoMatchState extends FileDrop {
  photoUrl: string | null;
  previewUrl: string | null;
  result: TextureMatch | null;
  /** The search's progress 0..1 while it runs, else null. */
  progress: number | null;
  matchFile: (file: File) => Promise<void>;
  cancel: () => void;
  keep: (name: string, size: number) => Promise<Generation | null>;
}

export const mixOf = (m: TextureMatch): MatchMix => ({
  weights: m.weights,
  style: m.styles[0]?.id ?? '',
  label: m.styles.map((s) => `${s.name} ${Math.round(s.weight * 100)}%`).join(' · '),
});

/**
 * The mix a stored texture was made with (a kept photo match, or one generated from it), so that
 * opening it from the library brings its mix back to Generate; null for a plain style.
 */
export function mixOfGeneration(gen: Generation): MatchMix | null {
  if (gen.kind !== 'texture') return null;
  const p = readTextureParams(gen.params);
  if (!p.weights) return null;
  return {
    weights: p.weights,
    style: p.style ?? '',
    label: p.name ? `“${p.name}” (kept style)` : `the mix of “${gen.title}”`,
  };
}

export function usePhotoMatch(
  api: AtelierApi,
  modelId: string | null,
  reportError: (err: unknown) => void,
): PhotoMatchState {
  const [photoUrl, setPhotoUrl] = useState<string | null>(null);
  const [previewUrl, setPreviewUrl] = useState<string | null>(null);
  const [result, setResult] = useState<TextureMatch | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);

  useEffect(() => () => void (photoUrl && URL.revokeObjectURL(photoUrl)), [photoUrl]);
  useEffect(() => () => void (previewUrl && URL.revokeObjectURL(previewUrl)), [previewUrl]);

  const matchFile = async (file: File): Promise<void> => {
    if (!modelId || jobId) return;
    if (file.size > LATENT_MAX_IMAGE_BYTES) {
      reportError({
        code: 'invalid-input',
        message: `“${file.name}” is too large to match (at most ${LATENT_MAX_IMAGE_BYTES >> 20} MiB).`,
      });
      return;
    }
    const id = makeJobId();
    setJobId(id);
    setProgress(0);
    setResult(null);
    setPhotoUrl(URL.createObjectURL(file));
    setPreviewUrl(null);
    const off = api.on('job.progress', (p) => {
      if (p.jobId === id) setProgress(p.fraction);
    });
    try {
      const image = new Uint8Array(await file.arrayBuffer());
      const m = await api.texture.match({ jobId: id, model: modelId, image, seed: randomSeed() });
      setResult(m);
      setPreviewUrl(URL.createObjectURL(new Blob([m.preview.slice()], { type: 'image/png' })));
    } catch (err) {
      reportError(err);
    } finally {
      off();
      setJobId(null);
      setProgress(null);
    }
  };

  const cancel = (): void => {
    if (jobId) void api.jobs.cancel({ jobId }).catch(reportError);
  };

  const keep = async (name: string, size: number): Promise<Generation | null> => {
    if (!result || !modelId) return null;
    const mix = mixOf(result);
    try {
      return await api.texture.generate({
        jobId: makeJobId(),
        params: { model: modelId, seed: randomSeed(), size, style: mix.style, weights: mix.weights, name },
      });
    } catch (err) {
      reportError(err);
      return null;
    }
  };

  const drop = useFileDrop((file) => void matchFile(file), modelId !== null && jobId === null);
  return { photoUrl, previewUrl, result, progress, matchFile, cancel, keep, ...drop };
}
