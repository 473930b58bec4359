/**
 * What the Models view's spec runs against: the stand-in hub (`main/testing/hub-standin.ts`,
 * loaded at run time because the e2e type-check lists no main/ sources) serving the fixture
 * models (`startFixtureHub`) behind a loopback proxy that can slow file downloads down, so a download of a tiny fixture stays on screen long enough
 * to watch, pause and resume (everything else passes through untouched); and the spec's steps in
 * the page (a download's row, opening a search result, the progress values the bar showed).
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import type { Locator, Page } from '@playwright/test';
import { expect } from './host';

export interface StandinRepo {
  id: string;
  dir: string;
  task?: 'text' | 'image';
  gated?: boolean;
  card?: string;
  downloads?: number;
  likes?: number;
  license?: string;
}
export interface HubStandin {
  url: string;
  close(): Promise<void>;
  requests: string[];
}
interface StandinModule {
  startHubStandin(opts: { repos: StandinRepo[]; token?: string }): Promise<HubStandin>;
}
const standinModule = (): Promise<StandinModule> =>
  import(new URL('../../main/testing/hub-standin.ts', import.meta.url).href) as Promise<StandinModule>;

export interface SlowHub {
  url: string;
  /** Bytes a second for file downloads (`/resolve/`); null serves them at full speed. */
  setRate(bytesPerSecond: number | null): void;
  close(): Promise<void>;
}

const SLICE = 4096;

/** A proxy in front of `target` whose file downloads go out at the rate set. */
export async function slowHub(target: string): Promise<SlowHub> {
  let rate: number | null = null;
  const throttle = (): Transform =>
    new Transform({
      transform(chunk: Buffer, _enc, done: TransformCallback) {
        let at = 0;
        const step = (): void => {
          if (at >= chunk.length) return done();
          const piece = rate === null ? chunk.subarray(at) : chunk.subarray(at, at + SLICE);
          at += piece.length;
          this.push(piece);
          if (rate === null) step();
          else setTimeout(step, (piece.length / rate) * 1000);
        };
        step();
      },
    });
  const server: Server = createServer((req, res) => {
    const up = request(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: { ...req.headers, host: new URL(target).host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        const body = req.url?.includes('/resolve/') ? answer.pipe(throttle()) : answer;
        body.pipe(res);
        res.on('close', () => answer.destroy());
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setRate: (r) => {
      rate = r;
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

export const GPT2 = 'atelier-test/tiny-gpt2';
export const SD = 'atelier-test/tiny-sd';
export const GATED = 'atelier-test/gated-gpt2';
export const CHAT = 'atelier-test/chat-gpt2';
/** The token the stand-in grants the gated repo to. */
export const TOKEN = 'hf_atelierE2eToken0123';
const CARD =
  '---\nlicense: mit\n---\n# Tiny GPT-2\n\nRandom weights, **for tests**. <script>alert(1)</script>\n';

export interface FixtureHub {
  /** Where the repository folders made for it live (a test may put more there). */
  root: string;
  standin: HubStandin;
  /** HF_ENDPOINT for the host: the slowable proxy in front of the stand-in. */
  proxy: SlowHub;
  close(): Promise<void>;
}

/**
 * The stand-in serving the fixtures: the tiny GPT-2 with a model card (`GPT2`), the tiny Stable
 * Diffusion (`SD`), a gated copy of the GPT-2 (`GATED`, granted to `TOKEN`) and a chat copy with a
 * ChatML template and its special tokens (`CHAT`), behind the proxy.
 */
export async function startFixtureHub(): Promise<FixtureHub> {
  const root = mkdtempSync(join(tmpdir(), 'atelier-models-e2e-'));
  const gpt2Fixture = resolve('models/training/text/tiny/gpt2');
  const gpt2 = join(root, 'tiny-gpt2');
  cpSync(gpt2Fixture, gpt2, { recursive: true });
  writeFileSync(join(gpt2, 'README.md'), CARD);
  const chat = join(root, 'chat-gpt2');
  cpSync(gpt2Fixture, chat, { recursive: true });
  for (const f of ['tokenizer.json', 'tokenizer_config.json'])
    cpSync(resolve('main/services/text/testdata/tiny-chatml', f), join(chat, f));
  const { startHubStandin } = await standinModule();
  const standin = await startHubStandin({
    token: TOKEN,
    repos: [
      { id: GPT2, dir: gpt2, task: 'text', downloads: 300, license: 'mit' },
      { id: SD, dir: resolve('models/training/images/tiny-sd'), task: 'image', downloads: 200 },
      { id: GATED, dir: gpt2Fixture, task: 'text', gated: true, downloads: 100 },
      { id: CHAT, dir: chat, task: 'text', downloads: 50 },
    ],
  });
  const proxy = await slowHub(standin.url);
  return {
    root,
    standin,
    proxy,
    close: async () => {
      await proxy.close();
      await standin.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A loopback port nothing listens on (opened, then closed). */
export async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((ok) => s.close(() => ok()));
  return port;
}

/** A download's row in the Downloads panel. */
export const item = (page: Page, repo: string): Locator =>
  page.locator(`[data-testid="models-download-item"][data-repo="${repo}"]`);

/** Searches the hub and opens a result's page. */
export async function openResult(page: Page, words: string, repo: string): Promise<void> {
  await page.getByTestId('models-search').fill(words);
  await page.getByTestId('models-search').press('Enter');
  await page.locator(`[data-testid="models-result"][data-repo="${repo}"]`).click();
  await expect(page.getByTestId('models-detail')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('models-detail')).toHaveAttribute('data-repo', repo);
}

/** Records every value a download's progress bar shows, from inside the page. */
export async function recordProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { progress: number[] };
    w.progress = [];
    new MutationObserver(() => {
      const bar = document.querySelector('[data-testid="models-download-progress"]');
      const v = Number(bar?.getAttribute('aria-valuenow') ?? NaN);
      if (Number.isFinite(v) && w.progress.at(-1) !== v) w.progress.push(v);
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}

/** The values `recordProgress` saw. */
export const progressSeen = (page: Page): Promise<number[]> =>
  page.evaluate(() => (window as unknown as { progress: number[] }).progress);
