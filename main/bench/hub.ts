/**
 * Hub download figures for `npm run bench -- hub`: MB/s of one 64 MiB graph fetched from the
 * stand-in hub on loopback by the download engine (`fetchFile`: a `.part` file, then a rename),
 * with the streaming sha256 check and without it, next to the floor — a bare fetch whose bytes
 * are thrown away. The gap to the floor is the cost of writing to disk and of hashing.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Atelier } from '../services/atelier';
import { HubClient } from '../services/hub/client';
import { fetchFile } from '../services/hub/fetch-file';
import { startHubStandin } from '../testing/hub-standin';
import { percentile, type Table } from './latent';

const SIZE = 64 * 1024 * 1024;
const RUNS = 3;
const f = (n: number, digits = 0): string => (Number.isFinite(n) ? n.toFixed(digits) : '-');

export async function benchHub(_atelier: Atelier, printTable: Table): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-bench-hub-'));
  mkdirSync(join(dir, 'repo', 'onnx'), { recursive: true });
  writeFileSync(join(dir, 'repo', 'onnx', 'model.onnx'), randomBytes(SIZE));
  const hub = await startHubStandin({ repos: [{ id: 'bench/big', dir: join(dir, 'repo'), task: 'text' }] });
  try {
    const client = new HubClient(hub.url, () => null);
    const { files, sha } = await client.model('bench/big', 'main');
    const file = files.find((x) => x.path === 'onnx/model.onnx')!;
    const url = client.fileUrl('bench/big', sha, file.path);

    const mbps = async (run: (k: number) => Promise<void>): Promise<number[]> => {
      const out: number[] = [];
      for (let k = 0; k <= RUNS; k++) {
        const t0 = performance.now();
        await run(k);
        if (k > 0) out.push(SIZE / 1e6 / ((performance.now() - t0) / 1000)); // the first warms up
      }
      return out;
    };
    const engine = (noHash: boolean) => (k: number) =>
      fetchFile({
        client,
        url,
        file,
        target: join(dir, `out-${noHash ? 'plain' : 'sha'}-${k}.onnx`),
        signal: new AbortController().signal,
        onBytes: () => {},
        noHash,
      }).then(() => rmSync(join(dir, `out-${noHash ? 'plain' : 'sha'}-${k}.onnx`)));
    const floor = await mbps(async () => {
      const res = await fetch(url);
      for await (const _ of res.body as unknown as AsyncIterable<Uint8Array>);
    });
    const hashed = await engine(false);
    const rows = [
      ['bare fetch, bytes dropped (floor)', floor],
      ['download engine, sha256 checked', await mbps(hashed)],
      ['download engine, no sha256', await mbps(engine(true))],
    ] as const;
    printTable(
      `15. Hub downloads: one ${SIZE / 1024 / 1024} MiB file from the stand-in hub on loopback (MB/s, ${RUNS} runs after 1 warm-up)`,
      ['path', 'median MB/s', 'min MB/s', 'vs floor'],
      rows.map(([label, xs]) => [
        label,
        f(percentile(xs, 0.5)),
        f(Math.min(...xs)),
        `${f(percentile(xs, 0.5) / percentile(floor, 0.5), 2)}×`,
      ]),
      [
        'the engine writes a .part file, syncs it and renames it; a real hub adds the network, which is slower still',
      ],
    );
  } finally {
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
