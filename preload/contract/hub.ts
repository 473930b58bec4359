/**
 * Hugging Face hub: find, download and install the ONNX models people publish (the Models view and
 * `atelier models search|download`). Downloads belong to the host: they resume after a restart,
 * can be paused and cancelled, and every file is checked against the hub's sha256 before the
 * model goes through the same install path as an import (staging folder, checks, rename).
 */
import { z } from 'zod';
import { method, NoInput } from './common';

/** What a studio does with a hub model. */
export const HubTask = z.enum(['text', 'image']);
export type HubTask = z.infer<typeof HubTask>;

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9_])?$/;
/** A hub repository, "owner/name" (no "..", no other characters the hub refuses). */
export const HubRepoId = z
  .string()
  .max(200)
  .refine((s) => {
    const parts = s.split('/');
    return parts.length === 2 && parts.every((p) => NAME.test(p) && !p.includes('..'));
  }, 'must be a hub repository, "owner/name"');

/** A branch, tag or commit (default "main"). */
export const HubRevision = z
  .string()
  .regex(/^[A-Za-z0-9._/-]{1,128}$/, 'must be a branch, tag or commit')
  .refine((s) => !s.split('/').includes('..') && !s.startsWith('/'), 'must be a branch, tag or commit');

/** A graph variant as published (`fp32`, `fp16`, `int8`, `uint8`, `quantized`, `q4`, `q4f16`, `bnb4`, or `default`). */
export const HubVariantId = z.string().regex(/^[a-z0-9_]{1,24}$/, 'is not a variant name');

export const HubGated = z.enum(['no', 'auto', 'manual']);

export const HubModelSummary = z.object({
  repo: z.string(),
  /** The studio it would serve, when the hub's tags say so. */
  task: HubTask.nullable(),
  downloads: z.number(),
  likes: z.number(),
  /** ISO date of the last change, when the hub gives it. */
  updatedAt: z.string().nullable(),
  gated: HubGated,
  /** On Atelier's curated list (known to run in its studio). */
  curated: z.boolean(),
  /** Why it is on the curated list, in a few words ("small chat model, runs on any CPU"). */
  note: z.string().optional(),
});
export type HubModelSummary = z.infer<typeof HubModelSummary>;

export const HubSearchInput = z
  .object({
    query: z.string().max(200).default(''),
    task: HubTask.optional(),
    limit: z.number().int().min(1).max(50).default(20),
  })
  .strict();

export const HubFile = z.object({
  path: z.string(),
  size: z.number(),
  /** The hub's sha256 for files stored with LFS (every graph); null for small text files. */
  sha256: z.string().nullable(),
});
export type HubFile = z.infer<typeof HubFile>;

export const HubVariant = z.object({
  id: z.string(),
  /** For people: "4-bit (q4), 120 MB". */
  label: z.string(),
  /** Every file this variant needs (graph, external data, configs, tokenizer). */
  files: z.array(z.string()),
  bytes: z.number(),
  /** The one Atelier picks for this machine (its execution provider and memory). */
  suggested: z.boolean(),
  /** Set when this variant cannot run here, with the reason. */
  unsupported: z.string().optional(),
});
export type HubVariant = z.infer<typeof HubVariant>;

export const HubModelInfo = z.object({
  repo: z.string(),
  /** The commit the listing is of (downloads pin it). */
  revision: z.string(),
  task: HubTask.nullable(),
  license: z.string().nullable(),
  gated: HubGated,
  /** The model card (README.md), markdown, at most 64 KB. */
  card: z.string(),
  files: z.array(HubFile),
  /** The layout found: 'onnx' (transformers.js, graphs under onnx/), 'optimum' (model.onnx at the top), 'stable-diffusion'. */
  layout: z.enum(['onnx', 'optimum', 'stable-diffusion']).nullable(),
  variants: z.array(HubVariant),
  /** Set when nothing in the repository can run in Atelier, with the reason. */
  unsupported: z.string().optional(),
});
export type HubModelInfo = z.infer<typeof HubModelInfo>;

export const HubDownloadState = z.enum([
  'queued',
  'downloading',
  'paused',
  'verifying',
  'installing',
  'done',
  'failed',
  'cancelled',
]);
export type HubDownloadState = z.infer<typeof HubDownloadState>;

export const HubDownloadId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'is not a download id');

export const HubDownload = z.object({
  downloadId: z.string(),
  repo: z.string(),
  revision: z.string(),
  variant: z.string(),
  state: HubDownloadState,
  bytesDone: z.number(),
  bytesTotal: z.number(),
  /** Recent throughput; 0 when not downloading. */
  bytesPerSecond: z.number(),
  /** The file being fetched now. */
  file: z.string().nullable(),
  /** Why it failed, for people (names the file and the reason). */
  error: z.string().optional(),
  /** The installed model, once done. */
  modelId: z.string().optional(),
  /** Epoch ms. */
  startedAt: z.number(),
  updatedAt: z.number(),
});
export type HubDownload = z.infer<typeof HubDownload>;

const ByDownload = z.object({ downloadId: HubDownloadId }).strict();

export const hub = {
  /** Where the hub is ("https://huggingface.co", or HF_ENDPOINT), and how a token is kept here. */
  status: method(
    NoInput,
    z.object({
      endpoint: z.string(),
      token: z.object({ present: z.boolean(), storage: z.enum(['keychain', 'memory', 'none']) }),
    }),
  ),
  /** Search the hub for ONNX models (task filter: the studio). Offline: one clear error. */
  search: method(HubSearchInput, z.object({ models: z.array(HubModelSummary) })),
  /** Atelier's curated list: models known to run in each studio. Works offline. */
  curated: method(NoInput, z.object({ models: z.array(HubModelSummary) })),
  /** One repository: card, licence, gated status, files with sizes, the variants that run. */
  info: method(z.object({ repo: HubRepoId, revision: HubRevision.default('main') }).strict(), HubModelInfo),
  /** Start (or restart) a download; `variant` defaults to the suggested one. Checks free disk first. */
  download: method(
    z
      .object({ repo: HubRepoId, revision: HubRevision.default('main'), variant: HubVariantId.optional() })
      .strict(),
    HubDownload,
  ),
  /** Every download the host knows: running, paused (also from before a restart), finished lately. */
  downloads: method(NoInput, z.array(HubDownload)),
  pause: method(ByDownload, HubDownload),
  resume: method(ByDownload, HubDownload),
  /** Stop and delete what was fetched. */
  cancel: method(ByDownload, z.object({ cancelled: z.boolean() })),
  /** Keep a token for gated models (Electron: the OS keychain; the browser host: memory only). null clears it. */
  setToken: method(
    z
      .object({
        token: z
          .string()
          .regex(/^[A-Za-z0-9_-]{8,256}$/, 'is not a Hugging Face token')
          .nullable(),
      })
      .strict(),
    z.object({ storage: z.enum(['keychain', 'memory', 'none']) }),
  ),
};
