import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Library } from './library';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');
const writerScript = join(here, 'testing', 'writer.ts');

const ROUNDS = 3;
const MIN_ACKS = 15;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'atelier-durability-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Round {
  acked: string[];
  signal: NodeJS.Signals | null;
  code: number | null;
}

/**
 * Starts the writer and SIGKILLs it once it has acknowledged `minAcks` generations, after a short
 * random delay during which it keeps writing (it never pauses between adds, so it dies inside
 * one). Every `ack` line that reached us, including any read after the kill, counts.
 */
function runAndKill(dataDir: string, minAcks: number): Promise<Round> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writerScript, dataDir], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked: string[] = [];
    let buffered = '';
    let stderr = '';
    let killed = false;
    const guard = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`writer produced ${acked.length} acks in 20 s; stderr:\n${stderr}`));
    }, 20_000);
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      buffered += s;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        const m = /^ack (\S+)$/.exec(line);
        if (m) acked.push(m[1]!);
      }
      if (!killed && acked.length >= minAcks) {
        killed = true;
        setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 25));
      }
    });
    child.on('error', reject);
    // 'close' comes after stdout has been drained, so late ack lines are in `acked`.
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      if (!killed) reject(new Error(`writer exited by itself (code ${code}, ${signal}); stderr:\n${stderr}`));
      else resolvePromise({ acked, signal, code });
    });
  });
}

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

describe('library durability', () => {
  it('a SIGKILLed writer leaves integrity_check ok and every acknowledged generation present', async () => {
    const allAcked: string[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const r = await runAndKill(dir, MIN_ACKS);
      expect(r.signal).toBe('SIGKILL');
      expect(r.acked.length).toBeGreaterThanOrEqual(MIN_ACKS);
      allAcked.push(...r.acked);

      const lib = Library.open(dir);
      try {
        expect(lib.integrityCheck()).toBe('ok');
        expect(lib.db.pragma('foreign_key_check')).toEqual([]);

        // Every acknowledged generation, from this round and the earlier ones, is there, whole.
        for (const id of allAcked) {
          const g = lib.get(id);
          expect(g.id).toBe(id);
          expect(g.kind).toBe('texture');
          const assets = lib.db
            .prepare('SELECT role, path, bytes, sha256 FROM assets WHERE generation_id = ? ORDER BY role')
            .all(id) as { role: 'image' | 'thumbnail'; path: string; bytes: number; sha256: string }[];
          expect(assets.map((a) => a.role)).toEqual(['image', 'thumbnail']);
          for (const a of assets) {
            const { bytes } = await lib.readAsset(id, a.role);
            expect(bytes.length).toBe(a.bytes);
            expect(sha256(bytes)).toBe(a.sha256);
          }
          expect(assets[0]!.bytes).toBe(200 * 1024);
        }

        // And no committed row (acknowledged or not) references a missing or torn file.
        const rows = lib.db.prepare('SELECT generation_id, path, bytes, sha256 FROM assets').all() as {
          generation_id: string;
          path: string;
          bytes: number;
          sha256: string;
        }[];
        const committed = new Set(rows.map((r) => r.generation_id));
        expect(committed.size).toBeGreaterThanOrEqual(allAcked.length);
        for (const r of rows) {
          const onDisk = readFileSync(join(dir, r.path));
          expect(onDisk.length).toBe(r.bytes);
          expect(sha256(onDisk)).toBe(r.sha256);
        }
        expect(new Set(allAcked).size).toBe(allAcked.length);
      } finally {
        lib.close();
      }
    }
  }, 30_000);
});
