/**
 * The hub integration tests' bed: the stand-in hub serving our real fixture folders (a tiny GPT-2
 * in the Optimum layout, a tiny Stable Diffusion pipeline, a gated copy, a corrupted copy, a
 * folder with no model), a real Atelier pointed at it through HF_ENDPOINT, hub services of a
 * test's own with knobs set, and waits on `hub.download` events.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { HubDownload } from '../../../preload/contract';
import { realAtelier, tempDir } from '../../testing/atelier';
import { routerCall } from '../../testing/file-atelier';
import { startHubStandin, type HubStandin } from '../../testing/hub-standin';
import { createHubService, type HubOptions, type HubService } from './section';

export const GPT2 = resolve('models/training/text/tiny/gpt2');
export const SD = resolve('models/training/images/tiny-sd');
export const TOKEN = 'hf_standin_secret_token';

export interface HubBed {
  readonly hub: HubStandin;
  readonly env: Awaited<ReturnType<typeof realAtelier>>;
  /** A contract call through the router (routerCall); a refusal throws with its `info`. */
  call<T>(method: string, input: unknown): Promise<T>;
  /** A hub service of its own on the test's data dir, with knobs set (closed after the file). */
  service(o?: HubOptions): HubService;
  /** Starts a download (through `s`, or the router) and waits for one of `until`. */
  download(
    s: HubService['section'] | null,
    input: Record<string, unknown>,
    until: HubDownload['state'][],
  ): Promise<{ started: HubDownload; end: HubDownload }>;
  /** Resolves with the download once it reaches one of `states`. */
  reach(id: () => string | undefined, states: HubDownload['state'][]): Promise<HubDownload>;
  /** The Range header of each request for a file ("whole" when none). */
  rangesOf(path: string): string[];
}

export function hubTestbed(): HubBed {
  const plain = tempDir('hub-plain-');
  const services: HubService[] = [];
  let hub: HubStandin;
  let env: HubBed['env'];

  beforeAll(async () => {
    writeFileSync(join(plain.path, 'config.json'), '{"model_type":"bert"}');
    hub = await startHubStandin({
      token: TOKEN,
      repos: [
        {
          id: 'atelier-test/tiny-gpt2',
          dir: GPT2,
          task: 'text',
          downloads: 300,
          license: 'mit',
          card: '# Tiny GPT-2\n',
        },
        { id: 'atelier-test/tiny-sd', dir: SD, task: 'image', downloads: 200 },
        { id: 'atelier-test/locked-gpt2', dir: GPT2, task: 'text', gated: true },
        { id: 'atelier-test/broken-gpt2', dir: GPT2, task: 'text', corrupt: ['model.onnx'] },
        { id: 'atelier-test/plain-config', dir: plain.path, downloads: 1 },
      ],
    });
    process.env.HF_ENDPOINT = hub.url;
    delete process.env.HF_TOKEN;
    env = await realAtelier();
    delete process.env.HF_ENDPOINT;
  });
  afterAll(async () => {
    for (const s of services) await s.close();
    await env?.cleanup();
    await hub?.close();
    plain.remove();
  });

  const bed: HubBed = {
    get hub() {
      return hub;
    },
    get env() {
      return env;
    },
    call<T>(method: string, input: unknown): Promise<T> {
      return routerCall<T>(env, method, input);
    },
    service(o = {}) {
      const { registry, inference, events, logger } = env.atelier;
      const s = createHubService(
        { registry, inference, events, logger, dataDir: env.dataDir },
        { endpoint: hub.url, retryDelayMs: 5, ...o },
      );
      services.push(s);
      return s;
    },
    reach(id, states) {
      return new Promise((ok) => {
        const off = env.atelier.events.on('hub.download', (d) => {
          if (d.downloadId === id() && states.includes(d.state)) {
            off();
            ok(d);
          }
        });
      });
    },
    async download(s, input, until) {
      const ref: { id?: string } = {};
      const done = bed.reach(() => ref.id, until);
      const started = s
        ? await s.download({ revision: 'main', ...input } as Parameters<HubService['section']['download']>[0])
        : await bed.call<HubDownload>('hub.download', input);
      ref.id = started.downloadId;
      return { started, end: await done };
    },
    rangesOf(path) {
      return hub.requests
        .filter((r) => r.includes('/resolve/') && r.includes(`/${path}`))
        .map((r) => r.split(' Range: ')[1] ?? 'whole');
    },
  };
  return bed;
}
