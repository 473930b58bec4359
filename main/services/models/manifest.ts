/**
 * The model manifest (`models/<id>/model.json`): what a model is, which files make it up (with
 * their sha256), its tensor interface, provenance and metrics. Validated before a model loads.
 */
import { z } from 'zod';

const Dim = z.union([z.number().int().positive(), z.string().min(1)]);
const TensorSpec = z.object({
  name: z.string().min(1),
  dtype: z.enum(['float32', 'float16', 'int64', 'int32', 'uint8', 'bool']),
  shape: z.array(Dim),
});
export type TensorSpec = z.infer<typeof TensorSpec>;

export const ModelFile = z.object({
  path: z
    .string()
    .min(1)
    .refine((p) => !p.includes('..') && !p.startsWith('/') && !p.includes('\\'), 'must stay inside the model folder'),
  role: z.string().min(1),
  sha256: z.string().regex(/^[a-f0-9]{64}$/, 'must be a lowercase hex sha256'),
  bytes: z.number().int().positive(),
});
export type ModelFile = z.infer<typeof ModelFile>;

export const TextureSection = z.object({
  latentChannels: z.number().int().positive(),
  latentStride: z.number().int().positive(),
  minSize: z.number().int().positive(),
  maxSize: z.number().int().positive(),
  outputRange: z.tuple([z.number(), z.number()]),
  styles: z
    .array(z.object({ index: z.number().int().min(0), id: z.string().min(1), name: z.string().min(1) }))
    .min(1),
});
export type TextureSection = z.infer<typeof TextureSection>;

const Box = z.tuple([z.number(), z.number(), z.number(), z.number()]);

/** A VAE-style model: separate encoder and decoder graphs, and the PCA of its encoded training set. */
export const LatentSection = z
  .object({
    dim: z.number().int().positive().max(256),
    width: z.number().int().positive().max(1024),
    height: z.number().int().positive().max(1024),
    channels: z.union([z.literal(1), z.literal(3)]),
    /** The output is ink (1 = ink), shown dark on light paper. */
    ink: z.boolean(),
    encoder: z.object({ inputs: z.array(TensorSpec).min(1), outputs: z.array(TensorSpec).min(2) }),
    /** How a user's image is brought to the training data's framing before encoding. */
    preprocess: z.enum(['glyph-box', 'center-crop']),
    condition: z
      .object({
        input: z.literal('char'),
        charset: z.string().min(1),
        /** Baseline row in the model's frame, as the training data was rendered. */
        baseline: z.number(),
        /** Mean ink box [x0, y0, x1, y1) of each character over the training fonts. */
        boxes: z.record(z.string(), Box),
      })
      .optional(),
    pca: z.object({
      mean: z.array(z.number()),
      directions: z.array(z.array(z.number())).min(2),
      variance: z.array(z.number().nonnegative()),
    }),
    recon: z.object({ heldOutMse: z.number().nonnegative(), threshold: z.number().positive() }),
  })
  .strict();
export type LatentSection = z.infer<typeof LatentSection>;

/** Melody models (melody VAE, autoregressive melody model): the token grid they share. */
export const MelodySection = z
  .object({
    stepsPerBar: z.literal(16),
    pitchMin: z.number().int().min(0).max(127),
    pitchMax: z.number().int().min(0).max(127),
    vocab: z.number().int().positive(),
    rest: z.number().int().min(0),
    hold: z.number().int().min(0),
    noteOnBase: z.number().int().min(0),
    layers: z.number().int().positive(),
    hidden: z.number().int().positive(),
    /** VAE: segment length in bars and latent size. */
    bars: z.number().int().positive().max(16).optional(),
    dim: z.number().int().positive().max(256).optional(),
    pca: z
      .object({
        mean: z.array(z.number()),
        directions: z.array(z.array(z.number())).min(2),
        variance: z.array(z.number().nonnegative()),
      })
      .optional(),
    recon: z.object({ heldOutAccuracy: z.number(), threshold: z.number() }).optional(),
  })
  .passthrough();
export type MelodySection = z.infer<typeof MelodySection>;

/** Decoder text models (bundled, or imported Optimum folders): see models/training/text/INTERFACE.md. */
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

/** Diffusion models (bundled pixel-space, or imported Stable Diffusion): models/training/images/INTERFACE.md. */
export const ImageSection = z
  .object({
    kind: z.enum(['pixel', 'latent']),
    trainSize: z.number().int().positive().max(4096),
    sizes: z.array(z.number().int().positive().max(4096)).min(1),
    /** Width and height must be multiples of this (the UNet's downsampling; default 8). */
    sizeMultiple: z.number().int().positive().max(512).optional(),
    channels: z.literal(3),
    valueRange: z.tuple([z.number(), z.number()]),
    background: z.tuple([z.number(), z.number(), z.number()]).optional(),
    prediction: z.enum(['epsilon', 'v_prediction']),
    schedule: z
      .object({
        timesteps: z.number().int().positive().max(100_000),
        betaSchedule: z.string().min(1),
        betaStart: z.number().positive().optional(),
        betaEnd: z.number().positive().optional(),
        alphasCumprod: z.array(z.number().gt(0).max(1)).optional(),
      })
      .strict(),
    conditioning: z.discriminatedUnion('input', [
      z
        .object({
          input: z.literal('words'),
          maxWords: z.number().int().positive().max(64),
          vocab: z.array(z.string()).min(2),
          stopWords: z.array(z.string()).default([]),
        })
        .strict(),
      z
        .object({
          input: z.literal('clip'),
          maxLength: z.number().int().positive().max(512),
          /** The text encoder's input_ids type. */
          idsType: z.enum(['int32', 'int64']),
        })
        .strict(),
    ]),
    defaults: z.object({ steps: z.number().int().positive(), guidance: z.number().min(0), sampler: z.enum(['ddim', 'euler']) }),
    /** The noise-prediction network; its timestep input's type and shape. */
    unet: z.string().min(1),
    timestep: z.object({ dtype: z.enum(['float32', 'int64']), perImage: z.boolean() }).default({ dtype: 'float32', perImage: true }),
    /** Latent models: the VAE and the text encoder (paths), latent channels, downscale and scaling. */
    latent: z
      .object({
        channels: z.number().int().positive(),
        factor: z.number().int().positive(),
        scaling: z.number().positive(),
        textEncoder: z.string().min(1),
        vaeDecoder: z.string().min(1),
        vaeEncoder: z.string().min(1).optional(),
        /** The encoder's output: the mean, or mean and log-variance stacked (newer Optimum exports). */
        encoderOutput: z.enum(['latent_sample', 'latent_parameters']).optional(),
        tokenizer: z.string().min(1),
      })
      .strict()
      .optional(),
  })
  .strict();
export type ImageSection = z.infer<typeof ImageSection>;

const ManifestBase = z.object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/),
    name: z.string().min(1),
    version: z.string().min(1),
    family: z.enum(['gan', 'vae', 'flow', 'diffusion', 'autoregressive']),
    task: z.string().min(1),
    license: z.string().min(1),
    files: z.array(ModelFile).min(1),
    inputs: z.array(TensorSpec).min(1),
    outputs: z.array(TensorSpec).min(1),
    texture: TextureSection.optional(),
    latent: LatentSection.optional(),
    melody: MelodySection.optional(),
    text: TextSection.optional(),
    image: ImageSection.optional(),
    training: z.record(z.string(), z.unknown()).optional(),
    metrics: z.record(z.string(), z.unknown()).optional(),
});

export const Manifest = ManifestBase.superRefine((m, ctx) => {
    if (m.task === 'latent') checkLatent(m, ctx);
    if (m.task === 'melody-vae' || m.task === 'melody-rnn') checkMelody(m, ctx);
    if (m.task === 'text') checkText(m, ctx);
    if (m.task === 'image') checkImage(m, ctx);
    if (m.task === 'texture' && !m.texture) {
      ctx.addIssue({ code: 'custom', path: ['texture'], message: 'a texture model needs a "texture" section' });
    }
    if (m.texture) {
      const k = m.texture.styles.length;
      const style = m.inputs.find((i) => i.name === 'style');
      if (!style || style.shape[1] !== k) {
        ctx.addIssue({
          code: 'custom',
          path: ['inputs'],
          message: `a texture model needs a "style" input of shape [1, ${k}]`,
        });
      }
      if (!m.inputs.some((i) => i.name === 'noise')) {
        ctx.addIssue({ code: 'custom', path: ['inputs'], message: 'a texture model needs a "noise" input' });
      }
    }
  });
export type Manifest = z.infer<typeof Manifest>;

function checkLatent(m: z.infer<typeof ManifestBase>, ctx: z.RefinementCtx): void {
  const l = m.latent;
  if (!l) {
    ctx.addIssue({ code: 'custom', path: ['latent'], message: 'a latent model needs a "latent" section' });
    return;
  }
  for (const role of ['encoder', 'decoder']) {
    if (!m.files.some((f) => f.role === role))
      ctx.addIssue({ code: 'custom', path: ['files'], message: `a latent model needs a file with role "${role}"` });
  }
  const { mean, directions, variance } = l.pca;
  if (mean.length !== l.dim || variance.length !== directions.length || directions.some((d) => d.length !== l.dim))
    ctx.addIssue({ code: 'custom', path: ['latent', 'pca'], message: `PCA vectors must have ${l.dim} numbers each` });
  if (!m.inputs.some((i) => i.name === 'z'))
    ctx.addIssue({ code: 'custom', path: ['inputs'], message: 'a latent decoder needs a "z" input' });
  if (!l.encoder.outputs.some((o) => o.name === 'mean') || !l.encoder.outputs.some((o) => o.name === 'logvar'))
    ctx.addIssue({ code: 'custom', path: ['latent', 'encoder'], message: 'the encoder must output "mean" and "logvar"' });
  if (l.condition) {
    const missing = [...l.condition.charset].filter((c) => !l.condition!.boxes[c]);
    if (missing.length)
      ctx.addIssue({
        code: 'custom',
        path: ['latent', 'condition', 'boxes'],
        message: `no box for ${missing.slice(0, 5).join(' ')}`,
      });
    if (!m.inputs.some((i) => i.name === 'char'))
      ctx.addIssue({ code: 'custom', path: ['inputs'], message: 'a conditional decoder needs a "char" input' });
  }
}

const MELODY_ROLES: Record<string, string[]> = {
  'melody-vae': ['encoder', 'decoder-init', 'decoder-step'],
  'melody-rnn': ['step'],
};

function checkMelody(m: z.infer<typeof ManifestBase>, ctx: z.RefinementCtx): void {
  const s = m.melody;
  if (!s) {
    ctx.addIssue({ code: 'custom', path: ['melody'], message: 'a melody model needs a "melody" section' });
    return;
  }
  for (const role of MELODY_ROLES[m.task] ?? [])
    if (!m.files.some((f) => f.role === role))
      ctx.addIssue({ code: 'custom', path: ['files'], message: `a ${m.task} model needs a file with role "${role}"` });
  const pitches = s.pitchMax - s.pitchMin + 1;
  if (pitches < 12 || s.noteOnBase + pitches > s.vocab || s.rest >= s.vocab || s.hold >= s.vocab)
    ctx.addIssue({ code: 'custom', path: ['melody'], message: 'the token layout does not fit the vocabulary' });
  if (m.task === 'melody-vae') {
    if (!s.bars || !s.dim || !s.pca)
      ctx.addIssue({ code: 'custom', path: ['melody'], message: 'a melody VAE needs "bars", "dim" and "pca"' });
    else if (s.pca.mean.length !== s.dim || s.pca.directions.some((d) => d.length !== s.dim))
      ctx.addIssue({ code: 'custom', path: ['melody', 'pca'], message: `PCA vectors must have ${s.dim} numbers each` });
  }
}

function checkText(m: z.infer<typeof ManifestBase>, ctx: z.RefinementCtx): void {
  const t = m.text;
  if (!t) {
    ctx.addIssue({ code: 'custom', path: ['text'], message: 'a text model needs a "text" section' });
    return;
  }
  for (const role of ['model', 'tokenizer'])
    if (!m.files.some((f) => f.role === role))
      ctx.addIssue({ code: 'custom', path: ['files'], message: `a text model needs a file with role "${role}"` });
  if (!m.files.some((f) => f.path === t.tokenizer && f.role === 'tokenizer'))
    ctx.addIssue({ code: 'custom', path: ['text', 'tokenizer'], message: 'the tokenizer must be one of the files' });
  for (const name of ['input_ids', 'attention_mask', 'past_key_values.0.key'])
    if (!m.inputs.some((i) => i.name === name))
      ctx.addIssue({ code: 'custom', path: ['inputs'], message: `a text model needs a "${name}" input` });
  if (!m.outputs.some((o) => o.name === 'logits'))
    ctx.addIssue({ code: 'custom', path: ['outputs'], message: 'a text model needs a "logits" output' });
  if (t.addBos && t.bosTokenId === null)
    ctx.addIssue({ code: 'custom', path: ['text', 'addBos'], message: 'addBos needs a bosTokenId' });
}

function checkImage(m: z.infer<typeof ManifestBase>, ctx: z.RefinementCtx): void {
  const s = m.image;
  if (!s) {
    ctx.addIssue({ code: 'custom', path: ['image'], message: 'an image model needs an "image" section' });
    return;
  }
  const paths = [s.unet, ...(s.latent ? [s.latent.textEncoder, s.latent.vaeDecoder] : [])];
  for (const p of paths)
    if (!m.files.some((f) => f.path === p))
      ctx.addIssue({ code: 'custom', path: ['image'], message: `${p} must be one of the files` });
  if (s.kind === 'latent' && !s.latent)
    ctx.addIssue({ code: 'custom', path: ['image', 'latent'], message: 'a latent model needs a "latent" block' });
  const a = s.schedule.alphasCumprod;
  if (a && a.length !== s.schedule.timesteps)
    ctx.addIssue({ code: 'custom', path: ['image', 'schedule'], message: `alphasCumprod must have ${s.schedule.timesteps} values` });
  if (!a && (s.schedule.betaStart === undefined || s.schedule.betaEnd === undefined))
    ctx.addIssue({ code: 'custom', path: ['image', 'schedule'], message: 'the schedule needs alphasCumprod or betaStart/betaEnd' });
}
