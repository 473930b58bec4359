/**
 * The VAE lab's picture: data space beside latent space (or, for glyphs, reconstructions,
 * samples and the decoded latent grid), layer toggles, and the ELBO's parts beside the exact
 * log p(x) under it. Plain canvas 2-D, redrawn once per snapshot.
 */
import { useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import type { VaeRequest, VaeView as VaeSnapshot } from '../../../../preload/labs/vae-types';
import { viewHash } from '../hash';
import type { LabViewProps } from '../lab-def';
import { hiDpiContext } from '../picture/canvas';
import { Toggle } from '../picture/Toggle';
import '../picture/picture.css';
import { drawPoints, makeLayers, type Layers } from './draw';
import { drawImages } from './draw-images';
import { elboReadout, imageLayout, nats, sidePanels } from './picture';
import { legendText, requestFlags, toggled } from './request';
import './vae.css';

export function VaeView({
  view,
  data,
  request,
  setRequest,
  metrics,
  settings,
  size,
}: LabViewProps<VaeSnapshot, VaeRequest>): ReactElement {
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const layersRef = useRef<Layers | null>(null);
  const [recon, setRecon] = useState(true);
  const [right, setRight] = useState<'grid' | 'scatter'>('grid');
  const images = data.dim > 2;
  const flags = requestFlags(request);
  const { samples, manifold } = flags;
  const height = images ? imageLayout(size).height : sidePanels(size).height;
  const hash = useMemo(() => (view ? viewHash(view) : ''), [view]);

  useEffect(() => {
    const fit = hiDpiContext(canvasRef.current, size, height);
    if (!fit) return;
    const { ctx, dpr } = fit;
    layersRef.current ??= makeLayers();
    if (images) drawImages(ctx, layersRef.current, view?.mode === 'images' ? view : null, size, right);
    else
      drawPoints(ctx, layersRef.current, view?.mode === 'points' ? view : null, data, size, dpr, {
        samples,
        manifold,
        recon,
      });
  }, [view, data, size, height, images, samples, manifold, recon, right]);

  const readout = elboReadout(metrics);
  const beta = typeof settings.beta === 'number' ? settings.beta : 1;
  return (
    <div className="lab-view" style={{ width: size }}>
      <canvas
        ref={canvasRef}
        className="lab-canvas"
        data-testid="lab-picture"
        data-hash={hash}
        data-iteration={view?.iteration ?? 0}
        style={{ width: size, height }}
        aria-label={
          images ? 'Glyphs, their reconstructions and decoded samples' : 'Data space and latent space'
        }
      />
      <div className="lab-controls" role="group" aria-label="Layers">
        {images ? (
          view?.mode === 'images' &&
          view.latentGrid && (
            <label title="What the right panel shows">
              <select
                data-testid="vae-right-panel"
                value={right}
                onChange={(e) => setRight(e.target.value as 'grid' | 'scatter')}
              >
                <option value="grid">Decoded latent grid</option>
                <option value="scatter">Where the encoder puts each glyph</option>
              </select>
            </label>
          )
        ) : (
          <>
            <Toggle
              testId="vae-toggle-samples"
              title="Draws from the model: z ~ N(0, I), then x ~ p(x|z)"
              checked={flags.samples}
              onChange={() => setRequest(toggled(request, 'samples'))}
            >
              Samples
            </Toggle>
            <Toggle
              testId="vae-toggle-manifold"
              title="Where the decoder sends grid lines of the latent space"
              checked={flags.manifold}
              onChange={() => setRequest(toggled(request, 'manifold'))}
            >
              Manifold
            </Toggle>
            <Toggle
              testId="vae-toggle-recon"
              title="Each point joined to the decoder's mean at its posterior mean"
              checked={recon}
              onChange={() => setRecon(!recon)}
            >
              Reconstructions
            </Toggle>
          </>
        )}
      </div>
      <dl className="vae-numbers" data-testid="vae-numbers" aria-label="The ELBO's parts, per point, in nats">
        <div title="E_q[log p(x|z)]: how well x is rebuilt from its code">
          <dt>reconstruction</dt>
          <dd data-testid="vae-recon">{nats(readout?.recon)}</dd>
        </div>
        <div title="KL(q(z|x) ‖ p(z)): what the code costs (weighted by β in the loss)">
          <dt>KL</dt>
          <dd data-testid="vae-kl">{nats(readout?.kl, 3)}</dd>
        </div>
        <div title="reconstruction − KL (β = 1): a lower bound on log p(x)">
          <dt>ELBO</dt>
          <dd data-testid="vae-elbo">{nats(readout?.elbo)}</dd>
        </div>
        {!images && (
          <>
            <div title="log ∫ p(x|z) p(z) dz, summed over a fine grid of the latent: exact">
              <dt>log p(x)</dt>
              <dd data-testid="vae-logpx">{nats(readout?.logMarginal)}</dd>
            </div>
            <div title="log p(x) − ELBO = the mean KL(q(z|x) ‖ p(z|x)): what the encoder's Gaussian misses">
              <dt>gap</dt>
              <dd data-testid="vae-gap">{nats(readout?.gap, 3)}</dd>
            </div>
          </>
        )}
        <div>
          <dt>β</dt>
          <dd data-testid="vae-beta">{beta}</dd>
        </div>
      </dl>
      <p className="lab-readout muted" data-testid="vae-legend">
        {legendText(view)}
      </p>
    </div>
  );
}
