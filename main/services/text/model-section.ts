import { z } from 'zod';
import { defineModelSection, type ManifestFields } from '../models/model-section';

/**
 * Decoder text models (bundled, or imported Optimum / onnx-community folders): see
 * models/training/text/INTERFACE.md. The optional fields describe published graph variants (fp16
 * caches, merged decoders); a manifest without them is a float32 graph with one decoder.
 */
export const TextSection = z
  .object({
    layout: z.literal('optimum-decoder-kv'),
    modelType: z.string().min(1).max(64),
    vocabSize: z.number().int().positive().max(1_048_576),
    contextLength: z.number().int().positive().max(1_048_576),
    layers: z.number().int().positive().max(256),
    kvHeads: z.number().int().positive().max(1024),
    headDim: z.number().int().positive().max(4096),
    positionIds: z.boolean(),
    bosTokenId: z.number().int().min(0).nullable(),
    eosTokenIds: z.array(z.number().int().min(0)).max(16),
    addBos: z.boolean(),
    tokenizer: z.string().min(1),
    /** The graph variant installed (`fp32`, `fp16`, `q4`, …), when the folder published several. */
    variant: z.string().min(1).max(32).optional(),
    /** The key/value cache's type (float32 when absent: manifests written before fp16 graphs ran). */
    kvDtype: z.enum(['float32', 'float16']).optional(),
    /** The logits' type (float32 when absent). */
    logitsDtype: z.enum(['float32', 'float16']).optional(),
    /** A merged decoder: the graph takes `use_cache_branch` (bool [1], true when a past is fed). */
    cacheBranch: z.boolean().optional(),
    /** The graph takes `num_logits_to_keep` (int64 scalar, fed 1). */
    logitsToKeep: z.boolean().optional(),
    generation: z
      .object({
        temperature: z.number().min(0).optional(),
        topK: z.number().int().min(0).optional(),
        topP: z.number().min(0).max(1).optional(),
        repetitionPenalty: z.number().min(0).optional(),
        maxNewTokens: z.number().int().positive().optional(),
      })
      .optional(),
  })
  .strict();
export type TextSection = z.infer<typeof TextSection>;

function checkText(m: ManifestFields, ctx: z.RefinementCtx): void {
  const t = m.text;
  if (!t) {
    ctx.addIssue({ code: 'custom', path: ['text'], message: 'a text model needs a "text" section' });
    return;
  }
  for (const role of ['model', 'tokenizer'])
    if (!m.files.some((f) => f.role === role))
      ctx.addIssue({
        code: 'custom',
        path: ['files'],
        message: `a text model needs a file with role "${role}"`,
      });
  if (!m.files.some((f) => f.path === t.tokenizer && f.role === 'tokenizer'))
    ctx.addIssue({
      code: 'custom',
      path: ['text', 'tokenizer'],
      message: 'the tokenizer must be one of the files',
    });
  for (const name of ['input_ids', 'attention_mask', 'past_key_values.0.key'])
    if (!m.inputs.some((i) => i.name === name))
      ctx.addIssue({ code: 'custom', path: ['inputs'], message: `a text model needs a "${name}" input` });
  if (!m.outputs.some((o) => o.name === 'logits'))
    ctx.addIssue({ code: 'custom', path: ['outputs'], message: 'a text model needs a "logits" output' });
  if (t.cacheBranch && !m.inputs.some((i) => i.name === 'use_cache_branch'))
    ctx.addIssue({
      code: 'custom',
      path: ['text', 'cacheBranch'],
      message: 'a merged decoder needs a "use_cache_branch" input',
    });
  if (t.addBos && t.bosTokenId === null)
    ctx.addIssue({ code: 'custom', path: ['text', 'addBos'], message: 'addBos needs a bosTokenId' });
}

/** A decoder text model's manifest section (the Writer). */
export const textModelSection = defineModelSection({
  key: 'text',
  schema: TextSection,
  tasks: ['text'],
  check: checkText,
  status: (t) => ({
    modelType: t.modelType,
    contextLength: t.contextLength,
    vocabSize: t.vocabSize,
    layers: t.layers,
    ...(t.generation
      ? {
          defaults: {
            ...pick(t.generation, ['temperature', 'topK', 'topP', 'repetitionPenalty']),
            ...(t.generation.maxNewTokens !== undefined ? { maxTokens: t.generation.maxNewTokens } : {}),
          },
        }
      : {}),
  }),
});

function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
