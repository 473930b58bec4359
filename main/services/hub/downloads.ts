/**
 * The host's hub downloads: one runs at a time, the others wait in order. Each fetches its
 * variant's files one by one (./fetch-file.ts: `.part` files, Range resume, sha256), retries a
 * lost connection a few times from where it stopped, then installs the folder through the same
 * path as an import (`importModelFolder`, hard links from the download folder) and removes the
 * download folder. Every move is a `hub.download` event (progress about four times a second) and
 * is written to the download's `state.json`, so a restart finds paused downloads where they were.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AtelierError, type HubDownload } from '../../../preload/contract';
import { importModelFolder } from '../models/import-folder';
import type { ServiceDeps } from '../section';
import { isUnreachable, type HubClient } from './client';
import { ConnectionLost, fetchFile } from './fetch-file';
import { RateMeter, Throttle } from './progress';
import {
  bytesOnDisk,
  deleteDownload,
  filePath,
  filesDir,
  loadDownloads,
  saveDownload,
  toHubDownload,
  type StoredDownload,
} from './store';

export type HubDeps = Pick<ServiceDeps, 'registry' | 'inference' | 'events' | 'logger' | 'dataDir'>;

export interface DownloadOptions {
  /** Tries after a lost connection before the download pauses (default 3). */
  retries?: number;
  /** The wait before try k is k times this (default 1 s). */
  retryDelayMs?: number;
  /** No byte for this long and the connection is taken as lost (default 30 s). */
  stallMs?: number;
  /** Skip the sha256 checks (only the bench, to measure their cost). */
  noHash?: boolean;
}

interface Entry {
  d: StoredDownload;
  bytesDone: number;
  file: string | null;
  meter: RateMeter;
  throttle: Throttle;
  abort?: AbortController;
  running?: Promise<void>;
  /** The state writes in order, each of the state as it is when its turn comes. */
  saving?: Promise<void>;
}

const ACTIVE = new Set(['queued', 'downloading', 'verifying', 'installing']);
/** How many finished (done or cancelled) downloads the list keeps showing. */
const FINISHED_KEPT = 20;
const MB = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;

export class DownloadManager {
  private readonly entries = new Map<string, Entry>();
  private readonly queue: string[] = [];
  private current: string | null = null;

  constructor(
    private readonly deps: HubDeps,
    private readonly client: HubClient,
    private readonly opts: DownloadOptions = {},
  ) {}

  /** Reads the downloads a data dir holds: those cut off by a restart come back paused. */
  async load(): Promise<void> {
    for (const d of await loadDownloads(this.deps.dataDir, this.deps.logger)) {
      if (ACTIVE.has(d.state)) d.state = 'paused';
      const e = this.entry(d);
      e.bytesDone = await bytesOnDisk(this.deps.dataDir, d);
      await this.save(e);
    }
  }

  list(): HubDownload[] {
    return [...this.entries.values()].sort((a, b) => a.d.startedAt - b.d.startedAt).map((e) => this.view(e));
  }

  get(id: string): HubDownload | undefined {
    const e = this.entries.get(id);
    return e && this.view(e);
  }

  /** A download of the same files already known (to resume it rather than start again). */
  find(repo: string, commit: string, variant: string): HubDownload | undefined {
    for (const e of this.entries.values())
      if (
        e.d.repo === repo &&
        e.d.commit === commit &&
        e.d.variant === variant &&
        e.d.state !== 'cancelled' &&
        e.d.state !== 'done'
      )
        return this.view(e);
    return undefined;
  }

  async start(d: StoredDownload): Promise<HubDownload> {
    const e = this.entry(d);
    await this.enqueue(e);
    return this.view(e);
  }

  async pause(id: string): Promise<HubDownload> {
    const e = this.must(id);
    if (e.d.state === 'queued' || e.d.state === 'downloading') {
      const i = this.queue.indexOf(id);
      if (i >= 0) this.queue.splice(i, 1);
      e.abort?.abort(new Error('paused'));
      await this.move(e, 'paused');
      await e.running;
    }
    return this.view(e);
  }

  async resume(id: string): Promise<HubDownload> {
    const e = this.must(id);
    if (e.d.state === 'paused' || e.d.state === 'failed') {
      delete e.d.error;
      await this.enqueue(e);
    }
    return this.view(e);
  }

  async cancel(id: string): Promise<boolean> {
    const e = this.entries.get(id);
    // Installing is a few seconds of checks that must not be cut: it ends done, then removal is the way.
    if (!e || !['queued', 'downloading', 'paused', 'failed'].includes(e.d.state)) return false;
    const i = this.queue.indexOf(id);
    if (i >= 0) this.queue.splice(i, 1);
    e.d.state = 'cancelled';
    e.abort?.abort(new Error('cancelled'));
    await e.running;
    await e.saving?.catch(() => {});
    await deleteDownload(this.deps.dataDir, id);
    e.bytesDone = 0;
    this.emit(e, true);
    this.prune();
    return true;
  }

  /** Stops the running download where it is (it shows as paused on the next start). */
  async close(): Promise<void> {
    this.queue.length = 0;
    for (const e of this.entries.values()) e.abort?.abort(new Error('closing'));
    await Promise.all([...this.entries.values()].map((e) => e.running));
  }

  private entry(d: StoredDownload): Entry {
    const e: Entry = { d, bytesDone: 0, file: null, meter: new RateMeter(), throttle: new Throttle() };
    this.entries.set(d.downloadId, e);
    return e;
  }

  private save(e: Entry): Promise<void> {
    const next = (e.saving ?? Promise.resolve())
      .catch(() => {})
      .then(() => saveDownload(this.deps.dataDir, e.d));
    e.saving = next;
    return next;
  }

  private must(id: string): Entry {
    const e = this.entries.get(id);
    if (!e)
      throw new AtelierError({
        code: 'not-found',
        message: 'There is no such download.',
        field: 'downloadId',
      });
    return e;
  }

  private view(e: Entry): HubDownload {
    return toHubDownload(e.d, { bytesDone: e.bytesDone, bytesPerSecond: e.meter.rate(), file: e.file });
  }

  private emit(e: Entry, force = false): void {
    if (e.throttle.ready(force)) this.deps.events.emit('hub.download', this.view(e));
  }

  private async move(e: Entry, state: StoredDownload['state'], error?: string): Promise<void> {
    e.d.state = state;
    if (error !== undefined) e.d.error = error;
    e.d.updatedAt = Date.now();
    if (state !== 'downloading') e.file = null;
    if (state !== 'done' && state !== 'cancelled') await this.save(e);
    this.emit(e, true);
  }

  private async enqueue(e: Entry): Promise<void> {
    await this.move(e, 'queued');
    this.queue.push(e.d.downloadId);
    this.pump();
  }

  private pump(): void {
    if (this.current) return;
    const id = this.queue.shift();
    if (!id) return;
    const e = this.entries.get(id)!;
    this.current = id;
    e.running = this.run(e).finally(() => {
      this.current = null;
      e.abort = undefined;
      this.pump();
    });
  }

  private async run(e: Entry): Promise<void> {
    const abort = new AbortController();
    e.abort = abort;
    const { dataDir } = this.deps;
    const id = e.d.downloadId;
    try {
      e.meter.reset();
      e.bytesDone = await bytesOnDisk(dataDir, e.d);
      // Paused or cancelled meanwhile: whoever stopped it has set its state.
      if (abort.signal.aborted) return;
      await this.move(e, 'downloading');
      for (const f of e.d.files) {
        if (e.d.verified.includes(f.path)) continue;
        e.file = f.path;
        // Bytes of the files already verified; the part's own bytes come with onBytes.
        const before = e.d.files.filter((x) => e.d.verified.includes(x.path)).reduce((n, x) => n + x.size, 0);
        let last = 0;
        for (let attempt = 0; ; attempt++) {
          try {
            await fetchFile({
              client: this.client,
              url: this.client.fileUrl(e.d.repo, e.d.commit, f.path),
              file: f,
              target: filePath(dataDir, e.d, f.path),
              signal: abort.signal,
              noHash: this.opts.noHash,
              stallMs: this.opts.stallMs,
              onBytes: (part) => {
                if (part > last) e.meter.add(part - last);
                last = part;
                e.bytesDone = before + part;
                this.emit(e);
              },
            });
            break;
          } catch (err) {
            if (abort.signal.aborted || !(err instanceof ConnectionLost || isUnreachable(err))) throw err;
            if (attempt >= (this.opts.retries ?? 3)) {
              const why = `The connection to the hub was lost while fetching ${f.path} (${MB(e.bytesDone)} of ${MB(f.size + before)} kept): resume to go on from there.`;
              await this.move(e, 'paused', why);
              return;
            }
            await sleep((attempt + 1) * (this.opts.retryDelayMs ?? 1000), undefined, {
              signal: abort.signal,
            });
          }
        }
        e.d.verified.push(f.path);
        e.d.updatedAt = Date.now();
        await this.save(e);
      }
      if (abort.signal.aborted) return;
      await this.move(e, 'verifying');
      // Each file was checked as it arrived; after a restart, make sure none went missing since.
      for (const f of e.d.files) {
        const size = (await stat(filePath(dataDir, e.d, f.path)).catch(() => null))?.size;
        if (size !== f.size)
          throw new AtelierError({
            code: 'not-found',
            message: `${f.path} is no longer in the download folder as it was fetched; download the model again.`,
          });
      }
      await this.move(e, 'installing');
      const importDeps = {
        registry: this.deps.registry,
        importedDir: join(dataDir, 'models'),
        inspect: (path: string) => this.deps.inference.inspect(path),
      };
      const model = await importModelFolder(importDeps, filesDir(dataDir, e.d), {
        link: true,
        variant: e.d.variant,
      });
      e.d.modelId = model.id;
      await deleteDownload(dataDir, id);
      await this.move(e, 'done');
      this.prune();
    } catch (err) {
      if (abort.signal.aborted) return; // paused, cancelled or closing: the caller set the state
      const message =
        err instanceof AtelierError ? err.message : `The download stopped: ${(err as Error).message}`;
      if (!(err instanceof AtelierError))
        this.deps.logger.error('hub: a download failed', err, { repo: e.d.repo });
      // A failed download keeps its state (to be shown and retried) but not its files.
      await deleteDownload(dataDir, id).catch(() => {});
      e.bytesDone = 0;
      e.d.verified = [];
      await this.move(e, 'failed', message);
    }
  }

  /** Forgets the oldest finished downloads beyond the few the list shows. */
  private prune(): void {
    const finished = [...this.entries.values()]
      .filter((e) => e.d.state === 'done' || e.d.state === 'cancelled')
      .sort((a, b) => b.d.updatedAt - a.d.updatedAt);
    for (const e of finished.slice(FINISHED_KEPT)) this.entries.delete(e.d.downloadId);
  }
}
