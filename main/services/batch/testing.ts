/**
 * For the batch tests and the bench only: a real `redis-server` on a free loopback port in a temp
 * folder (no persistence unless asked for, so a restart with `appendonly` keeps the queue), and
 * real `atelier worker` processes started through the CLI from source.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../cli.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  server.close();
  await once(server, 'close');
  return port;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Resolves when `lines` holds a line matching `re` (checked every 50 ms), or rejects after `ms`. */
export async function waitFor(check: () => boolean, what: string, ms = 60_000): Promise<void> {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

export interface TestRedis {
  url: string;
  dir: string;
  start(): Promise<void>;
  /** SIGTERM (Redis writes its append-only file and exits), then waits for the exit. */
  stop(): Promise<void>;
  remove(): Promise<void>;
}

export async function startRedis(opts: { appendOnly?: boolean } = {}): Promise<TestRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-redis-'));
  const port = await freePort();
  let proc: ChildProcess | null = null;
  const persistence = opts.appendOnly
    ? ['--appendonly', 'yes', '--appendfsync', 'always']
    : ['--appendonly', 'no'];
  const r: TestRedis = {
    url: `redis://127.0.0.1:${port}`,
    dir,
    async start() {
      const p = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', ...persistence],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      proc = p;
      let out = '';
      let missing = false;
      p.on('error', () => (missing = true));
      p.stdout.on('data', (d: Buffer) => (out += d.toString()));
      await waitFor(
        () => /Ready to accept connections/.test(out) || p.exitCode !== null || missing,
        'redis-server',
        20_000,
      );
      if (missing) throw new Error('redis-server is not installed (Debian: apt install redis-server)');
      if (p.exitCode !== null) throw new Error(`redis-server did not start: ${out.slice(-400)}`);
    },
    async stop() {
      const p = proc;
      if (!p || p.exitCode !== null) return;
      const exited = once(p, 'exit');
      p.kill('SIGTERM');
      await exited;
    },
    async remove() {
      await r.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await r.start();
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return r;
}

export interface TestWorker {
  name: string;
  proc: ChildProcess;
  /** stdout lines so far ("done <job> <method> <ms> ms", …). */
  lines: string[];
  stderr: () => string;
  exited: Promise<number | null>;
}

/** `atelier worker` as its own process, its data in `dataDir`; resolves once it takes calls. */
export async function startWorkerProcess(url: string, name: string, dataDir: string): Promise<TestWorker> {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', CLI, 'worker', '--redis', url, '--name', name, '--data-dir', dataDir],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const lines: string[] = [];
  let err = '';
  let partial = '';
  proc.stdout!.on('data', (d: Buffer) => {
    const parts = (partial + d.toString()).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
  });
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((res) => proc.once('exit', (code) => res(code)));
  await waitFor(() => /taking calls/.test(err) || proc.exitCode !== null, `worker ${name} to start`);
  if (proc.exitCode !== null) throw new Error(`worker ${name} exited: ${err.slice(-400)}`);
  return { name, proc, lines, stderr: () => err, exited };
}
