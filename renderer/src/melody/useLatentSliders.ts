/**
 * The Latent tab: the roll encoded by the melody VAE, moved along its principal directions by the
 * sliders. Each move decodes again (only the newest answer is shown) and previews the result in the
 * roll; Apply keeps it as one undo step, Reset goes back to the encoded melody.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AtelierApi, MelodyTake, ModelStatus, Note } from '../../../preload/contract';
import type { SetForm } from './fields';
import type { MelodyForm } from './form';
import { createLatest, type Latest } from './latest';
import { moveLatents, sliderCount, varianceShares } from './latentSliders';
import { barsOf, sameMusic, toContractNotes, toRollNotes } from './notes';
import type { RollNote } from './roll/model';
import type { ClipState } from './useClip';
import type { Transport } from './useTransport';

interface LatentState {
  base: number[][];
  bars: number;
  from: Note[];
  values: number[];
}

type DecodeInput = Parameters<AtelierApi['melody']['decode']>[0];

export interface LatentSliders {
  latent: LatentState | null;
  /** Forgets the encoded melody (a new clip is in the roll). */
  clear: () => void;
  sliders: number;
  shares: readonly number[];
  encoding: boolean;
  decoding: boolean;
  /** The roll shows the sliders' last decode. */
  previewing: boolean;
  /** The roll changed since it was encoded. */
  stale: boolean;
  encode: () => void;
  onSlider: (k: number, v: number) => void;
  onTemperature: (v: number) => void;
  apply: () => void;
  reset: () => void;
}

interface Deps {
  api: AtelierApi;
  vae: ModelStatus | null;
  usable: boolean;
  clip: ClipState;
  form: MelodyForm;
  setForm: SetForm;
  transport: Transport;
  /** Loop the roll (auto-audition starts a looped play). */
  loopOn: () => void;
  reportError: (err: unknown) => void;
}

export function useLatentSliders(d: Deps): LatentSliders {
  const { api, vae, clip, form, transport, reportError } = d;
  const { editor, notes } = clip;
  const [latent, setLatent] = useState<LatentState | null>(null);
  const [encoding, setEncoding] = useState(false);
  const [decoding, setDecoding] = useState(false);
  /** The notes the sliders' last decode showed in the roll (a preview while they are on show). */
  const [previewed, setPreviewed] = useState<readonly RollNote[] | null>(null);
  const previewing = previewed !== null && editor.notes === previewed;
  const pca = vae?.melody?.pca ?? null;
  const dim = vae?.melody?.dim ?? 0;
  const sliders = sliderCount(pca, dim);
  const shares = useMemo(() => (pca ? varianceShares(pca.variance) : []), [pca]);

  const onDecoded = (take: MelodyTake): void => {
    setDecoding(false);
    const shown = toRollNotes(take.notes);
    editor.preview(shown);
    setPreviewed(shown);
    if (form.latent.autoAudition && transport.state.mode !== 'roll') {
      d.loopOn();
      void transport.play();
    }
  };
  const onDecodeError = (err: unknown): void => {
    setDecoding(false);
    reportError(err);
  };
  const decodeHandlers = useRef({ onDecoded, onDecodeError });
  useEffect(() => {
    decodeHandlers.current = { onDecoded, onDecodeError };
  });
  /** The decodes in flight (created on first use; only the newest answer is shown). */
  const decoderRef = useRef<Latest<DecodeInput> | null>(null);
  const decoder = (): Latest<DecodeInput> =>
    (decoderRef.current ??= createLatest(
      (input: DecodeInput) => api.melody.decode(input),
      (take) => decodeHandlers.current.onDecoded(take),
      (err) => decodeHandlers.current.onDecodeError(err),
    ));

  const decodeAt = (
    l: LatentState,
    values: readonly number[],
    temperature = form.latent.temperature,
  ): void => {
    if (!pca || !vae) return;
    setDecoding(true);
    decoder().want({
      model: vae.id,
      latents: moveLatents(l.base, pca, values),
      bars: l.bars,
      temperature,
      key: clip.lock.key,
      scale: clip.lock.scale,
      seed: 0,
    });
  };

  const encode = (): void => {
    if (!d.usable || encoding || !vae) return;
    if (notes.length === 0) {
      reportError({
        code: 'invalid-input',
        message: 'The roll is empty: draw or generate some notes to encode.',
      });
      return;
    }
    // A decode still out belongs to the old encoding: its answer must not reach the roll.
    decoder().cancel();
    setDecoding(false);
    if (previewing) editor.cancel();
    setPreviewed(null);
    // The preview is dropped, so encode what the roll shows again: the notes the preview came from.
    const from = previewing && latent ? latent.from : notes;
    setEncoding(true);
    api.melody.encode({ model: vae.id, notes: from }).then(
      (out) => {
        setEncoding(false);
        setLatent({
          base: out.latents,
          // The melody VAE's segments are 4/4 bars, whatever the clip's meter.
          bars: barsOf(from, 4),
          from,
          values: new Array<number>(sliders).fill(0),
        });
      },
      (err: unknown) => {
        setEncoding(false);
        reportError(err);
      },
    );
  };

  const onSlider = (k: number, v: number): void => {
    if (!latent) return;
    if (form.latent.autoAudition) transport.unlock();
    const values = latent.values.map((x, i) => (i === k ? v : x));
    const next = { ...latent, values };
    setLatent(next);
    decodeAt(next, values);
  };

  const onTemperature = (v: number): void => {
    d.setForm((f) => ({ ...f, latent: { ...f.latent, temperature: v } }));
    // What the sliders show is decoded again at the new temperature.
    if (latent && (previewing || latent.values.some((x) => x !== 0))) decodeAt(latent, latent.values, v);
  };

  const apply = (): void => {
    if (!previewing) return;
    editor.commit('Latent sliders');
    setPreviewed(null);
    clip.setProvenance(
      latent && pca
        ? {
            origin: 'variation',
            notes: toContractNotes(editor.notes),
            ...(vae ? { model: vae.id } : {}),
            seed: 0,
            params: { sliders: latent.values },
            latents: moveLatents(latent.base, pca, latent.values),
          }
        : null,
    );
  };

  const reset = (): void => {
    if (!latent) return;
    decoder().cancel();
    setDecoding(false);
    const zero = latent.values.map(() => 0);
    const next = { ...latent, values: zero };
    setLatent(next);
    setPreviewed(null);
    if (previewing) editor.cancel();
    else if (!sameMusic(latent.from, notes)) decodeAt(next, zero);
  };

  return {
    latent,
    clear: () => {
      // A new clip is in the roll: a decode still out must not paint the old one over it.
      decoder().cancel();
      setDecoding(false);
      setPreviewed(null);
      setLatent(null);
    },
    sliders,
    shares,
    encoding,
    decoding,
    previewing,
    stale: latent !== null && !previewing && !sameMusic(latent.from, notes) && !decoding,
    encode,
    onSlider,
    onTemperature,
    apply,
    reset,
  };
}
