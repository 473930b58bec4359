/**
 * `npm run fuzz [-- count [seed]]`: the contract fuzzer (./fuzzing.ts) against a real browser host
 * with a real Atelier in a temp dir, run in a child process so a host that dies is counted (and
 * restarted) instead of ending the run. Prints calls made, answers by code, host deaths (must be
 * 0), unhandled rejections in the host, problems and the slowest answer; exits 1 on any problem.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { realAtelier, tempDir } from '../testing/atelier';
import { runFuzz, type FuzzReport } from './fuzzing';
import { startBrowserHost } from './server';

const BATCH = 250;

type HostMessage = { ready: string } | { rejection: string } | { crashed: string };

/** The child: a real Atelier behind a browser host; reports its socket URL and anything unhandled. */
async function serveHost(): Promise<void> {
  const send = (m: HostMessage): void => void process.send?.(m);
  process.on('unhandledRejection', (e) => send({ rejection: String(e).slice(0, 200) }));
  process.on('uncaughtException', (e) => {
    send({ crashed: String(e).slice(0, 200) });
    process.exit(1);
  });
  const renderer = tempDir('atelier-fuzz-renderer-');
  writeFileSync(join(renderer.path, 'index.html'), '<!doctype html><title>Atelier</title>');
  const env = await realAtelier();
  const host = await startBrowserHost({ atelier: env.atelier, rendererDir: renderer.path });
  send({ ready: `ws://127.0.0.1:${host.port}/ws?token=${host.token}` });
  process.on('disconnect', () => {
    void host.close().then(async () => {
      await env.cleanup();
      renderer.remove();
      process.exit(0);
    });
  });
}

interface Host {
  child: ChildProcess;
  url: string;
  dead: boolean;
}

function startHost(onRejection: (m: string) => void): Promise<Host> {
  const child = fork(fileURLToPath(import.meta.url), ['--host'], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.on('message', (m: HostMessage) => {
      if ('ready' in m) {
        const host: Host = { child, url: m.ready, dead: false };
        child.on('exit', () => (host.dead = true));
        resolve(host);
      } else if ('rejection' in m) onRejection(m.rejection);
      else console.error(`host crashed: ${m.crashed}`);
    });
    child.once('exit', (code) => reject(new Error(`the host exited (${code}) before it was ready`)));
  });
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 20_000);
  const seed = Number(process.argv[3] ?? 1);
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seed))
    throw new Error('usage: npm run fuzz -- [count] [seed]');
  const rejections: string[] = [];
  let host = await startHost((m) => rejections.push(m));
  let deaths = 0;
  const total: FuzzReport = { calls: 0, byCode: {}, unanswered: 0, problems: [], slowest: null };
  const started = performance.now();
  // Batches, so a host that died is restarted and the run goes on.
  for (let done = 0; done < count; done += BATCH) {
    const r = await runFuzz({
      url: host.url,
      seed: seed * 100_000 + done / BATCH,
      count: Math.min(BATCH, count - done),
      maxBytes: 4 << 20,
    });
    total.calls += r.calls;
    total.unanswered += r.unanswered;
    total.problems.push(...r.problems);
    for (const [k, v] of Object.entries(r.byCode)) total.byCode[k] = (total.byCode[k] ?? 0) + v;
    if (r.slowest && (!total.slowest || r.slowest.ms > total.slowest.ms)) total.slowest = r.slowest;
    if (host.dead) {
      deaths++;
      host = await startHost((m) => rejections.push(m));
    }
    process.stderr.write(`\r${Math.min(count, done + BATCH)}/${count} calls`);
  }
  host.child.disconnect();
  const codes = Object.entries(total.byCode).sort((a, b) => b[1] - a[1]);
  console.log(
    `\ncontract fuzz: seed ${seed}, ${total.calls} calls in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  console.log(`answers by code: ${codes.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`unanswered frames: ${total.unanswered}`);
  console.log(`host deaths: ${deaths}`);
  console.log(`unhandled rejections in the host: ${rejections.length}`);
  for (const m of rejections.slice(0, 5)) console.log(`  ${m}`);
  console.log(`problems: ${total.problems.length}`);
  for (const p of total.problems.slice(0, 10)) console.log(`  ${p}`);
  const s = total.slowest;
  if (s) console.log(`slowest answer: ${s.ms.toFixed(0)} ms (${s.method.slice(0, 40)}, ${s.kind})`);
  process.exit(deaths || total.problems.length || rejections.length ? 1 : 0);
}

if (process.argv.includes('--host')) void serveHost();
else
  main().catch((e: unknown) => {
    console.error(`fuzz: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
