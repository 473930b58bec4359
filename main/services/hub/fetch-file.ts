/**
 * One file of a download: fetched into `<path>.part` from where the part ends (an HTTP Range
 * request), the sha256 computed while the bytes are written (the part's earlier bytes are read
 * back once on resume), then checked against the hub's size and sha256 and renamed into place.
 *
 * Hand-written over fetch rather than `@huggingface/hub`'s `downloadFile`: its blob has no abort
 * signal, no resume of a partial file on disk and flattens errors to strings, and a download must
 * pause, resume after a restart and say which file failed and why.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat, truncate } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AtelierError } from '../../../preload/contract';
import { GATED_MESSAGE, isUnreachable, type HubClient } from './client';
import type { StoredFile } from './store';

/** No byte for this long: the connection is taken as lost. */
export const STALL_MS = 30_000;

/** The connection dropped (or stalled) mid-file: what was written stays, a retry resumes it. */
export class ConnectionLost extends Error {}

export interface FetchFileOptions {
  client: HubClient;
  url: string;
  file: StoredFile;
  /** Where the file goes once verified (`<target>.part` while it is fetched). */
  target: string;
  signal: AbortSignal;
  /** Called as bytes are written, with the part's size so far. */
  onBytes(partBytes: number): void;
  /** Skip the sha256 check (the bench measures the cost of it). */
  noHash?: boolean;
  stallMs?: number;
}

async function hashFile(path: string, hash: Hash): Promise<void> {
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
}

const mismatch = (path: string, why: string): AtelierError =>
  new AtelierError({
    code: 'invalid-input',
    message: `${path}: ${why}; it was deleted, nothing was installed.`,
  });

export async function fetchFile(o: FetchFileOptions): Promise<void> {
  const part = `${o.target}.part`;
  await mkdir(dirname(part), { recursive: true });
  let offset = (await stat(part).catch(() => null))?.size ?? 0;
  if (offset > o.file.size) {
    await truncate(part, 0);
    offset = 0;
  }
  let hash = createHash('sha256');
  if (offset > 0 && o.file.sha256 && !o.noHash) await hashFile(part, hash);
  o.onBytes(offset);

  if (offset < o.file.size) {
    const local = new AbortController();
    const signal = AbortSignal.any([o.signal, local.signal]);
    let stall: NodeJS.Timeout | undefined;
    const arm = (): void => {
      clearTimeout(stall);
      stall = setTimeout(() => local.abort(new ConnectionLost('no data for a while')), o.stallMs ?? STALL_MS);
    };
    arm();
    const fh = await open(part, 'a');
    try {
      const res = await o.client.fetch(o.url, {
        headers: { ...o.client.authHeaders(), ...(offset > 0 ? { Range: `bytes=${offset}-` } : {}) },
        signal,
      });
      if (res.status === 401 || res.status === 403) {
        await res.body?.cancel();
        throw new AtelierError({ code: 'unsupported', message: GATED_MESSAGE, field: 'repo' });
      }
      if (res.status === 404) {
        await res.body?.cancel();
        throw new AtelierError({
          code: 'not-found',
          message: `${o.file.path} is no longer on the hub at this revision.`,
        });
      }
      if (!res.ok || !res.body) {
        await res.body?.cancel();
        throw new ConnectionLost(`the hub answered HTTP ${res.status}`);
      }
      if (offset > 0 && res.status !== 206) {
        // The server sent the whole file: start the part again.
        await fh.truncate(0);
        offset = 0;
        hash = createHash('sha256');
      }
      let written = offset;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        arm();
        await fh.write(chunk);
        if (!o.noHash) hash.update(chunk);
        written += chunk.length;
        o.onBytes(written);
      }
      await fh.sync();
    } catch (e) {
      if (e instanceof AtelierError && !isUnreachable(e)) throw e;
      if (o.signal.aborted) throw o.signal.reason ?? e;
      throw new ConnectionLost(local.signal.aborted ? 'no data for 30 s' : 'the connection was lost');
    } finally {
      clearTimeout(stall);
      await fh.close();
    }
  }
  await finish(o, part, hash);
}

async function finish(o: FetchFileOptions, part: string, hash: Hash): Promise<void> {
  const size = (await stat(part)).size;
  if (size < o.file.size) throw new ConnectionLost('the file ended early');
  if (size !== o.file.size) {
    await rm(part, { force: true });
    throw mismatch(o.file.path, `it is ${size} bytes where the hub lists ${o.file.size}`);
  }
  if (o.file.sha256 && !o.noHash) {
    const got = hash.digest('hex');
    if (got !== o.file.sha256) {
      await rm(part, { force: true });
      throw mismatch(o.file.path, "its sha256 does not match the hub's");
    }
  }
  await rename(part, o.target);
}
