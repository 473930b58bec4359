/**
 * Diffusion img2img augmentation with an imported few-step model (the tiny random-weight SD-Turbo
 * fixture, `models/training/images/tiny-sd-turbo`) in the real inference process: the method
 * takes the model's own steps and guidance when none are asked, draws with its own sampler
 * (deterministic per item), and refuses steps or guidance the model was not distilled for,
 * naming `params.<field>`.
 */
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ModelStatus } from '../../../preload/contract';
import { diffusionMethod } from './method-diffusion';
import type { SourceImage } from './method';
import { sharedAtelier } from './testing';

const t = sharedAtelier();
const FIXTURE = resolve(__dirname, '../../../models/training/images/tiny-sd-turbo');

function square(w: number): SourceImage {
  const data = new Uint8Array(w * w * 4);
  for (let i = 0; i < w * w; i++) data.set([40 + (i % w) * 3, 90, 200 - (i % 17) * 5, 255], i * 4);
  return { path: join('blue', 'a.png'), label: 'blue', image: { width: w, height: w, data } };
}

describe('diffusion img2img method with a few-step model (SD-Turbo fixture)', () => {
  it('uses the model’s steps and guidance, is deterministic, and refuses what the model cannot do', async () => {
    const m = await t.call<ModelStatus>('models.import', { path: FIXTURE });
    const method = diffusionMethod(
      { registry: t.env.atelier.registry, inference: t.env.atelier.inference },
      m.id,
    );
    const params = method.params(undefined);
    expect(params).toMatchObject({ steps: 1, guidance: 0 });
    expect(method.params({ steps: 4 }).steps).toBe(4);
    for (const [input, field] of [
      [{ steps: 20 }, 'params.steps'],
      [{ guidance: 5 }, 'params.guidance'],
    ] as const) {
      let error: { field?: string; message: string } | null = null;
      try {
        method.params(input);
      } catch (e) {
        error = e as { field?: string; message: string };
      }
      expect(error?.field).toBe(field);
      expect(error?.message).toMatch(/few-step Turbo model/);
    }
    const source = square(24);
    const [a] = await method.generate(source, [7], params);
    const [b] = await method.generate(source, [7], params);
    const [c] = await method.generate(source, [8], params);
    expect(a!.width).toBe(24);
    expect(Buffer.from(a!.data).equals(Buffer.from(b!.data))).toBe(true);
    expect(Buffer.from(a!.data).equals(Buffer.from(c!.data))).toBe(false);
  });
});
