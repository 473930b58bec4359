/** What a stored texture generation's `params` record holds, read defensively (it is `unknown`). */
export interface StoredTextureParams {
  model?: string;
  seed?: number;
  size?: number;
  style?: string;
  scale?: 1 | 2 | 4;
  blend?: { style: string; amount: number };
  /** A photo match's mixing weights over all the model's styles. */
  weights?: number[];
  /** The name a kept photo match was given. */
  name?: string;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export function readTextureParams(params: Record<string, unknown>): StoredTextureParams {
  const out: StoredTextureParams = {};
  const model = str(params.model);
  if (model) out.model = model;
  const seed = num(params.seed);
  if (seed !== undefined) out.seed = seed;
  const size = num(params.size);
  if (size !== undefined) out.size = size;
  const style = str(params.style);
  if (style) out.style = style;
  const scale = num(params.scale);
  if (scale === 1 || scale === 2 || scale === 4) out.scale = scale;
  const blend = params.blend;
  if (typeof blend === 'object' && blend !== null) {
    const b = blend as Record<string, unknown>;
    const bs = str(b.style);
    const amount = num(b.amount);
    if (bs && amount !== undefined) out.blend = { style: bs, amount };
  }
  const w = params.weights;
  if (Array.isArray(w) && w.length > 0 && w.every((v) => num(v) !== undefined && (v as number) >= 0))
    out.weights = w as number[];
  const name = str(params.name);
  if (name) out.name = name;
  return out;
}
