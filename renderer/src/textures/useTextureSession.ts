import { useCallback, useState } from 'react';
import type { Generation } from '../../../preload/contract';
import { formFromGeneration, initialForm, type TextureForm } from './form';
import { randomSeed } from '../shell/seed';
import { mixOfGeneration, type MatchMix } from './usePhotoMatch';

/**
 * The Texture studio's state: the form and the generation on show. The studio stays mounted once
 * visited, so it survives switching views; library records open in it through `open`.
 */
export interface TextureSession {
  form: TextureForm;
  setForm: (update: TextureForm | ((prev: TextureForm) => TextureForm)) => void;
  generation: Generation | null;
  setGeneration: (update: Generation | null | ((prev: Generation | null) => Generation | null)) => void;
  /** Shows a stored generation with its parameters filled in (a photo match's mix included). */
  open: (gen: Generation) => void;
  /** "Use this style" from a photo match, or a reopened kept style: Generate sends its weights until cleared. */
  mix: MatchMix | null;
  setMix: (mix: MatchMix | null) => void;
}

export function useTextureSession(): TextureSession {
  const [form, setForm] = useState<TextureForm>(() => initialForm(randomSeed()));
  const [generation, setGeneration] = useState<Generation | null>(null);
  const [mix, setMix] = useState<MatchMix | null>(null);
  const open = useCallback((gen: Generation) => {
    setForm((prev) => formFromGeneration(gen, prev));
    setMix(mixOfGeneration(gen));
    setGeneration(gen);
  }, []);
  return { form, setForm, generation, setGeneration, open, mix, setMix };
}
