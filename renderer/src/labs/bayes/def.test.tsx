import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bayesLab, type BayesRequest, type BayesView } from '../../../../preload/labs/bayes';
import { BAYES_DEFAULTS } from '../../../../preload/labs/bayes-types';
import { preset } from '../../../../preload/labs/data';
import { labsTf } from '../../../../preload/labs/tf';
import type { LabEngine } from '../../../../preload/labs/types';
import type { CheckContext } from '../lab-def';
import { nats } from '../vae/picture';
import { BAYES_CHECKS } from './checks';
import { bayesLabDef } from './def';

const SMALL = { ...BAYES_DEFAULTS, width: 32, batchSize: 64 };
const data = preset('two-moons', 600);
const check = (id: string) => BAYES_CHECKS.find((c) => c.id === id)!;
const ctx = (metrics: Record<string, number>): CheckContext => ({
  metrics,
  settings: SMALL,
  iteration: 400,
  losses: {},
  data,
});

let e: LabEngine<BayesView, BayesRequest>;
beforeAll(async () => {
  await labsTf();
  e = await bayesLab.create({ settings: SMALL, data, seed: 2 });
  e.train(300);
});
afterAll(() => e.dispose());

describe('the Bayesian lab definition', () => {
  it('starts with nothing observed and says so; its picture carries the hash', () => {
    expect(bayesLabDef.initialRequest.observed).toBeNull();
    expect(bayesLabDef.guide.length).toBeGreaterThanOrEqual(4);
    expect(bayesLabDef.guide.length).toBeLessThanOrEqual(6);
    const html = renderToStaticMarkup(
      <bayesLabDef.View
        view={e.view(bayesLabDef.initialRequest)}
        data={data}
        request={bayesLabDef.initialRequest}
        setRequest={() => {}}
        metrics={null}
        settings={SMALL}
        size={408}
      />,
    );
    expect(html).toMatch(/data-testid="lab-picture" data-hash="[0-9a-f]{8}"/);
    expect(html).toContain('data-testid="bayes-gap">–<');
  });

  it('with a point observed, the numbers on the page are the engine’s: log p(x), ELBO, gap, KL on the grid', () => {
    const request: BayesRequest = {
      ...bayesLabDef.initialRequest,
      observed: [data.points[0]!, data.points[1]!],
    };
    const view = e.view(request);
    const n = view.posterior!.numbers;
    const html = renderToStaticMarkup(
      <bayesLabDef.View
        view={view}
        data={data}
        request={request}
        setRequest={() => {}}
        metrics={null}
        settings={SMALL}
        size={408}
      />,
    );
    expect(html).toContain(`data-testid="bayes-gap">${nats(n.gap, 3)}<`);
    expect(html).toContain(`data-testid="bayes-kl">${nats(n.klGrid, 3)}<`);
    expect(html).toContain(`data-testid="bayes-logpx">${nats(n.logPx)}<`);
    expect(html).toContain(`data-testid="bayes-elbo">${nats(n.elbo)}<`);
    expect(html).toContain('data-testid="bayes-acceptance">');
    expect(html).toContain(`data-observed="${view.posterior!.observed.join(',')}"`);
  });

  it('"find a point whose posterior has two bumps" passes on a point the live model finds ambiguous, not on a typical one', () => {
    e.view({ observed: [data.points[0]!, data.points[1]!] });
    expect(check('bayes-two-bumps').verify(ctx(e.metrics())).passed).toBe(false);
    const candidates: [number, number][] = [-2, 0, 2].flatMap((x) =>
      [-2, 2, 3].map((y) => [x, y] as [number, number]),
    );
    const passed = candidates.filter((p) => {
      e.view({ observed: p, grid: 48 });
      return check('bayes-two-bumps').verify(ctx(e.metrics())).passed;
    });
    expect(passed.length).toBeGreaterThan(0);
  });

  it('"make the encoder’s gap smaller than 0.1 nats" reads the picked point’s gap and needs the latent in use', () => {
    expect(() => check('bayes-small-gap').verify(ctx({ kl: 2 }))).toThrow('pick a point');
    expect(check('bayes-small-gap').verify(ctx({ kl: 2, pointGap: 0.05 })).passed).toBe(true);
    expect(check('bayes-small-gap').verify(ctx({ kl: 0.2, pointGap: 0.01 })).passed).toBe(false);
    e.view({ observed: [data.points[0]!, data.points[1]!] });
    const m = e.metrics();
    const r = check('bayes-small-gap').verify(ctx(m));
    expect(r.passed).toBe(m.pointGap! < 0.1 && m.kl! >= 1);
    expect(r.detail).toContain(nats(m.pointGap, 3));
  });
});
