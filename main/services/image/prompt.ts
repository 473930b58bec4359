/**
 * Prompt conditioning for the diffusion models of ./denoise.ts: a prompt and its negative become
 * the UNet's conditioning feeds, one row per classifier-free guidance half — the model's word ids
 * (pixel models with a word list, unknown words left out and reported), or the CLIP text
 * encoder's hidden states (Stable Diffusion; its tokenizer is loaded once per model; float16
 * hidden states from fp16 exports converted to what the UNet takes). Also the wire-tensor
 * helpers the denoising pass uses (float16 through ../../inference/half.ts).
 */
import { join } from 'node:path';
import { AtelierError } from '../../../preload/contract';
import { promptWords } from '../../../preload/image';
import type { InferenceClient } from '../../inference/client';
import { fromHalf, toHalf } from '../../inference/half';
import type { WireTensor } from '../../inference/protocol';
import { loadTokenizer, type TextTokenizer } from '../text/tokenizer';
import type { ImageModel } from './denoise';
import { guidanceMode } from './few-step';

/** A prepared prompt: one row of conditioning feeds per guidance half. */
export interface Conditioning {
  guidance: number;
  /** [uncond (the negative prompt), cond], or only one of them when guidance is 0 or 1. */
  halves: ('uncond' | 'cond')[];
  feeds: Record<string, WireTensor>;
  /** The prompt's and the negative's words the model does not know (word models). */
  unknown: string[];
}

export interface PromptOptions {
  /** CLIP tokenizers by `id:sha256`, shared between runs (a new map otherwise). */
  tokenizers?: Map<string, Promise<TextTokenizer>>;
  /** The field an unusable tokenizer's error names. */
  field?: string;
}

export const f32 = (data: Float32Array, dims: number[]): WireTensor => ({
  dtype: 'float32',
  dims,
  data: data.slice().buffer as ArrayBuffer,
});
/** Float values as a tensor of `dtype` (float16 travels as its bits: ../../inference/half.ts). */
export function floats(
  data: Float32Array,
  dims: number[],
  dtype: 'float32' | 'float16' = 'float32',
): WireTensor {
  return dtype === 'float16' ? { dtype, dims, data: toHalf(data).buffer as ArrayBuffer } : f32(data, dims);
}

/** A float output (float32, or float16 from an fp16 graph) as float32 values. */
export function readFloats(t: WireTensor): Float32Array {
  if (t.dtype === 'float16') return fromHalf(new Uint16Array(t.data));
  if (t.dtype === 'float32') return new Float32Array(t.data);
  throw new Error(`expected a float output, got ${t.dtype}`);
}

export const ints = (values: ArrayLike<number>, dims: number[], type: 'int32' | 'int64'): WireTensor => ({
  dtype: type,
  dims,
  data:
    type === 'int64'
      ? BigInt64Array.from(Array.from(values), (v) => BigInt(v)).buffer
      : Int32Array.from(Array.from(values)).buffer,
});

/** `t`'s rows each repeated `times` times in place: [a, b] × 2 → [a, a, b, b]. */
export function repeatRows(t: WireTensor, times: number): WireTensor {
  const src = new Uint8Array(t.data);
  const rows = t.dims[0]!;
  const row = src.length / rows;
  const out = new Uint8Array(src.length * times);
  for (let r = 0; r < rows; r++)
    for (let k = 0; k < times; k++) out.set(src.subarray(r * row, (r + 1) * row), (r * times + k) * row);
  return { dtype: t.dtype, dims: [rows * times, ...t.dims.slice(1)], data: out.buffer };
}

/** The conditioning of image model `m`'s prompts; the text encoder runs at batch priority. */
export function createPrompter(inference: InferenceClient, m: ImageModel, o: PromptOptions = {}) {
  const s = m.manifest.image;
  const latent = s.latent!;
  const tokenizers = o.tokenizers ?? new Map<string, Promise<TextTokenizer>>();

  function clipTokenizer(): Promise<TextTokenizer> {
    const key = `${m.id}:${m.sha256}`;
    let t = tokenizers.get(key);
    if (!t) {
      t = loadTokenizer(join(m.dir, latent.tokenizer)).catch((e: unknown) => {
        tokenizers.delete(key);
        throw new AtelierError({
          code: 'model-unavailable',
          message: `The tokenizer of "${m.id}" cannot be used: ${(e as Error).message}`,
          ...(o.field ? { field: o.field } : {}),
        });
      });
      tokenizers.set(key, t);
    }
    return t;
  }

  /** CLIP ids: the tokenizer's own [bos … eos], cut to maxLength (ending in eos), padded with eos. */
  async function clipIds(prompt: string, maxLength: number): Promise<number[]> {
    const tok = await clipTokenizer();
    const ids = tok.encode(prompt);
    const eos = tok.tokenId('<|endoftext|>') ?? ids[ids.length - 1] ?? 0;
    const cut = ids.length > maxLength ? [...ids.slice(0, maxLength - 1), eos] : ids;
    while (cut.length < maxLength) cut.push(eos);
    return cut;
  }

  /**
   * Prepares `prompt` and its `negative` for `guidance`, applied as the model takes it
   * (./few-step.ts `guidanceMode`: one row for a few-step model at guidance ≤ 1 or an LCM's
   * embedded guidance, the prompt's).
   */
  return async function condition(
    prompt: string,
    negative: string,
    guidance: number,
    signal?: AbortSignal,
  ): Promise<Conditioning> {
    const mode = guidanceMode(s);
    const halves: Conditioning['halves'] =
      mode === 'embedded' || (mode === 'above-one' && guidance <= 1)
        ? ['cond']
        : guidance === 1
          ? ['cond']
          : guidance === 0
            ? ['uncond']
            : ['uncond', 'cond'];
    const c = s.conditioning;
    if (c.input === 'words') {
      const pos = promptWords(prompt, c);
      const neg = promptWords(negative, c);
      const ids = halves.flatMap((h) => (h === 'cond' ? pos.ids : neg.ids));
      const unknown = [...new Set([...pos.unknown, ...neg.unknown])];
      return { guidance, halves, feeds: { words: ints(ids, [halves.length, c.maxWords], 'int64') }, unknown };
    }
    const texts = halves.map((h) => (h === 'cond' ? prompt : negative));
    const ids = (await Promise.all(texts.map((t) => clipIds(t, c.maxLength)))).flat();
    const enc = await inference.run(
      {
        model: { id: `${m.id}/text_encoder`, path: join(m.dir, latent.textEncoder) },
        feeds: { input_ids: ints(ids, [texts.length, c.maxLength], c.idsType) },
        outputs: ['last_hidden_state'],
      },
      { priority: 'batch', ...(signal ? { signal } : {}) },
    );
    const states = enc.outputs.last_hidden_state!;
    const dtype = s.floats?.hiddenStates ?? 'float32';
    // Passed on as it came when the UNet takes that type; converted otherwise (fp16 ↔ fp32).
    const feeds = {
      encoder_hidden_states: states.dtype === dtype ? states : floats(readFloats(states), states.dims, dtype),
    };
    return { guidance, halves, feeds, unknown: [] };
  };
}
