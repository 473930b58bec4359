/**
 * The Writer's service: continues a prompt with a text model (bundled, or an imported Optimum
 * decoder), streaming the text as it is drawn, and keeps accepted continuations in the library.
 *
 * The loop lives here, one token per inference request (./inference/decoder.ts holds the key/value
 * cache in the inference process), so Stop ends it within one token and other studios' requests
 * run between tokens. Sampling is seeded: same seed + prompt + model + settings → same text.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { z } from 'zod';
import {
  AtelierError,
  invalid,
  type TextGenerateInput,
  type TextGeneration,
  type TextResult,
  type TextSaveInput,
  type TextStream,
} from '../../../preload/contract';
import type { TextStopReason } from '../../../preload/text';
import type { InferenceClient } from '../../inference/client';
import type { Library } from '../library/library';
import type { TextSection } from '../models/manifest';
import type { ModelRegistry, RegisteredModel } from '../models/registry';
import { announce, type Section, type ServiceDeps } from '../section';
import {
  findStop,
  loadTokenizer,
  safeLength,
  StreamingDetokenizer,
  TokenizerError,
  type TextTokenizer,
} from './tokenizer';

export interface TextDeps {
  registry: ModelRegistry;
  inference: InferenceClient;
  library: Library;
}

/** A continuation to draw: `text.generate`'s input without its job id. */
export type GenerateRequest = Omit<z.output<typeof TextGenerateInput>, 'jobId'>;

export interface GenerateOptions {
  /** Called with each new piece of text. */
  onStream?: (s: Omit<TextStream, 'jobId'>) => void;
  signal?: AbortSignal;
  /** Bench and tests: read the whole window at every step instead of using the key/value cache. */
  cache?: boolean;
}

export type SaveRequest = z.output<typeof TextSaveInput>;

/** The Writer's engine: the section's work, plus what tests and the bench reach directly. */
export interface TextService {
  generate(req: GenerateRequest, opts?: GenerateOptions): Promise<TextResult>;
  save(req: SaveRequest): Promise<TextGeneration>;
  /** The tokenizer of a text model (cached), for tests and the bench. */
  tokenizer(model: string): Promise<TextTokenizer>;
  /** Forgets a model's cached tokenizer (after it is removed). */
  forget(model: string): void;
}

/** How many ids of the prompt's tail are decoded with the continuation (see StreamingDetokenizer). */
const DETOKENIZE_CONTEXT = 4;

export function createTextService(deps: TextDeps): TextService {
  const tokenizers = new Map<string, Promise<TextTokenizer>>();

  function textModel(id: string): RegisteredModel & { manifest: { text: TextSection } } {
    const m = deps.registry.get(id);
    if (!m) throw invalid(`There is no model "${id}" installed.`, 'model');
    if (m.error)
      throw new AtelierError({
        code: 'model-unavailable',
        message: `The model "${id}" cannot be used: ${m.error}`,
      });
    if (!m.manifest?.text) throw invalid(`The model "${id}" is not a text model.`, 'model');
    return m as RegisteredModel & { manifest: { text: TextSection } };
  }

  function tokenizerOf(m: RegisteredModel & { manifest: { text: TextSection } }): Promise<TextTokenizer> {
    const key = `${m.id}:${m.sha256}`;
    let t = tokenizers.get(key);
    if (!t) {
      t = loadTokenizer(m.dir, m.manifest.text.tokenizer).catch((e: unknown) => {
        tokenizers.delete(key);
        throw new AtelierError({
          code: 'model-unavailable',
          message: `The tokenizer of "${m.id}" cannot be used: ${e instanceof TokenizerError ? e.message : String(e)}`,
        });
      });
      tokenizers.set(key, t);
    }
    return t;
  }

  return {
    async tokenizer(id) {
      return tokenizerOf(textModel(id));
    },

    forget(id) {
      for (const key of [...tokenizers.keys()]) if (key.startsWith(`${id}:`)) tokenizers.delete(key);
    },

    async generate(req, opts = {}) {
      const started = performance.now();
      const m = textModel(req.model);
      const t = m.manifest.text;
      const modelFile = m.manifest.files.find((f) => f.role === 'model');
      if (!modelFile)
        throw new AtelierError({ code: 'model-unavailable', message: `The model "${m.id}" has no graph.` });
      const tok = await tokenizerOf(m);
      const s = req.sampling;

      // The prompt's ids; the model reads their tail, leaving room to write.
      const reserve = Math.min(s.maxTokens, Math.floor(t.contextLength / 4));
      const room = Math.max(1, t.contextLength - reserve);
      const bos = t.addBos && t.bosTokenId !== null ? t.bosTokenId : null;
      const tail = promptTail(tok, req.prompt, room - (bos === null ? 0 : 1));
      let ids = tail.ids;
      if (ids.length === 0 && bos === null)
        throw invalid('The prompt gives no tokens for this model.', 'prompt');
      if (bos !== null && ids[0] !== bos) ids = [bos, ...ids];
      const truncatedTokens = tail.truncated;

      const genId = randomUUID();
      const detok = new StreamingDetokenizer(
        tok,
        ids.slice(-DETOKENIZE_CONTEXT).filter((i) => i !== t.bosTokenId),
      );
      let shown = 0;
      let text = '';
      let drawn = 0;
      let firstTokenMs = 0;
      let stopReason: TextStopReason | null = null;
      let provider = 'cpu';
      const elapsed = (): number => performance.now() - started;
      const rate = (): number => {
        const since = elapsed() - firstTokenMs;
        return drawn > 1 && since > 0 ? ((drawn - 1) * 1000) / since : 0;
      };

      const take = (tokens: number[]): void => {
        drawn += tokens.length;
        text = detok.push(tokens);
        const cut = findStop(text, s.stop);
        if (cut !== -1) {
          text = text.slice(0, cut);
          stopReason = 'stop-sequence';
        }
        const visible = stopReason ? text.length : safeLength(text, s.stop);
        if (visible > shown || tokens.length > 0) {
          opts.onStream?.({
            delta: text.slice(shown, Math.max(shown, visible)),
            tokens: drawn,
            elapsedMs: elapsed(),
            tokensPerSecond: rate(),
            firstTokenMs,
          });
          shown = Math.max(shown, visible);
        }
      };

      const signal = opts.signal;
      try {
        const first = await deps.inference.decodeStart(
          { id: m.id, path: join(m.dir, modelFile.path) },
          {
            genId,
            layout: {
              layers: t.layers,
              kvHeads: t.kvHeads,
              headDim: t.headDim,
              positionIds: t.positionIds,
              contextLength: t.contextLength,
            },
            promptIds: ids,
            sampling: {
              seed: s.seed,
              temperature: s.temperature,
              topK: s.topK,
              topP: s.topP,
              repetitionPenalty: s.repetitionPenalty,
            },
            eosIds: t.eosTokenIds,
            maxTokens: s.maxTokens,
            ...(opts.cache === false ? { cache: false } : {}),
          },
          { priority: 'batch', ...(signal ? { signal } : {}) },
        );
        provider = first.provider;
        firstTokenMs = elapsed();
        let done = first.done;
        take(first.tokens);
        while (!done && !stopReason) {
          if (signal?.aborted) {
            stopReason = 'stopped';
            break;
          }
          const step = await deps.inference.decodeStep(genId, 1, { priority: 'batch' });
          done = step.done;
          take(step.tokens);
        }
        stopReason ??= signal?.aborted ? 'stopped' : done === 'eos' ? 'eos' : 'max-tokens';
      } catch (e) {
        // Cancelled before the first token (still queued): nothing was drawn, nothing is lost.
        if (e instanceof AtelierError && e.code === 'cancelled') stopReason = 'stopped';
        else throw e;
      } finally {
        void deps.inference.decodeEnd(genId).catch(() => undefined);
      }
      if ((stopReason as TextStopReason | null) !== 'stop-sequence') text = detok.finish();
      if (text.length > shown)
        opts.onStream?.({
          delta: text.slice(shown),
          tokens: drawn,
          elapsedMs: elapsed(),
          tokensPerSecond: rate(),
          firstTokenMs,
        });
      return {
        text,
        stopReason: stopReason as TextStopReason,
        tokens: drawn,
        promptTokens: ids.length,
        truncatedTokens,
        firstTokenMs,
        durationMs: elapsed(),
        tokensPerSecond: rate(),
        model: m.id,
        modelSha256: m.sha256,
        provider,
        seed: s.seed,
        sampling: { ...s, ...(req.preset ? { preset: req.preset } : {}) },
      };
    },

    async save(req) {
      const m = deps.registry.get(req.model);
      if (!m) throw invalid(`There is no model "${req.model}" installed.`, 'model');
      if (req.parentId && !deps.library.exists(req.parentId))
        throw new AtelierError({
          code: 'not-found',
          message: 'The text this one came from is no longer in the library.',
          field: 'parentId',
        });
      const document = req.prompt + req.text + req.after;
      return deps.library.add({
        kind: 'text',
        modelId: m.id,
        modelSha256: m.sha256,
        provider: req.provider,
        seed: req.sampling.seed,
        params: {
          prompt: req.prompt,
          text: req.text,
          after: req.after,
          sampling: req.sampling,
          ...(req.preset ? { preset: req.preset } : {}),
          stopReason: req.stopReason,
          tokens: req.tokens,
          modelName: m.manifest?.name ?? m.id,
          ...(m.manifest?.version ? { modelVersion: m.manifest.version } : {}),
        },
        parentId: req.parentId,
        durationMs: req.durationMs,
        width: null,
        height: null,
        title: textTitle(req.prompt, req.text),
        assets: [
          {
            role: 'text',
            mime: 'text/plain; charset=utf-8',
            ext: 'txt',
            bytes: new TextEncoder().encode(document),
          },
        ],
      });
    },
  };
}

/** A record's title: the continuation's first words, after the prompt's last few. */
export function textTitle(prompt: string, text: string): string {
  const words = (s: string): string[] => s.split(/\s+/).filter(Boolean);
  const head = words(prompt).slice(-4).join(' ');
  const tail = words(text).slice(0, 8).join(' ');
  const title = `${head} ${tail}`.trim() || 'Text';
  return title.length > 80 ? `${title.slice(0, 79)}…` : title;
}

/**
 * The last `room` token ids of a prompt, and how many were left out. Only the prompt's tail is
 * encoded (a long draft would otherwise cost main hundreds of milliseconds per Continue): enough
 * characters for `room` tokens, cut before a space so the tail tokenizes as it would in the whole
 * text, doubled until it holds `room` tokens. Left-out tokens are counted exactly when the whole
 * prompt was encoded, else estimated from the tail's characters per token.
 */
export function promptTail(
  tok: Pick<TextTokenizer, 'encode'>,
  prompt: string,
  room: number,
): { ids: number[]; truncated: number } {
  for (let chars = Math.max(256, room * 8); ; chars *= 2) {
    let start = Math.max(0, prompt.length - chars);
    if (start > 0) {
      const space = prompt.slice(start).search(/\s/);
      if (space !== -1) start += space;
    }
    const ids = tok.encode(prompt.slice(start));
    if (start === 0) return { ids: ids.slice(-room), truncated: Math.max(0, ids.length - room) };
    if (ids.length > room) {
      const perChar = ids.length / (prompt.length - start);
      return { ids: ids.slice(-room), truncated: ids.length - room + Math.round(start * perChar) };
    }
  }
}

/** The Writer's section: `text.generate` streams `text.stream` events as a cancellable job. */
export function createTextSection(deps: ServiceDeps, engine: TextService): Section<'text'> {
  deps.onModelRemoved((id) => engine.forget(id));
  return {
    generate: ({ jobId, ...req }) =>
      deps.jobs.run(jobId, (ctx) =>
        engine.generate(req, {
          signal: ctx.signal,
          onStream: (s) => deps.events.emit('text.stream', { jobId, ...s }),
        }),
      ),
    save: async (req) => announce(deps, await engine.save(req)),
  };
}
