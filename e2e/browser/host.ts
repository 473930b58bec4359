/**
 * Starts the real browser host (the built out/main/serve.js) on a free port with a fresh data
 * dir, and reads the URL it prints. Each spec file gets its own host and library; a spec may start
 * more, with extra arguments and environment (`HF_ENDPOINT` for a stand-in hub). The tests never
 * reach the real Hugging Face hub: unless a spec gives one, `HF_ENDPOINT` is a closed loopback port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';

export interface RunningHost {
  url: string;
  dataDir: string;
  process: ChildProcess;
}

export async function startHost(
  extraArgs: string[] = [],
  env: Readonly<Record<string, string>> = {},
): Promise<RunningHost & { stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'atelier-e2e-'));
  const child = spawn(
    process.execPath,
    ['out/main/serve.js', '--port', '0', '--data-dir', dataDir, ...extraArgs],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, HF_ENDPOINT: 'http://127.0.0.1:9', ...env },
    },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser host did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const m = /Atelier is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`browser host exited (${code}):\n${output}`)));
  });
  return {
    url,
    dataDir,
    process: child,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

type Host = RunningHost & { stop(): Promise<void> };

/**
 * One host (and one library) per spec file: specs run in one worker, one after another, so the
 * worker keeps the current file's host and stops it when the next file starts.
 */
export const test = base.extend<{ host: RunningHost }, { hosts: Map<string, Host> }>({
  hosts: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const hosts = new Map<string, Host>();
      await use(hosts);
      for (const h of hosts.values()) await h.stop();
    },
    { scope: 'worker' },
  ],
  host: async ({ hosts }, use, testInfo) => {
    let host = hosts.get(testInfo.file);
    if (!host) {
      for (const [file, other] of hosts) {
        await other.stop();
        hosts.delete(file);
      }
      host = await startHost();
      hosts.set(testInfo.file, host);
    }
    await use(host);
  },
});
export { expect } from '@playwright/test';
