/**
 * "Copy diagnostics" against a real Atelier (real registry, real SQLite, the real log file):
 * versions, provider, every bundled model with its hash, the newest log lines — and nothing the
 * user made.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logPath } from '../log/file';
import { realAtelier } from '../testing/atelier';

let env: Awaited<ReturnType<typeof realAtelier>>;
beforeAll(async () => {
  env = await realAtelier();
});
afterAll(async () => env.cleanup());

describe('app.diagnostics', () => {
  it('reports versions, models, counts and the log, without user content', async () => {
    const call = env.atelier.router.call;
    const saved = await call('melody.save', {
      clip: { name: 'my secret tune', notes: [{ pitch: 60, start: 0, duration: 1 }] },
    });
    expect(saved.ok).toBe(true);
    // A refused call is logged by method and field.
    const refused = await call('texture.generate', { jobId: 'abcdefgh', params: { seed: -1 } });
    expect(refused.ok).toBe(false);

    const r = await call('app.diagnostics', {});
    if (!r.ok) throw new Error(r.error.message);
    const text = (r.value as { text: string }).text;
    expect(text).toMatch(/^Atelier \d+\.\d+\.\d+ \(cli host\)/);
    expect(text).toMatch(/onnxruntime-node \d+\.\d+/);
    expect(text).toMatch(/inference: \w+, provider cpu/);
    for (const m of env.atelier.registry.status()) expect(text).toContain(`  ${m.id} `);
    expect(text).toContain('melody 1');
    expect(text).toContain('router: refused a call');
    expect(text).not.toContain('secret');
    expect(existsSync(logPath(env.dataDir))).toBe(true);
  });
});
