import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, expect, test } from 'vitest';
import { preset } from '../../../../preload/labs/data';
import { createFlow, FLOW_DEFAULTS, flowLab } from '../../../../preload/labs/flow';
import { labsTf } from '../../../../preload/labs/tf';
import { flowLabDef } from './def';

beforeAll(async () => {
  await labsTf();
});

test('the definition matches the engine: its fields, its chart series, 4–6 guide steps, 2–3 checks', async () => {
  const flow = await createFlow({ settings: FLOW_DEFAULTS, data: preset('two-moons', 200), seed: 1 });
  expect(flowLabDef.series.map((s) => s.key)).toEqual(Object.keys(flow.train(1)));
  for (const f of flowLabDef.fields) expect(Object.keys(flowLab.defaults)).toContain(f.key);
  expect(flowLabDef.guide.length).toBeGreaterThanOrEqual(4);
  expect(flowLabDef.guide.length).toBeLessThanOrEqual(6);
  expect(flowLabDef.checks.length).toBeGreaterThanOrEqual(2);
  expect(flowLabDef.checks.length).toBeLessThanOrEqual(3);
  flow.dispose();
});

test('the picture renders a real snapshot: the canvas with its hash, the layer slider, the probe verdict', async () => {
  const data = preset('two-moons', 300);
  const flow = await createFlow({ settings: FLOW_DEFAULTS, data, seed: 2 });
  flow.train(20);
  const request = { ...flowLabDef.initialRequest, probe: [3.9, 3.9] as [number, number] };
  const html = renderToStaticMarkup(
    <flowLabDef.View
      view={flow.view(request)}
      data={data}
      request={request}
      setRequest={() => {}}
      metrics={null}
      settings={FLOW_DEFAULTS as unknown as Record<string, unknown>}
      size={320}
    />,
  );
  expect(html).toMatch(/data-testid="lab-picture" data-hash="[0-9a-f]+"/);
  expect(html).toContain('data-testid="flow-layer"');
  expect(html).toContain('Data space (all 8 layers)');
  expect(html).toMatch(/data-testid="flow-probe" data-state="outlier"/);
  flow.dispose();
});

test('a real two-layer run on the spiral passes “put density where there is no data”', async () => {
  const flow = await createFlow({
    settings: { ...FLOW_DEFAULTS, layers: 2 },
    data: preset('spiral', 1000),
    seed: 1,
  });
  flow.train(300);
  const check = flowLabDef.checks.find((c) => c.id === 'flow-off-data')!;
  const ctx = {
    metrics: flow.metrics(),
    iteration: flow.iteration,
    settings: {},
    losses: {},
    data: preset('spiral'),
  };
  expect(check.verify(ctx).passed).toBe(true);
  expect(check.verify({ ...ctx, iteration: 10 }).passed).toBe(false);
  flow.dispose();
});
