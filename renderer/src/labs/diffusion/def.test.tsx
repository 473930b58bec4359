import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, expect, test } from 'vitest';
import { preset } from '../../../../preload/labs/data';
import { createDiffusion, DIFFUSION_DEFAULTS, diffusionLab } from '../../../../preload/labs/diffusion';
import { labsTf } from '../../../../preload/labs/tf';
import { diffusionLabDef } from './def';

beforeAll(async () => {
  await labsTf();
});

test('the definition matches the engine: its fields, its chart series, 4–6 guide steps, 2–3 checks', async () => {
  const model = await createDiffusion({ settings: DIFFUSION_DEFAULTS, data: preset('ring8', 200), seed: 1 });
  expect(diffusionLabDef.series.map((s) => s.key)).toEqual(Object.keys(model.train(1)));
  for (const f of diffusionLabDef.fields) expect(Object.keys(diffusionLab.defaults)).toContain(f.key);
  for (const o of diffusionLabDef.fields.find((f) => f.key === 'schedule')!.options!) {
    expect(diffusionLab.settings.safeParse({ ...DIFFUSION_DEFAULTS, schedule: o.value }).success).toBe(true);
  }
  expect(diffusionLabDef.guide.length).toBeGreaterThanOrEqual(4);
  expect(diffusionLabDef.guide.length).toBeLessThanOrEqual(6);
  expect(diffusionLabDef.checks.length).toBeGreaterThanOrEqual(2);
  expect(diffusionLabDef.checks.length).toBeLessThanOrEqual(3);
  model.dispose();
});

test('the picture renders a real snapshot; “find the t where the data is gone” reads the t on show', async () => {
  const data = preset('two-moons', 300);
  const model = await createDiffusion({ settings: DIFFUSION_DEFAULTS, data, seed: 2 });
  model.train(5);
  const check = diffusionLabDef.checks.find((c) => c.id === 'diffusion-data-gone')!;
  const verdict = (t: number): boolean => {
    model.view({ ...diffusionLabDef.initialRequest, t, particles: 4, samples: 4 });
    const ctx = {
      metrics: model.metrics(),
      iteration: 5,
      settings: DIFFUSION_DEFAULTS as never,
      losses: {},
      data,
    };
    return check.verify(ctx).passed;
  };
  const gone = model.metrics().goneT!;
  expect(verdict(10)).toBe(false);
  expect(verdict(gone)).toBe(true);
  expect(verdict(DIFFUSION_DEFAULTS.steps)).toBe(false);

  const request = { ...diffusionLabDef.initialRequest, t: 40 };
  const html = renderToStaticMarkup(
    <diffusionLabDef.View
      view={model.view(request)}
      data={data}
      request={request}
      setRequest={() => {}}
      metrics={null}
      settings={DIFFUSION_DEFAULTS as unknown as Record<string, unknown>}
      size={320}
    />,
  );
  expect(html).toMatch(/data-testid="lab-picture" data-hash="[0-9a-f]+" data-t="40"/);
  expect(html).toContain('t = 40 of 100: signal √ᾱ =');
  expect(html).toContain('data-testid="diffusion-steps"');
  expect(html).toContain('300 samples by DDIM in 20 steps');
  model.dispose();
});
