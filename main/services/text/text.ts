/**
 * The Writer's service: continues a prompt with a text model (bundled, or an imported Optimum
 * decoder), or (mode "ask") answers an instruction about the text through a chat model's own chat
 * template (./ask.ts, ./chat.ts), streaming the text as it is drawn, and keeps accepted results in
 * the library (./save.ts).
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
  type TextChatInfo,
  type TextGenerateInput,
  type TextGeneration,
  type TextMode,
  type TextResult,
  type TextSaveInput,
  type TextStream,
} from '../../../preload/contract';
import type { TextStopReason } from '../../../preload/text';
import type { InferenceClient } from '../../inference/client';
import type { DecoderLayout } from '../../inference/decoder';
import type { Library } from '../library/library';
import type { TextSection } from '../models/manifest';
import type { ModelRegistry, RegisteredModel } from '../models/registry';
import { announce, type Section, type ServiceDeps } from '../section';
import { chatInfo, loadChatModel, type ChatModel } from './ask';
import { promptIds } from './prompt';
import { saveText } from './save';

export { promptTail } from './prompt';
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

/** A continuation to draw: `text.generate`'s input without its job id (Continue when no mode is given). */
export type GenerateRequest = Omit<z.output<typeof TextGenerateInput>, 'jobId' | 'mode'> & {
  mode?: TextMode;
};

/** What the model is fed, reported before the first token (tests and the bench check it). */
export interface PromptReport {
  /** The ids fed, in order. */
  ids: number[];
  /** Ask: the rendered chat template they come from. */
  text: string | null;
  /** The ids that end the generation (the model's end tokens and its end-of-turn token). */
  eosIds: number[];
}

export interface GenerateOptions {
  /** Called with each new piece of text. */
  onStream?: (s: Omit<TextStream, 'jobId'>) => void;
  signal?: AbortSignal;
  /** Bench and tests: read the whole window at every step instead of using the key/value cache. */
  cache?: boolean;
  /** Called once with the prompt ids before anything is drawn. */
  onPrompt?: (p: PromptReport) => void;
  /** The clock a chat template's `strftime_now` reads (tests fix it). */
  now?: () => Date;
}

export type SaveRequest = z.output<typeof TextSaveInput>;

/** The Writer's engine: the section's work, plus what tests and the bench reach directly. */
export interface TextService {
  generate(req: GenerateRequest, opts?: GenerateOptions): Promise<TextResult>;
  save(req: SaveRequest): Promise<TextGeneration>;
  /** The tokenizer of a text model (cached), for tests and the bench. */
  tokenizer(model: string): Promise<TextTokenizer>;
  /** Whether a model can Ask (its chat template), and why not. */
  chat(model: string): Promise<TextChatInfo>;
  /** Forgets a model's cached tokenizer (after it is removed). */
  forget(model: string): void;
}

/** How many ids of the prompt's tail are decoded with the continuation (see StreamingDetokenizer). */
const DETOKENIZE_CONTEXT = 4;

export function createTextService(deps: TextDeps): TextService {
  const tokenizers = new Map<string, Promise<TextTokenizer>>();
  const chats = new Map<string, Promise<ChatModel>>();

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

  /** The model's chat template, read once per installed version (a failed read is a reason, not an error). */
  async function chatOf(m: RegisteredModel & { manifest: { text: TextSection } }): Promise<ChatModel> {
    const key = `${m.id}:${m.sha256}`;
    let c = chats.get(key);
    if (!c) {
      const tok = await tokenizerOf(m);
      c = chats.get(key) ?? loadChatModel(m.dir, tok);
      chats.set(key, c);
    }
    return c;
  }

  return {
    async tokenizer(id) {
      return tokenizerOf(textModel(id));
    },

    async chat(id) {
      return chatInfo(await chatOf(textModel(id)));
    },

    forget(id) {
      for (const map of [tokenizers, chats])
        for (const key of [...map.keys()]) if (key.startsWith(`${id}:`)) map.delete(key);
    },

    async generate(req, opts = {}) {
      const started = performance.now();
      const m = textModel(req.model);
      const t = m.manifest.text;
      const modelFile = m.manifest.files.find((f) => f.role === 'model');
      if (!modelFile)
        throw new AtelierError({ code: 'model-unavailable', message: `The model "${m.id}" has no graph.` });
      const tok = await tokenizerOf(m);
      const chat = await chatOf(m);
      const s = req.sampling;

      const { ids, truncatedTokens, rendered, eosIds } = promptIds(t, tok, chat, req, opts.now);
      opts.onPrompt?.({ ids: [...ids], text: rendered, eosIds });

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
            layout: decoderLayout(t),
            promptIds: ids,
            sampling: {
              seed: s.seed,
              temperature: s.temperature,
              topK: s.topK,
              topP: s.topP,
              repetitionPenalty: s.repetitionPenalty,
            },
            eosIds,
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

    save: (req) => saveText(deps, req),
  };
}

/** The Writer's section: `text.generate` streams `text.stream` events as a cancellable job. */
/** The key/value cache layout the inference process needs to drive a text model's decoder. */
export function decoderLayout(t: TextSection): DecoderLayout {
  const { layers, kvHeads, headDim, positionIds, contextLength } = t;
  return {
    layers,
    kvHeads,
    headDim,
    positionIds,
    contextLength,
    ...(t.cacheBranch ? { cacheBranch: true } : {}),
  };
}

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
    chat: ({ model }) => engine.chat(model),
    save: async (req) => announce(deps, await engine.save(req)),
  };
}
