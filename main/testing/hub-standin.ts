/**
 * A stand-in for the Hugging Face hub, for tests and the bench: a plain node:http server on
 * loopback that serves folders as hub repositories in exactly the shapes `@huggingface/hub` and
 * Atelier's download engine read — the model search (`/api/models?search=&filter=&pipeline_tag=`),
 * model info (`/api/models/{repo}[/revision/{rev}]`), the file tree with LFS sha256
 * (`/api/models/{repo}/tree/{rev}[/{path}]`) and file downloads (`/{repo}/resolve/{rev}/{path}`,
 * with Range, ETag and X-Repo-Commit). Gated repos answer 401 without the token; unknown repos,
 * revisions and files a 404 with the hub's JSON error. Knobs: files served with wrong bytes
 * (`corrupt`), a connection cut after N body bytes (`dropAfterBytes`) to test resume, and a
 * download that stalls after N bytes with the connection left open (`stallAfterBytes`) to test
 * pause mid-file and the stall timeout.
 *
 * No framework: the vitest tests and the Playwright specs import it at run time.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, posix, relative, sep } from 'node:path';
import { Readable, Transform } from 'node:stream';

export interface StandinRepo {
  /** "owner/name". */
  id: string;
  /** The folder whose files the repo serves. */
  dir: string;
  gated?: boolean;
  task?: 'text' | 'image';
  tags?: string[];
  downloads?: number;
  likes?: number;
  license?: string;
  /** The README.md served (when the folder has none). */
  card?: string;
  /** Repo paths served with wrong bytes (same size), while the tree lists the true sha256. */
  corrupt?: string[];
}

export interface HubStandin {
  /** The endpoint (`http://127.0.0.1:PORT`), for HF_ENDPOINT or the hub client. */
  url: string;
  close(): Promise<void>;
  /** Every request: `GET /path?query` plus ` Range: bytes=…` when it asked for a range. */
  requests: string[];
  /** Cut every file download's connection after `n` body bytes (null: serve whole again). */
  dropAfterBytes: (n: number | null) => void;
  /** Send `n` body bytes of every file download, then nothing more while the connection stays open (null: off). */
  stallAfterBytes: (n: number | null) => void;
}

interface StandinFile {
  path: string;
  abs: string;
  size: number;
  /** git blob sha1 (the hub's `oid` of a file). */
  oid: string;
  /** sha256 for the files the hub keeps in LFS (graphs and their external data). */
  sha256: string | null;
}

interface Served {
  repo: StandinRepo;
  sha: string;
  files: StandinFile[];
  lastModified: string;
}

const TASK_TAG = { text: 'text-generation', image: 'text-to-image' } as const;
const isLfs = (path: string): boolean => /\.onnx(_data(_\d+)?|\.data)?$/.test(path) || path.endsWith('.bin');

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const abs = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(abs)));
    else if (e.isFile()) out.push(abs);
  }
  return out;
}

async function load(repo: StandinRepo): Promise<Served> {
  const files: StandinFile[] = [];
  for (const abs of (await walk(repo.dir)).sort()) {
    const path = relative(repo.dir, abs).split(sep).join(posix.sep);
    const bytes = await readFile(abs);
    const oid = createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
    const sha256 = isLfs(path) ? createHash('sha256').update(bytes).digest('hex') : null;
    files.push({ path, abs, size: bytes.length, oid, sha256 });
  }
  if (repo.card !== undefined && !files.some((f) => f.path === 'README.md')) {
    const bytes = Buffer.from(repo.card);
    const oid = createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
    files.push({ path: 'README.md', abs: '', size: bytes.length, oid, sha256: null });
  }
  const sha = createHash('sha1')
    .update(repo.id)
    .update(files.map((f) => `${f.path}:${f.oid}`).join('\n'))
    .digest('hex');
  const lastModified = new Date(Date.UTC(2025, 0, 1) + (parseInt(sha.slice(0, 6), 16) % 1000) * 86_400_000);
  return { repo, sha, files, lastModified: lastModified.toISOString() };
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

const notFound = (res: ServerResponse, code: string, error: string): void =>
  json(res, 404, { error }, { 'X-Error-Code': code });

function summary(s: Served): Record<string, unknown> {
  const { repo } = s;
  return {
    _id: s.sha.slice(0, 24),
    id: repo.id,
    modelId: repo.id,
    author: repo.id.split('/')[0],
    private: false,
    disabled: false,
    gated: repo.gated ? 'manual' : false,
    pipeline_tag: repo.task ? TASK_TAG[repo.task] : undefined,
    library_name: 'transformers.js',
    tags: tagsOf(repo),
    downloads: repo.downloads ?? 0,
    likes: repo.likes ?? 0,
    lastModified: s.lastModified,
    createdAt: s.lastModified,
  };
}

function tagsOf(repo: StandinRepo): string[] {
  const tags = ['onnx', 'transformers.js', ...(repo.tags ?? [])];
  if (repo.task) tags.push(TASK_TAG[repo.task]);
  if (repo.license) tags.push(`license:${repo.license}`);
  return [...new Set(tags)];
}

/** Flips one byte in the middle of the file as it streams past. */
function corrupter(start: number, size: number): Transform {
  const at = Math.floor(size / 2);
  let offset = start;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (at >= offset && at < offset + chunk.length) {
        chunk = Buffer.from(chunk);
        chunk[at - offset] = chunk[at - offset]! ^ 0xff;
      }
      offset += chunk.length;
      done(null, chunk);
    },
  });
}

export async function startHubStandin(opts: { repos: StandinRepo[]; token?: string }): Promise<HubStandin> {
  const repos = new Map<string, Served>();
  for (const r of opts.repos) repos.set(r.id, await load(r));
  const requests: string[] = [];
  let dropAfter: number | null = null;
  let stallAfter: number | null = null;

  const authorized = (req: IncomingMessage): boolean =>
    !!opts.token && req.headers.authorization === `Bearer ${opts.token}`;

  const revisionOk = (s: Served, rev: string): boolean => rev === 'main' || rev === 'HEAD' || rev === s.sha;

  function search(url: URL, res: ServerResponse): void {
    const q = (url.searchParams.get('search') ?? '').toLowerCase();
    const task = url.searchParams.get('pipeline_tag');
    const filters = url.searchParams.getAll('filter');
    const author = url.searchParams.get('author');
    const limit = Number(url.searchParams.get('limit') ?? 1000);
    const found = [...repos.values()]
      .filter(({ repo }) => repo.id.toLowerCase().includes(q))
      .filter(({ repo }) => !author || repo.id.split('/')[0] === author)
      .filter(({ repo }) => !task || (repo.task && TASK_TAG[repo.task] === task))
      .filter(({ repo }) => filters.every((f) => tagsOf(repo).includes(f)))
      .sort((a, b) => (b.repo.downloads ?? 0) - (a.repo.downloads ?? 0))
      .slice(0, limit);
    json(res, 200, found.map(summary));
  }

  function info(s: Served, rev: string, res: ServerResponse): void {
    if (!revisionOk(s, rev)) return notFound(res, 'RevisionNotFound', `Invalid rev id: ${rev}`);
    json(res, 200, {
      ...summary(s),
      sha: s.sha,
      cardData: s.repo.license ? { license: s.repo.license } : {},
      siblings: s.files.map((f) => ({ rfilename: f.path })),
    });
  }

  function tree(s: Served, rev: string, path: string, url: URL, res: ServerResponse): void {
    if (!revisionOk(s, rev)) return notFound(res, 'RevisionNotFound', `Invalid rev id: ${rev}`);
    const recursive = url.searchParams.get('recursive') === 'true';
    const prefix = path ? `${path}/` : '';
    const under = s.files.filter((f) => f.path.startsWith(prefix));
    if (path && !under.length) return notFound(res, 'EntryNotFound', `${path} does not exist on "${rev}"`);
    const entries: Record<string, unknown>[] = [];
    const dirs = new Set<string>();
    for (const f of under) {
      const rest = f.path.slice(prefix.length).split('/');
      for (let k = 1; k < rest.length && (recursive || k === 1); k++)
        dirs.add(prefix + rest.slice(0, k).join('/'));
      if (!recursive && rest.length > 1) continue;
      entries.push({
        type: 'file',
        oid: f.oid,
        size: f.size,
        path: f.path,
        ...(f.sha256 ? { lfs: { oid: f.sha256, size: f.size, pointerSize: 134 } } : {}),
      });
    }
    const dirEntries = [...dirs].sort().map((d) => ({ type: 'directory', oid: s.sha, size: 0, path: d }));
    json(res, 200, [...dirEntries, ...entries]);
  }

  function resolveFile(
    s: Served,
    rev: string,
    path: string,
    req: IncomingMessage,
    res: ServerResponse,
  ): void {
    if (s.repo.gated && !authorized(req))
      return json(
        res,
        401,
        {
          error: `Access to model ${s.repo.id} is restricted. You must have access to it and be authenticated to access it. Please log in.`,
        },
        { 'X-Error-Code': 'GatedRepo' },
      );
    if (!revisionOk(s, rev)) return notFound(res, 'RevisionNotFound', `Invalid rev id: ${rev}`);
    const f = s.files.find((x) => x.path === path);
    if (!f) return notFound(res, 'EntryNotFound', `${path} does not exist on "${rev}"`);
    const headers: Record<string, string> = {
      'Content-Type': 'application/octet-stream',
      'Accept-Ranges': 'bytes',
      ETag: `"${f.sha256 ?? f.oid}"`,
      'X-Repo-Commit': s.sha,
      ...(f.sha256 ? { 'X-Linked-ETag': `"${f.sha256}"`, 'X-Linked-Size': String(f.size) } : {}),
    };
    let start = 0;
    let end = f.size - 1;
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
    if (req.headers.range && range) {
      start = range[1] ? Number(range[1]) : Math.max(0, f.size - Number(range[2]));
      end = range[1] && range[2] ? Math.min(Number(range[2]), f.size - 1) : f.size - 1;
      if (start >= f.size || start > end) {
        res.writeHead(416, { 'Content-Range': `bytes */${f.size}` });
        return void res.end();
      }
      res.writeHead(206, {
        ...headers,
        'Content-Range': `bytes ${start}-${end}/${f.size}`,
        'Content-Length': String(end - start + 1),
      });
    } else res.writeHead(200, { ...headers, 'Content-Length': String(f.size) });
    if (req.method === 'HEAD' || f.size === 0) return void res.end();
    const body = f.abs
      ? createReadStream(f.abs, { start, end })
      : Readable.from([Buffer.from(s.repo.card ?? '').subarray(start, end + 1)]);
    const out = s.repo.corrupt?.includes(path) ? body.pipe(corrupter(start, f.size)) : body;
    const cut = dropAfter ?? stallAfter;
    const stall = dropAfter === null && stallAfter !== null;
    let sent = 0;
    out.on('data', (chunk: Buffer) => {
      if (cut !== null && sent + chunk.length >= cut && end - start + 1 > cut) {
        res.write(chunk.subarray(0, cut - sent));
        out.destroy();
        // Stall: nothing more, the connection left open (until the client gives up or the server closes).
        if (stall) return;
        // Let the bytes leave, then cut: the client sees a body shorter than Content-Length.
        res.socket?.end(() => res.socket?.destroy());
        return;
      }
      sent += chunk.length;
      if (!res.write(chunk)) {
        out.pause();
        res.once('drain', () => out.resume());
      }
    });
    out.on('end', () => res.end());
    out.on('error', () => res.destroy());
    res.on('close', () => out.destroy());
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://standin');
    requests.push(
      `${req.method} ${url.pathname}${url.search}${req.headers.range ? ` Range: ${req.headers.range}` : ''}`,
    );
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { error: 'Method not allowed' });
    if (parts[0] === 'api' && parts[1] === 'models') {
      if (parts.length === 2) return search(url, res);
      const s = repos.get(`${parts[2]}/${parts[3]}`);
      if (!s) return json(res, 404, { error: 'Repository not found' }, { 'X-Error-Code': 'RepoNotFound' });
      if (parts.length === 4) return info(s, 'main', res);
      if (parts[4] === 'revision' && parts.length === 6) return info(s, parts[5]!, res);
      if (parts[4] === 'tree' && parts.length >= 6)
        return tree(s, parts[5]!, parts.slice(6).join('/'), url, res);
      return notFound(res, 'EntryNotFound', 'Not found');
    }
    if (parts[2] === 'resolve' && parts.length >= 5) {
      const s = repos.get(`${parts[0]}/${parts[1]}`);
      if (!s) return json(res, 404, { error: 'Repository not found' }, { 'X-Error-Code': 'RepoNotFound' });
      return resolveFile(s, parts[3]!, parts.slice(4).join('/'), req, res);
    }
    return notFound(res, 'EntryNotFound', 'Not found');
  }

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (e) {
      if (!res.headersSent) json(res, 500, { error: (e as Error).message });
      else res.destroy();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    dropAfterBytes: (n) => {
      dropAfter = n;
    },
    stallAfterBytes: (n) => {
      stallAfter = n;
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** The file sizes and sha256 a stand-in repo's folder would list (for tests' expectations). */
export async function standinFile(dir: string, path: string): Promise<{ size: number; sha256: string }> {
  const bytes = await readFile(join(dir, ...path.split('/')));
  return {
    size: (await stat(join(dir, ...path.split('/')))).size,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

/** An endpoint where nothing listens (a loopback port bound and let go): the hub "without network". */
export async function closedEndpoint(): Promise<string> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((ok) => server.close(() => ok()));
  return `http://127.0.0.1:${port}`;
}
