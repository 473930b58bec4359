/**
 * The Hugging Face hub as Atelier reads it, on `@huggingface/hub` (search, model info, the file
 * tree with each LFS file's sha256) over the global fetch with timeouts. The endpoint is
 * `HF_ENDPOINT` or https://huggingface.co. Every failure becomes one AtelierError a person can
 * act on: the hub cannot be reached, the repository or revision does not exist, the model is
 * gated.
 */
import { HubApiError, listFiles, listModels, modelInfo, type PipelineType } from '@huggingface/hub';
import { AtelierError } from '../../../preload/contract';

export const DEFAULT_ENDPOINT = 'https://huggingface.co';
/** One API request's limit: an unreachable hub answers one clear error well within 30 s. */
export const API_TIMEOUT_MS = 12_000;
/** A card is shown, not read in full: the first 64 KB. */
export const CARD_MAX_BYTES = 64 * 1024;

export const GATED_MESSAGE =
  'This model is gated: accept its licence on the hub and add an access token under Models → Hugging Face token.';

export const unreachable = (endpoint: string): AtelierError =>
  new AtelierError({
    code: 'unsupported',
    message: `The Hugging Face hub cannot be reached (${endpoint}): check the connection, or import a folder instead.`,
  });

export const isUnreachable = (e: unknown): boolean =>
  e instanceof AtelierError && e.message.startsWith('The Hugging Face hub cannot be reached');

/**
 * A repo path that stays inside the download folder on every system: plain segments only (no
 * "..", ".", empty, drive or backslash). A hub (HF_ENDPOINT can be any server) listing others
 * has them left out, so they are never fetched.
 */
export const safePath = (path: string): boolean =>
  path.length <= 1024 &&
  path.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..' && !/[\\:\0]/.test(seg));

export interface RawFile {
  path: string;
  size: number;
  /** The LFS sha256 (graphs and other large files), null for small git files. */
  sha256: string | null;
}

export interface RawModel {
  repo: string;
  /** The commit the revision points at. */
  sha: string;
  pipelineTag: string | null;
  gated: 'no' | 'auto' | 'manual';
  license: string | null;
  tags: string[];
  files: RawFile[];
}

export interface RawSummary {
  repo: string;
  pipelineTag: string | null;
  downloads: number;
  likes: number;
  updatedAt: string | null;
  gated: 'no' | 'auto' | 'manual';
}

/** Whether an error is the caller's own abort (pause, cancel), which is not the hub's fault. */
export const isAbort = (e: unknown, signal?: AbortSignal): boolean =>
  !!signal?.aborted && (e instanceof Error ? e.name === 'AbortError' || e === signal.reason : true);

export class HubClient {
  constructor(
    readonly endpoint: string,
    private readonly token: () => string | null,
    /** One API request's limit (tests shorten it). */
    private readonly apiTimeoutMs = API_TIMEOUT_MS,
  ) {}

  /**
   * The global fetch with a time limit (`timeoutMs`, when given) and the caller's signal; a
   * failure to connect becomes the one "cannot be reached" error, a caller's abort stays an abort.
   */
  fetch = async (
    url: string | URL | Request,
    init: RequestInit & { timeoutMs?: number } = {},
  ): Promise<Response> => {
    const { timeoutMs, ...rest } = init;
    const signals = [rest.signal, timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined].filter(
      (s): s is AbortSignal => !!s,
    );
    try {
      return await fetch(url, { ...rest, signal: signals.length ? AbortSignal.any(signals) : undefined });
    } catch (e) {
      if (isAbort(e, rest.signal ?? undefined)) throw e;
      throw unreachable(this.endpoint);
    }
  };

  private readonly apiFetch: typeof fetch = (url, init) =>
    this.fetch(url, { ...init, timeoutMs: this.apiTimeoutMs });

  private credentials(): { accessToken?: string } {
    const t = this.token();
    return t ? { accessToken: t } : {};
  }

  async search(o: { query: string; task?: string; tags: string[]; limit: number }): Promise<RawSummary[]> {
    const out: RawSummary[] = [];
    try {
      for await (const m of listModels({
        hubUrl: this.endpoint,
        fetch: this.apiFetch,
        search: { query: o.query || undefined, task: o.task as PipelineType | undefined, tags: o.tags },
        sort: 'downloads',
        limit: o.limit,
        ...this.credentials(),
      }))
        out.push({
          repo: m.name,
          pipelineTag: m.task ?? null,
          downloads: m.downloads ?? 0,
          likes: m.likes ?? 0,
          updatedAt: Number.isFinite(m.updatedAt.getTime()) ? m.updatedAt.toISOString() : null,
          gated: m.gated || 'no',
        });
    } catch (e) {
      throw this.explain(e, 'the search');
    }
    return out;
  }

  async model(repo: string, revision: string): Promise<RawModel> {
    try {
      const info = await modelInfo({
        hubUrl: this.endpoint,
        fetch: this.apiFetch,
        name: repo,
        revision,
        additionalFields: ['sha', 'cardData', 'tags'],
        ...this.credentials(),
      });
      const files: RawFile[] = [];
      for await (const f of listFiles({
        hubUrl: this.endpoint,
        fetch: this.apiFetch,
        repo,
        revision: info.sha,
        recursive: true,
        ...this.credentials(),
      }))
        if (f.type === 'file' && safePath(f.path))
          files.push({ path: f.path, size: f.lfs?.size ?? f.size, sha256: f.lfs?.oid ?? null });
      const license = (info.cardData as { license?: unknown } | undefined)?.license;
      return {
        repo,
        sha: info.sha,
        pipelineTag: info.task ?? null,
        gated: info.gated || 'no',
        license: typeof license === 'string' ? license : Array.isArray(license) ? license.join(', ') : null,
        tags: info.tags ?? [],
        files: files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
      };
    } catch (e) {
      throw this.explain(e, `${repo} at ${revision}`);
    }
  }

  /** Where one file of a commit is fetched from. */
  fileUrl(repo: string, commit: string, path: string): string {
    return `${this.endpoint}/${repo}/resolve/${encodeURIComponent(commit)}/${path.split('/').map(encodeURIComponent).join('/')}`;
  }

  /** Headers for a file request (the token when there is one). */
  authHeaders(): Record<string, string> {
    const t = this.token();
    return t ? { Authorization: `Bearer ${t}` } : {};
  }

  /** The model card's first 64 KB; '' when the repository has none (or it cannot be read). */
  async card(repo: string, commit: string): Promise<string> {
    try {
      const res = await this.fetch(this.fileUrl(repo, commit, 'README.md'), {
        headers: { ...this.authHeaders(), Range: `bytes=0-${CARD_MAX_BYTES - 1}` },
        timeoutMs: this.apiTimeoutMs,
      });
      if (!res.ok) {
        await res.body?.cancel();
        return '';
      }
      const bytes = new Uint8Array(await res.arrayBuffer()).subarray(0, CARD_MAX_BYTES);
      // A cut in the middle of a character shows as one replacement character at the end.
      return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    } catch (e) {
      if (e instanceof AtelierError) throw e;
      return '';
    }
  }

  /** A hub refusal in words: not found, gated, or the hub's own message. */
  explain(e: unknown, what: string): Error {
    if (e instanceof AtelierError) return e;
    if (e instanceof HubApiError) {
      if (e.statusCode === 404 || e.statusCode === 401)
        return new AtelierError({
          code: 'not-found',
          message: `The hub has no ${what} (or it is private, and the token here cannot see it).`,
          field: 'repo',
        });
      if (e.statusCode === 403)
        return new AtelierError({ code: 'unsupported', message: GATED_MESSAGE, field: 'repo' });
      return new AtelierError({
        code: 'unsupported',
        message: `The hub refused ${what} (HTTP ${e.statusCode}): ${e.message.split('. URL:')[0]}`,
      });
    }
    if (e instanceof TypeError && /access token/.test(e.message))
      return new AtelierError({
        code: 'invalid-input',
        message: 'A Hugging Face token starts with "hf_".',
        field: 'token',
      });
    return unreachable(this.endpoint);
  }
}
