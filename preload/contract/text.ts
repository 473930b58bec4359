/** The Writer: continuations from text models (bundled, or Optimum decoders the user imports). */
import { z } from 'zod';
import { slug } from '../names';
import {
  TEXT_DEFAULTS,
  TEXT_MAX_NEW_TOKENS,
  TEXT_MAX_PROMPT_CHARS,
  TEXT_MAX_STOP_CHARS,
  TEXT_MAX_STOP_SEQUENCES,
  TEXT_MAX_TOP_K,
  TEXT_PRESET_IDS,
  TEXT_STOP_REASONS,
} from '../text';
import { GenerationId, JobId, method, ModelId, Seed } from './common';
import { defineKind, storedParams } from './generation';

const StopSequence = z
  .string()
  .min(1, 'must not be empty')
  .max(TEXT_MAX_STOP_CHARS, `must be at most ${TEXT_MAX_STOP_CHARS} characters`);

/** How tokens are drawn (in TypeScript, in the inference process): same seed + prompt + model → same text. */
export const TextSampling = z
  .object({
    seed: Seed,
    temperature: z
      .number()
      .min(0, 'must be at least 0')
      .max(2, 'must be at most 2')
      .default(TEXT_DEFAULTS.temperature),
    topK: z
      .number()
      .int('must be a whole number')
      .min(0, 'must be at least 0 (0 = off)')
      .max(TEXT_MAX_TOP_K, `must be at most ${TEXT_MAX_TOP_K}`)
      .default(TEXT_DEFAULTS.topK),
    topP: z.number().gt(0, 'must be above 0').max(1, 'must be at most 1').default(TEXT_DEFAULTS.topP),
    repetitionPenalty: z
      .number()
      .min(1, 'must be at least 1 (1 = off)')
      .max(2, 'must be at most 2')
      .default(TEXT_DEFAULTS.repetitionPenalty),
    maxTokens: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(TEXT_MAX_NEW_TOKENS, `must be at most ${TEXT_MAX_NEW_TOKENS}`)
      .default(TEXT_DEFAULTS.maxTokens),
    stop: z
      .array(StopSequence)
      .max(TEXT_MAX_STOP_SEQUENCES, `must hold at most ${TEXT_MAX_STOP_SEQUENCES} stop sequences`)
      .default([]),
  })
  .strict();
export type TextSampling = z.output<typeof TextSampling>;

export const TextPrompt = z
  .string({ message: 'must be text' })
  .min(1, 'must not be empty')
  .max(TEXT_MAX_PROMPT_CHARS, `must be at most ${TEXT_MAX_PROMPT_CHARS / 1024} KiB of text`);

export const TextGenerateInput = z
  .object({
    /** Client-chosen: tokens stream as `text.stream` events with this id; `jobs.cancel` stops. */
    jobId: JobId,
    model: ModelId.default('text'),
    prompt: TextPrompt,
    sampling: TextSampling,
    preset: z.enum(TEXT_PRESET_IDS).optional(),
  })
  .strict();

export const TextStopReason = z.enum(TEXT_STOP_REASONS);

/** A finished (or stopped) continuation: the text, and what reproduces it. */
export const TextResult = z.object({
  text: z.string(),
  stopReason: TextStopReason,
  /** Tokens drawn (including any cut by a stop sequence). */
  tokens: z.number(),
  /** Prompt tokens the model read (the tail of the prompt when it is longer than the context). */
  promptTokens: z.number(),
  /** Prompt tokens left out because the context is shorter. */
  truncatedTokens: z.number(),
  firstTokenMs: z.number(),
  durationMs: z.number(),
  tokensPerSecond: z.number(),
  model: z.string(),
  modelSha256: z.string(),
  provider: z.string(),
  seed: z.number(),
  sampling: z.record(z.string(), z.unknown()),
});
export type TextResult = z.infer<typeof TextResult>;

export const TextSaveInput = z
  .object({
    model: ModelId,
    /** The text before the continuation (the editor up to the cursor). */
    prompt: TextPrompt,
    /** The accepted continuation. */
    text: z
      .string()
      .min(1, 'must not be empty')
      .max(TEXT_MAX_PROMPT_CHARS, `must be at most ${TEXT_MAX_PROMPT_CHARS / 1024} KiB of text`),
    sampling: TextSampling,
    preset: z.enum(TEXT_PRESET_IDS).optional(),
    stopReason: TextStopReason,
    tokens: z.number().int().min(0).max(TEXT_MAX_NEW_TOKENS),
    provider: z.string().max(32).default(''),
    durationMs: z.number().min(0).max(3_600_000).default(0),
    /** The text after the cursor when the continuation was made (kept so the library reopens the whole draft). */
    after: z.string().max(TEXT_MAX_PROMPT_CHARS).default(''),
    parentId: GenerationId.nullable().default(null),
  })
  .strict();

export const TextStream = z.object({
  jobId: z.string(),
  /** New text since the last event (may be empty while a multi-byte character is incomplete). */
  delta: z.string(),
  tokens: z.number(),
  elapsedMs: z.number(),
  tokensPerSecond: z.number(),
  firstTokenMs: z.number(),
});
export type TextStream = z.infer<typeof TextStream>;

/** A text record: the prompt, the accepted continuation, the text after it, every setting. */
export const textKind = defineKind(
  'text',
  storedParams({
    prompt: z.string(),
    text: z.string(),
    after: z.string(),
    sampling: z.record(z.string(), z.unknown()),
    preset: z.string(),
    stopReason: z.string(),
    tokens: z.number(),
    modelName: z.string(),
    modelVersion: z.string(),
  }),
  {
    exportRole: 'text',
    extension: 'txt',
    fileName: (g) =>
      `atelier-text-${slug((g.params.text ?? '').split(/\s+/).slice(0, 5).join(' '), 'text')}-${g.id.slice(0, 8)}.txt`,
  },
);
export const TextGeneration = textKind.record;
export type TextGeneration = z.output<typeof TextGeneration>;

export const text = {
  /** Continue the prompt; tokens stream as `text.stream` events; `jobs.cancel` stops within a step. */
  generate: method(TextGenerateInput, TextResult),
  /** Keep an accepted continuation in the library with its prompt, model and settings. */
  save: method(TextSaveInput, TextGeneration),
};

/** What the model list shows of a text model. */
export const TextModelInfo = z.object({
  modelType: z.string(),
  contextLength: z.number(),
  vocabSize: z.number(),
  layers: z.number(),
  /** The model's own sampling defaults (generation_config.json), when it has them. */
  defaults: z
    .object({
      temperature: z.number().optional(),
      topK: z.number().optional(),
      topP: z.number().optional(),
      repetitionPenalty: z.number().optional(),
      maxTokens: z.number().optional(),
    })
    .optional(),
});
