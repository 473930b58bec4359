/**
 * The Writer: continuations from text models (bundled, or Optimum decoders the user imports), and
 * Ask — an instruction about the selected text, answered by a chat model through its own chat template.
 */
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

/** The longest instruction Ask takes (UTF-16 code units): a sentence or a paragraph, not a document. */
export const TEXT_MAX_INSTRUCTION_CHARS = 4000;
/** The longest system message Ask takes. */
export const TEXT_MAX_SYSTEM_CHARS = 4000;

/** Continue: the model carries the text on. Ask: a chat model answers an instruction about the text. */
export const TextMode = z.enum(['continue', 'ask']);
export type TextMode = z.infer<typeof TextMode>;

const Instruction = z
  .string({ message: 'must be text' })
  .max(TEXT_MAX_INSTRUCTION_CHARS, `must be at most ${TEXT_MAX_INSTRUCTION_CHARS} characters`);
const SystemMessage = z
  .string({ message: 'must be text' })
  .max(TEXT_MAX_SYSTEM_CHARS, `must be at most ${TEXT_MAX_SYSTEM_CHARS} characters`);
/** Ask's text may be empty (an instruction alone on an empty page); Continue's may not. */
const AnyPrompt = z
  .string({ message: 'must be text' })
  .max(TEXT_MAX_PROMPT_CHARS, `must be at most ${TEXT_MAX_PROMPT_CHARS / 1024} KiB of text`);

/** What only Ask takes, and what each mode needs, checked with the field named. */
function checkMode(
  v: { mode: TextMode; prompt: string; instruction?: string | undefined; system?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (v.mode === 'ask') {
    if (v.instruction === undefined || v.instruction.trim() === '')
      ctx.addIssue({
        code: 'custom',
        path: ['instruction'],
        message: 'must not be empty: say what the model should do with the text',
      });
    return;
  }
  if (v.prompt === '') ctx.addIssue({ code: 'custom', path: ['prompt'], message: 'must not be empty' });
  for (const key of ['instruction', 'system'] as const)
    if (v[key] !== undefined)
      ctx.addIssue({ code: 'custom', path: [key], message: 'is only for mode "ask"' });
}

export const TextGenerateInput = z
  .object({
    /** Client-chosen: tokens stream as `text.stream` events with this id; `jobs.cancel` stops. */
    jobId: JobId,
    model: ModelId.default('text'),
    mode: TextMode.default('continue'),
    /** Continue: the text to carry on. Ask: the text the instruction is about (the selection). */
    prompt: AnyPrompt,
    /** Ask: what to do with the text ("Shorten this."). */
    instruction: Instruction.optional(),
    /** Ask: an optional system message, before the user's. */
    system: SystemMessage.optional(),
    sampling: TextSampling,
    preset: z.enum(TEXT_PRESET_IDS).optional(),
  })
  .strict()
  .superRefine(checkMode);

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
    mode: TextMode.default('continue'),
    /** The text before the continuation (the editor up to the cursor; may be empty for Ask). */
    prompt: AnyPrompt,
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
    /** Ask: the instruction, the system message, and the text it was about (the selection). */
    instruction: Instruction.optional(),
    system: SystemMessage.optional(),
    selection: AnyPrompt.optional(),
  })
  .strict()
  .superRefine(checkMode);

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
    /** 'ask' for an answer to an instruction; absent (older records) or 'continue' otherwise. */
    mode: z.string(),
    instruction: z.string(),
    system: z.string(),
    selection: z.string(),
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

/** Whether a model can Ask (it has a chat template that reads), and why not. */
export const TextChatInput = z.object({ model: ModelId }).strict();
export const TextChatInfo = z.object({
  chat: z.boolean(),
  /** Why Ask cannot run with this model (a sentence), or null. */
  reason: z.string().nullable(),
  /** Where the template came from: "chat_template.jinja" or "tokenizer_config.json". */
  source: z.string().nullable(),
  /** The end-of-turn token that ends an answer ("<|im_end|>"), when the tokenizer knows it. */
  endOfTurn: z.string().nullable(),
});
export type TextChatInfo = z.infer<typeof TextChatInfo>;

export const text = {
  /**
   * Continue the prompt, or (mode "ask") answer an instruction about it through the model's chat
   * template; tokens stream as `text.stream` events; `jobs.cancel` stops within a step.
   */
  generate: method(TextGenerateInput, TextResult),
  /** Whether the model has a chat template Ask can use, and why not. */
  chat: method(TextChatInput, TextChatInfo),
  /** Keep an accepted continuation (or Ask answer) in the library with its prompt, model and settings. */
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
