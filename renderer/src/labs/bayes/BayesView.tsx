/**
 * The Bayesian lab's picture: click a point in data space; latent space answers where it came
 * from three ways (the exact grid posterior, the encoder's Gaussian, MCMC draws), and the
 * numbers under it show log p(x), the ELBO and the gap between them, which is KL(q ‖ p(z|x)).
 */
import { useEffect, useMemo, useRef, useState, type ReactElement, type MouseEvent } from 'react';
import type { BayesRequest, BayesView as BayesSnapshot } from '../../../../preload/labs/bayes-types';
import type { McmcMethod } from '../../../../preload/labs/mcmc';
import { viewHash } from '../hash';
import type { LabViewProps } from '../lab-def';
import { hiDpiContext } from '../picture/canvas';
import { Toggle } from '../picture/Toggle';
import '../picture/picture.css';
import { makeLayers, type Layers } from '../vae/draw';
import { nats, sidePanels } from '../vae/picture';
import '../vae/vae.css';
import { drawBayes, MARKS } from './draw';
import { agreement, clickRequest, pair } from './picture';
import { BAYES_MCMC_SAMPLES, withMcmc } from './request';

export function BayesView({
  view,
  data,
  request,
  setRequest,
  size,
}: LabViewProps<BayesSnapshot, BayesRequest>): ReactElement {
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const layersRef = useRef<{ layers: Layers; heat: HTMLCanvasElement } | null>(null);
  const [show, setShow] = useState({ heatmap: true, q: true, mcmc: true });
  const height = sidePanels(size).height;
  const hash = useMemo(() => (view ? viewHash(view) : ''), [view]);
  const post = view?.posterior ?? null;

  useEffect(() => {
    const fit = hiDpiContext(canvasRef.current, size, height);
    if (!fit) return;
    const { ctx, dpr } = fit;
    layersRef.current ??= { layers: makeLayers(), heat: document.createElement('canvas') };
    drawBayes(ctx, layersRef.current.layers, layersRef.current.heat, view, data, size, dpr, show);
  }, [view, data, size, height, show]);

  const onClick = (e: MouseEvent<HTMLCanvasElement>): void => {
    const r = e.currentTarget.getBoundingClientRect();
    const next = clickRequest(request, sidePanels(size).data, e.clientX - r.left, e.clientY - r.top);
    if (next) setRequest(next);
  };
  const toggle = (key: keyof typeof show) => () => setShow({ ...show, [key]: !show[key] });
  const method = request.mcmc?.method ?? 'metropolis';
  const n = post?.numbers;

  return (
    <div className="lab-view" style={{ width: size }}>
      <canvas
        ref={canvasRef}
        className="lab-canvas is-crosshair"
        data-testid="lab-picture"
        data-hash={hash}
        data-observed={post ? post.observed.join(',') : ''}
        style={{ width: size, height }}
        onClick={onClick}
        aria-label="Data space (click a point) and its posterior in latent space"
      />
      <div className="lab-controls" role="group" aria-label="Answers">
        <Toggle
          testId="bayes-toggle-heatmap"
          title="The exact posterior p(z|x) ∝ p(z) p(x|z) on the grid"
          checked={show.heatmap}
          onChange={toggle('heatmap')}
        >
          Exact (grid)
        </Toggle>
        <Toggle
          testId="bayes-toggle-q"
          title="The encoder's amortized Gaussian q(z|x): 1σ and 2σ"
          checked={show.q}
          onChange={toggle('q')}
        >
          <span style={{ color: MARKS.q }}>Encoder q(z|x)</span>
        </Toggle>
        <Toggle
          testId="bayes-toggle-mcmc"
          title="Draws from p(z|x) by Markov chain Monte Carlo"
          checked={show.mcmc}
          onChange={toggle('mcmc')}
        >
          <span style={{ color: MARKS.mcmc }}>MCMC</span>
        </Toggle>
        <label>
          <select
            data-testid="bayes-mcmc-method"
            value={method}
            onChange={(e) => setRequest(withMcmc(request, { method: e.target.value as McmcMethod }))}
          >
            <option value="metropolis">Metropolis</option>
            <option value="hmc">HMC</option>
          </select>
        </label>
        <label>
          <select
            data-testid="bayes-mcmc-samples"
            value={request.mcmc?.samples ?? BAYES_MCMC_SAMPLES[1]}
            onChange={(e) => setRequest(withMcmc(request, { samples: Number(e.target.value) }))}
          >
            {BAYES_MCMC_SAMPLES.map((s) => (
              <option key={s} value={s}>
                {s} draws
              </option>
            ))}
          </select>
        </label>
      </div>
      <dl className="vae-numbers" data-testid="bayes-numbers">
        <div title="The point you picked">
          <dt>x</dt>
          <dd data-testid="bayes-observed">{pair(post?.observed)}</dd>
        </div>
        <div title="log p(x) = log Σ p(x|z) p(z) over the grid: exact">
          <dt>log p(x)</dt>
          <dd data-testid="bayes-logpx">{nats(n?.logPx)}</dd>
        </div>
        <div title="E_q[log p(x|z)] − KL(q ‖ p(z)): the bound the encoder gives">
          <dt>ELBO(x)</dt>
          <dd data-testid="bayes-elbo">{nats(n?.elbo)}</dd>
        </div>
        <div title="log p(x) − ELBO(x): what the encoder's Gaussian costs the bound">
          <dt>gap</dt>
          <dd data-testid="bayes-gap">{nats(n?.gap, 3)}</dd>
        </div>
        <div title="KL(q(z|x) ‖ p(z|x)) summed over the grid: the gap, measured directly">
          <dt>KL(q ‖ p(z|x))</dt>
          <dd data-testid="bayes-kl">{nats(n?.klGrid, 3)}</dd>
        </div>
        <div title="Exact posterior mean (grid) · the encoder's mean · the MCMC draws' mean · the most probable cell">
          <dt>mean: exact · q · MCMC</dt>
          <dd data-testid="bayes-means">
            {pair(post?.posteriorMean)} · {pair(post?.q.mean)} · {pair(post?.mcmcMean)}
          </dd>
        </div>
        <div>
          <dt>MAP</dt>
          <dd data-testid="bayes-map">{pair(post?.map)}</dd>
        </div>
        <div title="0 = one bump; towards 1 = two equal bumps with nothing between">
          <dt>two bumps</dt>
          <dd data-testid="bayes-bimodality">{post ? post.bimodality.toFixed(2) : '–'}</dd>
        </div>
        <div title="Share of MCMC proposals accepted (the step is tuned towards a target rate)">
          <dt>accepted</dt>
          <dd data-testid="bayes-acceptance">
            {post?.mcmc ? `${Math.round(post.mcmc.acceptance * 100)} %` : '–'}
          </dd>
        </div>
      </dl>
      <p className="lab-readout muted" data-testid="bayes-legend">
        {post
          ? `Heatmap: the exact posterior · pink: the encoder’s 1σ and 2σ · yellow: MCMC draws · green cross: the most probable z (and, left, where each answer decodes back to). ${agreement(post)}`
          : 'Click anywhere in data space: the lab computes p(z|x) for that x three ways.'}
      </p>
    </div>
  );
}
