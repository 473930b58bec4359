/**
 * One text generation inside the inference process: a decoder graph in the Hugging Face Optimum
 * layout (input_ids, attention_mask, [position_ids], past_key_values.{i}.key/value,
 * [use_cache_branch] → logits, present.{i}.key/value), its key/value cache, the tokens so far and
 * the seeded sampler. The cache's type (float32, or float16 in fp16 / q4f16 graphs) and the
 * logits' are the TensorOps' business: the presents go back in as they came out, an empty past is
 * made in the graph's type, and logits arrive here as float32. A merged decoder
 * (`decoder_model_merged.onnx`) gets `use_cache_branch` true exactly when a past is fed, and a graph
 * that takes `num_logits_to_keep` (newer exports) gets 1: only the last position is sampled.
 *
 * Main drives it one token per message (`step`), so Stop lands within one step and other
 * studios' requests run between steps. The presents of one step are fed back as the next
 * step's past without leaving the process. When the context is full, the newest
 * three-quarters of it are read again as a fresh prompt (a sliding window), so a continuation
 * may be longer than the model's context. With `cache: false` every step re-reads the whole
 * window (for the bench and the "cache changes nothing" test).
 */
import { Rng } from '../../preload/rng';
import { sampleToken, type TokenSampling } from './sampling';

export interface DecoderLayout {
  layers: number;
  kvHeads: number;
  headDim: number;
  positionIds: boolean;
  contextLength: number;
  /** A merged decoder: feed `use_cache_branch` (bool [1]). */
  cacheBranch?: boolean;
  /** The graph takes `num_logits_to_keep` (int64 scalar): 1, only the last position's logits. */
  logitsToKeep?: boolean;
}

export interface DecoderSpec {
  /** The loaded graph. */
  modelId: string;
  /** Main's id for this generation (one per text.generate). */
  genId: string;
  layout: DecoderLayout;
  /** The prompt as token ids (BOS included where the model wants it); at least one. */
  promptIds: number[];
  sampling: TokenSampling & { seed: number };
  /** Generation ends when one of these is drawn (it is not part of the text). */
  eosIds: number[];
  maxTokens: number;
  /** Use the key/value cache (default true). */
  cache?: boolean;
}

export type DecodeDone = 'eos' | 'max-tokens' | null;

export interface DecodeStep {
  /** Tokens drawn by this call (an EOS is not included). */
  tokens: number[];
  done: DecodeDone;
  /** onnxruntime time of this call. */
  inferenceMs: number;
  /** Tokens the model attends to now (prompt window + drawn). */
  contextTokens: number;
}

/** What the decoder needs from onnxruntime (the worker passes ort.Tensor; tests a stand-in). */
export interface TensorOps<T> {
  int64(values: number[], dims: number[]): T;
  bool(values: boolean[], dims: number[]): T;
  /** A tensor of the graph's cache type with a zero-length past axis. */
  emptyPast(dims: number[]): T;
  /** The last position's logits of a [1, seq, vocab] output, copied, as float32. */
  lastLogits(t: T): Float32Array;
  run(feeds: Record<string, T>): Promise<Record<string, T>>;
  dispose(t: T): void;
}

export class Decoder<T> {
  private past: Record<string, T> | null = null;
  private pastLen = 0;
  /** Every token of the current window the cache holds, in order. */
  private window: number[] = [];
  /** Prompt and every drawn token (for the repetition penalty). */
  private readonly history: number[];
  private drawn = 0;
  private finished: DecodeDone = null;
  private readonly rng: Rng;
  private readonly useCache: boolean;

  constructor(
    private readonly spec: DecoderSpec,
    private readonly ops: TensorOps<T>,
  ) {
    const { layout, promptIds } = spec;
    if (promptIds.length === 0) throw new Error('the prompt has no tokens');
    if (layout.contextLength < 2) throw new Error('the model context is too short');
    this.useCache = spec.cache !== false;
    this.history = [...promptIds];
    // The window the model reads first: the prompt's tail that leaves room for one new token.
    this.window = promptIds.slice(-(layout.contextLength - 1));
    this.rng = new Rng(spec.sampling.seed);
  }

  get done(): DecodeDone {
    return this.finished;
  }

  /** Draws up to `count` tokens (stops early at EOS or max tokens). */
  async step(count = 1): Promise<DecodeStep> {
    const out: number[] = [];
    let ms = 0;
    for (let k = 0; k < count && !this.finished; k++) {
      const t0 = performance.now();
      const logits = await this.forward();
      ms += performance.now() - t0;
      const token = sampleToken(logits, this.history, this.spec.sampling, this.rng);
      this.drawn++;
      if (this.spec.eosIds.includes(token)) {
        this.finished = 'eos';
        break;
      }
      out.push(token);
      this.history.push(token);
      this.window.push(token);
      if (this.drawn >= this.spec.maxTokens) this.finished = 'max-tokens';
    }
    return { tokens: out, done: this.finished, inferenceMs: ms, contextTokens: this.window.length };
  }

  dispose(): void {
    if (this.past) for (const t of Object.values(this.past)) this.ops.dispose(t);
    this.past = null;
  }

  /** Logits for the token after the window. */
  private async forward(): Promise<Float32Array> {
    const ctx = this.spec.layout.contextLength;
    if (this.window.length >= ctx) {
      // Full: keep the newest three-quarters and read them again from an empty cache.
      this.window = this.window.slice(-Math.max(1, Math.floor((ctx * 3) / 4)));
      this.resetCache();
    }
    if (!this.useCache) this.resetCache();
    const fresh = this.window.slice(this.pastLen);
    return this.run(fresh);
  }

  private resetCache(): void {
    this.dispose();
    this.pastLen = 0;
  }

  private async run(ids: number[]): Promise<Float32Array> {
    const { layers, kvHeads, headDim, positionIds } = this.spec.layout;
    const ops = this.ops;
    const seq = ids.length;
    const total = this.pastLen + seq;
    const feeds: Record<string, T> = {
      input_ids: ops.int64(ids, [1, seq]),
      attention_mask: ops.int64(new Array<number>(total).fill(1), [1, total]),
    };
    if (positionIds)
      feeds.position_ids = ops.int64(
        Array.from({ length: seq }, (_, i) => this.pastLen + i),
        [1, seq],
      );
    if (this.spec.layout.cacheBranch) feeds.use_cache_branch = ops.bool([this.past !== null], [1]);
    if (this.spec.layout.logitsToKeep) feeds.num_logits_to_keep = ops.int64([1], []);
    const owned = Object.values(feeds);
    for (let i = 0; i < layers; i++) {
      for (const kv of ['key', 'value'] as const) {
        const name = `past_key_values.${i}.${kv}`;
        const have = this.past?.[`present.${i}.${kv}`];
        if (have) feeds[name] = have;
        else {
          const empty = ops.emptyPast([1, kvHeads, 0, headDim]);
          owned.push(empty);
          feeds[name] = empty;
        }
      }
    }
    let outputs: Record<string, T>;
    try {
      outputs = await ops.run(feeds);
    } finally {
      for (const t of owned) ops.dispose(t);
    }
    // An output the loop needs is missing or unreadable: nothing the graph returned stays alive.
    const fail = (e: Error): Error => {
      for (const t of Object.values(outputs)) ops.dispose(t);
      return e;
    };
    const missing = (name: string): Error => fail(new Error(`the model returned no "${name}"`));
    const logits = outputs.logits;
    if (!logits) throw missing('logits');
    for (let i = 0; i < layers; i++)
      for (const kv of ['key', 'value'])
        if (!outputs[`present.${i}.${kv}`]) throw missing(`present.${i}.${kv}`);
    let last: Float32Array;
    try {
      last = ops.lastLogits(logits);
    } catch (e) {
      throw fail(e as Error);
    }
    ops.dispose(logits);
    // The old past is replaced by the presents (which already hold it).
    this.dispose();
    const next: Record<string, T> = {};
    for (const [name, t] of Object.entries(outputs)) {
      if (name === 'logits') continue;
      if (name.startsWith('present.')) next[name] = t;
      else ops.dispose(t);
    }
    this.past = next;
    this.pastLen = total;
    return last;
  }
}
