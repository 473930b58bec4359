import { useCallback, useState } from 'react';
import type { Generation } from '../../../preload/contract';
import { formFromGeneration, initialForm, type TextureForm } from './form';
import { randomSeed } from './seed';

/**
 * The Texture studio's state, held by the app so other views can open a generation in it and so
 * it survives switching views.
 */
export interface TextureSession {
  form: TextureForm;
  setForm: (update: TextureForm | ((prev: TextureForm) => TextureForm)) => void;
  generation: Generation | null;
  setGeneration: (gen: Generation | null) => void;
  /** Shows a stored generation with its parameters filled in. */
  open: (gen: Generation) => void;
}

export function useTextureSession(): TextureSession {
  const [form, setForm] = useState<TextureForm>(() => initialForm(randomSeed()));
  const [generation, setGeneration] = useState<Generation | null>(null);
  const open = useCallback((gen: Generation) => {
    setForm((prev) => formFromGeneration(gen, prev));
    setGeneration(gen);
  }, []);
  return { form, setForm, generation, setGeneration, open };
}
