/**
 * Where downloads live and how they survive a restart: `<dataDir>/downloads/<downloadId>/` holds
 * `state.json` (what is fetched from where, which files are verified, the state) and
 * `repo/<name>/` (each file at its repo path, `.part` while it is fetched; the folder is named
 * after the repository because the install takes the model's id from the folder's name). The state is written through a temp
 * file and a rename, so a crash leaves the old state or the new one, never half of one.
 */
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { HubDownloadState, type HubDownload } from '../../../preload/contract';
import type { Logger } from '../../log/logger';

export const StoredFile = z.object({ path: z.string(), size: z.number(), sha256: z.string().nullable() });
export type StoredFile = z.infer<typeof StoredFile>;

export const StoredDownload = z.object({
  version: z.literal(1),
  downloadId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  repo: z.string(),
  /** The commit the files are fetched at (the revision asked for, pinned when the download began). */
  commit: z.string(),
  variant: z.string(),
  files: z.array(StoredFile),
  /** Files fetched in full and checked against their size and sha256. */
  verified: z.array(z.string()),
  state: HubDownloadState,
  error: z.string().optional(),
  modelId: z.string().optional(),
  startedAt: z.number(),
  updatedAt: z.number(),
});
export type StoredDownload = z.infer<typeof StoredDownload>;

export const downloadsRoot = (dataDir: string): string => join(dataDir, 'downloads');
export const downloadDir = (dataDir: string, id: string): string => join(downloadsRoot(dataDir), id);
type Where = Pick<StoredDownload, 'downloadId' | 'repo'>;
export const filesDir = (dataDir: string, d: Where): string =>
  join(downloadDir(dataDir, d.downloadId), 'repo', d.repo.split('/')[1] ?? 'model');
/** A file's place in the download (the repo path's folders become folders). */
export const filePath = (dataDir: string, d: Where, path: string): string =>
  join(filesDir(dataDir, d), ...path.split('/'));
export const partPath = (dataDir: string, d: Where, path: string): string =>
  `${filePath(dataDir, d, path)}.part`;

export async function saveDownload(dataDir: string, d: StoredDownload): Promise<void> {
  const dir = downloadDir(dataDir, d.downloadId);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, 'state.json.tmp');
  await writeFile(tmp, JSON.stringify(d, null, 1));
  await rename(tmp, join(dir, 'state.json'));
}

/** Every download a data dir holds; a folder whose state cannot be read is logged and left alone. */
export async function loadDownloads(dataDir: string, logger: Logger): Promise<StoredDownload[]> {
  const root = downloadsRoot(dataDir);
  const names = await readdir(root).catch(() => [] as string[]);
  const out: StoredDownload[] = [];
  for (const name of names.sort()) {
    const path = join(root, name, 'state.json');
    try {
      const parsed = StoredDownload.safeParse(JSON.parse(await readFile(path, 'utf8')));
      if (parsed.success && parsed.data.downloadId === name) out.push(parsed.data);
      else logger.warn(`hub: the download state in ${name} cannot be read; it is left as it is`);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
        logger.warn(`hub: the download state in ${name} cannot be read`, { reason: String(e) });
    }
  }
  return out;
}

export async function deleteDownload(dataDir: string, id: string): Promise<void> {
  await rm(downloadDir(dataDir, id), { recursive: true, force: true });
}

/** The bytes on disk: verified files whole, and the `.part` of the others. */
export async function bytesOnDisk(dataDir: string, d: StoredDownload): Promise<number> {
  let sum = 0;
  for (const f of d.files) {
    if (d.verified.includes(f.path)) sum += f.size;
    else sum += Math.min(f.size, (await stat(partPath(dataDir, d, f.path)).catch(() => null))?.size ?? 0);
  }
  return sum;
}

/** The contract's view of a stored download. */
export function toHubDownload(
  d: StoredDownload,
  live: { bytesDone: number; bytesPerSecond: number; file: string | null },
): HubDownload {
  return {
    downloadId: d.downloadId,
    repo: d.repo,
    revision: d.commit,
    variant: d.variant,
    state: d.state,
    bytesDone: live.bytesDone,
    bytesTotal: d.files.reduce((s, f) => s + f.size, 0),
    bytesPerSecond: d.state === 'downloading' ? live.bytesPerSecond : 0,
    file: live.file,
    ...(d.error !== undefined ? { error: d.error } : {}),
    ...(d.modelId !== undefined ? { modelId: d.modelId } : {}),
    startedAt: d.startedAt,
    updatedAt: d.updatedAt,
  };
}
