import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, expect, test } from 'vitest';
import { preset } from '../../../../preload/labs/data';
import {
  ganLab,
  GAN_COLLAPSE_SETTINGS,
  GAN_DEFAULTS,
  GAN_IMAGE_SETTINGS,
} from '../../../../preload/labs/gan';
import { labsTf } from '../../../../preload/labs/tf';
import type { Dataset } from '../../../../preload/labs/types';
import { ganLabDef } from './def';

beforeAll(async () => {
  await labsTf();
});

test('the definition matches the engine: its fields, its chart series, 4–6 guide steps, 2–3 checks', async () => {
  const e = await ganLab.create({
    settings: { ...GAN_DEFAULTS, loss: 'wgan-gp' },
    data: preset('ring8', 200),
    seed: 1,
  });
  expect(ganLabDef.series.map((s) => s.key).sort()).toEqual(Object.keys(e.train(1)).sort());
  for (const f of ganLabDef.fields) expect(Object.keys(ganLab.defaults)).toContain(f.key);
  expect(ganLabDef.guide.length).toBeGreaterThanOrEqual(4);
  expect(ganLabDef.guide.length).toBeLessThanOrEqual(6);
  expect(ganLabDef.checks.length).toBeGreaterThanOrEqual(2);
  expect(ganLabDef.checks.length).toBeLessThanOrEqual(3);
  expect(ganLabDef.imageSettings).toEqual(GAN_IMAGE_SETTINGS);
  // The guide and the hint name the collapse settings.
  expect(ganLabDef.guide.some((s) => s.body.includes('G learning rate × 20'))).toBe(true);
  expect(ganLabDef.checks[0]!.hint).toContain('noise dimension 1');
  e.dispose();
});

test('the picture renders a real snapshot: the canvas with the hash of its samples, the layer toggles', async () => {
  const data = preset('ring8', 300);
  const e = await ganLab.create({ settings: GAN_DEFAULTS, data, seed: 2 });
  e.train(5);
  const html = renderToStaticMarkup(
    <ganLabDef.View
      view={e.view(ganLabDef.initialRequest)}
      data={data}
      request={ganLabDef.initialRequest}
      setRequest={() => {}}
      metrics={null}
      settings={GAN_DEFAULTS as unknown as Record<string, unknown>}
      size={320}
    />,
  );
  expect(html).toMatch(/data-testid="lab-picture" data-hash="[0-9a-f]{8}" data-samples="500"/);
  for (const t of ['heatmap', 'manifold', 'gradients'])
    expect(html).toContain(`data-testid="gan-toggle-${t}" checked=""`);
  expect(html).toContain('P(real)');
  e.dispose();
});

test('image mode draws the glyph grid without toggles', async () => {
  const points = new Float32Array(20 * 256).map((_, i) => ((i * 7) % 5 === 0 ? 1 : 0));
  const data: Dataset = {
    dim: 256,
    side: 16,
    points,
    source: { kind: 'glyphs', chars: 'ab', fonts: [], size: 16 },
  };
  const settings = { ...GAN_DEFAULTS, ...GAN_IMAGE_SETTINGS };
  const e = await ganLab.create({ settings, data, seed: 2 });
  const html = renderToStaticMarkup(
    <ganLabDef.View
      view={e.view(ganLabDef.initialRequest)}
      data={data}
      request={ganLabDef.initialRequest}
      setRequest={() => {}}
      metrics={null}
      settings={settings as unknown as Record<string, unknown>}
      size={320}
    />,
  );
  expect(html).toContain('data-samples="64"');
  expect(html).toContain('gan-canvas-images');
  expect(html).not.toContain('gan-toggle');
  e.dispose();
});

test('a real run with the named settings passes “make the GAN collapse”, and not before it has trained', async () => {
  const seed = 3;
  const data = preset('ring8', 1000, seed);
  const e = await ganLab.create({ settings: { ...GAN_DEFAULTS, ...GAN_COLLAPSE_SETTINGS }, data, seed });
  const check = ganLabDef.checks.find((c) => c.id === 'gan-collapse')!;
  const ctx = () => ({ metrics: e.metrics(), iteration: e.iteration, settings: {}, losses: {}, data });
  e.train(50);
  expect(check.verify(ctx()).passed).toBe(false);
  e.train(300);
  expect(check.verify(ctx())).toEqual({
    passed: true,
    detail: expect.stringMatching(/^Collapsed: [012] modes? covered/),
  });
  e.dispose();
}, 20_000);
