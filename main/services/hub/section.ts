/**
 * The `hub` section of the contract: search, the curated list, a repository's card and variants,
 * downloads (start, list, pause, resume, cancel) and the access token. `createHubService` also
 * answers `close()` (stops the running download, which shows as paused on the next start) and
 * takes the knobs tests and the bench set (endpoint, free-disk probe, retries).
 */
import { randomUUID } from 'node:crypto';
import { mkdir, statfs } from 'node:fs/promises';
import { AtelierError } from '../../../preload/contract';
import { thisMachine } from '../models/import-folder';
import type { Machine } from '../models/variants';
import type { HostCapabilities, Section } from '../section';
import { DEFAULT_ENDPOINT, GATED_MESSAGE, HubClient } from './client';
import { curatedSummaries } from './curated';
import { describeModel, mergeResults, searchFilters } from './describe';
import { DownloadManager, type DownloadOptions, type HubDeps } from './downloads';
import { downloadsRoot, type StoredDownload } from './store';
import { TokenStore } from './token';

export interface HubOptions extends DownloadOptions {
  /** The hub (default: HF_ENDPOINT, else https://huggingface.co). */
  endpoint?: string;
  /** The host's keychain, for the token. */
  secrets?: HostCapabilities['secrets'];
  /** Free bytes on the disk of `dir` (default: statfs). */
  freeBytes?: (dir: string) => Promise<number>;
  /** The environment HF_ENDPOINT and HF_TOKEN are read from (default: process.env). */
  env?: NodeJS.ProcessEnv;
}

export interface HubService {
  section: Section<'hub'>;
  close(): Promise<void>;
}

/** Room kept free beyond a download's own bytes. */
const DISK_MARGIN = 50 * 1024 ** 2;
const mb = (n: number): string => `${Math.ceil(n / 1024 ** 2).toLocaleString('en-US')} MB`;

const defaultFreeBytes = async (dir: string): Promise<number> => {
  const fs = await statfs(dir);
  return fs.bavail * fs.bsize;
};

export function createHubService(deps: HubDeps, opts: HubOptions = {}): HubService {
  const env = opts.env ?? process.env;
  const endpoint = (opts.endpoint ?? env.HF_ENDPOINT ?? DEFAULT_ENDPOINT).replace(/\/+$/, '');
  const tokens = new TokenStore(deps.dataDir, opts.secrets, deps.logger);
  const client = new HubClient(endpoint, () => tokens.get());
  const downloads = new DownloadManager(deps, client, opts);
  const ready = Promise.all([tokens.load(env), downloads.load()]).catch((e) => {
    deps.logger.error('hub: the downloads kept in the data dir cannot be read', e);
  });
  // As models.import suggests its variant.
  const machine = (): Machine => thisMachine(deps.inference.status);

  const info = async (repo: string, revision: string) => {
    const raw = await client.model(repo, revision);
    return describeModel(raw, await client.card(repo, raw.sha), machine());
  };

  const section: Section<'hub'> = {
    status: async () => {
      await ready;
      return { endpoint, token: tokens.status() };
    },
    curated: () => ({ models: curatedSummaries() }),
    search: async ({ query, task, limit }) => {
      await ready;
      const lists = await Promise.all(
        searchFilters(task).map((f) => client.search({ query, task: f.pipeline, tags: f.tags, limit })),
      );
      return { models: mergeResults(lists, limit) };
    },
    info: async ({ repo, revision }) => {
      await ready;
      return info(repo, revision);
    },
    download: async ({ repo, revision, variant }) => {
      await ready;
      const raw = await client.model(repo, revision);
      if (raw.gated !== 'no' && !tokens.get())
        throw new AtelierError({ code: 'unsupported', message: GATED_MESSAGE, field: 'repo' });
      const described = describeModel(raw, '', machine());
      if (described.unsupported)
        throw new AtelierError({
          code: 'unsupported',
          message: `${repo} cannot run here: ${described.unsupported}`,
          field: 'repo',
        });
      const chosen = variant
        ? described.variants.find((v) => v.id === variant)
        : (described.variants.find((v) => v.suggested) ?? described.variants[0]);
      if (!chosen)
        throw new AtelierError({
          code: 'invalid-input',
          message: `${repo} has no variant "${variant}"; it has ${described.variants.map((v) => v.id).join(', ')}.`,
          field: 'variant',
        });
      const known = downloads.find(repo, raw.sha, chosen.id);
      if (known && known.state !== 'paused' && known.state !== 'failed') return known;

      const root = downloadsRoot(deps.dataDir);
      await mkdir(root, { recursive: true });
      const free = await (opts.freeBytes ?? defaultFreeBytes)(root);
      const needed = chosen.bytes - (known?.bytesDone ?? 0) + DISK_MARGIN;
      if (free < needed)
        throw new AtelierError({
          code: 'unsupported',
          message: `There is not enough free disk space for ${repo} (${chosen.id}): it needs ${mb(needed)} and ${mb(free)} are free.`,
          field: 'variant',
        });
      if (known) return downloads.resume(known.downloadId);
      const sizes = new Map(raw.files.map((f) => [f.path, f]));
      const now = Date.now();
      const stored: StoredDownload = {
        version: 1,
        downloadId: randomUUID(),
        repo,
        commit: raw.sha,
        variant: chosen.id,
        files: chosen.files.map((p) => ({
          path: p,
          size: sizes.get(p)?.size ?? 0,
          sha256: sizes.get(p)?.sha256 ?? null,
        })),
        verified: [],
        state: 'queued',
        startedAt: now,
        updatedAt: now,
      };
      return downloads.start(stored);
    },
    downloads: async () => {
      await ready;
      return downloads.list();
    },
    pause: async ({ downloadId }) => {
      await ready;
      return downloads.pause(downloadId);
    },
    resume: async ({ downloadId }) => {
      await ready;
      return downloads.resume(downloadId);
    },
    cancel: async ({ downloadId }) => {
      await ready;
      return { cancelled: await downloads.cancel(downloadId) };
    },
    setToken: async ({ token }) => {
      await ready;
      return { storage: await tokens.set(token) };
    },
  };
  return {
    section,
    close: async () => {
      await ready;
      await downloads.close();
    },
  };
}
