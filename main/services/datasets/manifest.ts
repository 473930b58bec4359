/**
 * `train/metadata.jsonl`, the Hugging Face datasets ImageFolder manifest: one JSON object a
 * line, `file_name` relative to `train/`. Every row has the same fields (real images carry
 * `method: "real"` and nulls) so a columnar loader infers one schema. Lines are written with
 * keys in a fixed order, `params` with sorted keys, so the same run gives the same bytes.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';

const SafeName = z
  .string()
  .min(1)
  .refine(
    (n) =>
      !n.startsWith('/') &&
      !n.includes('\\') &&
      !n.split('/').some((s) => s === '..' || s === '.' || s === ''),
    'file_name must be a plain relative path',
  );

export const ManifestRow = z.object({
  file_name: SafeName,
  label: z.string(),
  /** The input file it came from, relative to the input root. */
  source: z.string(),
  /** sha256 of the input file's bytes: a changed input makes its items again. */
  source_sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** 'real' for a copy of an input image, otherwise the method's id. */
  method: z.string(),
  model: z.string().nullable(),
  model_sha256: z.string().nullable(),
  seed: z.number().int().nullable(),
  params: z.unknown(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ManifestRow = z.infer<typeof ManifestRow>;
/** A row before its file exists. */
export type PlannedRow = Omit<ManifestRow, 'sha256'>;

export const MANIFEST = 'metadata.jsonl';
export const REAL = 'real';

/** The row of a source's real item: its label, source and hash, and no method, model or seed. */
export const realRow = (
  base: Pick<PlannedRow, 'label' | 'source' | 'source_sha256'>,
  fileName: string,
): PlannedRow => ({
  ...base,
  file_name: fileName,
  method: REAL,
  model: null,
  model_sha256: null,
  seed: null,
  params: null,
});

/** JSON with object keys sorted at every depth. */
export function stableJson(v: unknown): string {
  if (v === undefined) return 'null';
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`).join(',')}}`;
}

/** The manifest line for a row: fixed key order, no trailing newline. */
export function rowLine(r: ManifestRow): string {
  const ordered = [
    ['file_name', r.file_name],
    ['label', r.label],
    ['source', r.source],
    ['source_sha256', r.source_sha256],
    ['method', r.method],
    ['model', r.model],
    ['model_sha256', r.model_sha256],
    ['seed', r.seed],
    ['params', r.params ?? null],
    ['sha256', r.sha256],
  ] as const;
  return `{${ordered.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}

/** What a row promises apart from its bytes: two rows with the same plan make the same file. */
export function planKey(r: PlannedRow): string {
  return createHash('sha256')
    .update(rowLine({ ...r, sha256: '' }))
    .digest('base64');
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** A file's sha256, read in chunks; null if it cannot be read. */
export async function fileSha256(path: string): Promise<string | null> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    return hash.digest('hex');
  } catch {
    return null;
  }
}

/** Every line of a manifest, parsed where it can be (null where not: a torn or foreign line). */
export async function* manifestLines(
  path: string,
): AsyncGenerator<{ line: string; row: ManifestRow | null }> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    let row: ManifestRow | null = null;
    try {
      const parsed = ManifestRow.safeParse(JSON.parse(line));
      if (parsed.success) row = parsed.data;
    } catch {
      row = null;
    }
    yield { line, row };
  }
}

/** The valid rows of a manifest, streamed. */
export async function* readManifest(path: string): AsyncGenerator<ManifestRow> {
  for await (const { row } of manifestLines(path)) if (row) yield row;
}
