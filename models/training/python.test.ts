/**
 * The Python tests of the training code: the shared `common` package's unit tests and every model's
 * `test_export` (ONNX graphs on the app's onnxruntime-node vs PyTorch, manifests, hashes) and fixture
 * tests, run as `python3 -m unittest discover` from models/training with Debian's /usr/bin/python3
 * (`PYTHON=...` picks another). Skipped, with the reason printed, where that Python cannot import torch
 * and onnx (see models/training/requirements.md).
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';
const TRAINING = fileURLToPath(new URL('.', import.meta.url));

function probe(): string | null {
  const r = spawnSync(PYTHON, ['-c', 'import torch, onnx, numpy'], { encoding: 'utf8' });
  if (r.error) return `${PYTHON} not found (${r.error.message})`;
  if (r.status !== 0)
    return `${PYTHON} cannot import torch, onnx, numpy: ${r.stderr.trim().split('\n').pop()}`;
  return null;
}

const missing = probe();
if (missing) {
  console.warn(
    `models/training Python tests skipped: ${missing}. On Debian: apt-get install python3-torch python3-onnx ` +
      'python3-numpy python3-pil (models/training/requirements.md).',
  );
}

function run(args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, args, {
      cwd: TRAINING,
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', PYTHONUNBUFFERED: '1' },
      timeout: timeoutMs,
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({ code, output: signal ? `${output}\n(killed: ${signal})` : output }),
    );
  });
}

describe('models/training (Python)', () => {
  it.skipIf(missing !== null)(
    'unittest discover: common, test_export of every model, the tiny fixtures',
    async () => {
      const { code, output } = await run(
        ['-m', 'unittest', 'discover', '-b', '-s', '.', '-p', 'test_*.py'],
        280_000,
      );
      expect(code, output).toBe(0);
      expect(output).toMatch(/^OK/m);
    },
    300_000,
  );
});
