/**
 * The diffusion lab's picture: the data noised to step t of the forward process (a slider), the
 * learned score −ε̂/σ_t there as arrows, and the reverse process: particles' paths from noise to
 * data, fading in as they go, by DDPM or DDIM at a chosen number of steps, with the samples they
 * end on. Plain canvas 2-D, redrawn once per snapshot.
 */
import { useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import type {
  DiffusionRequest,
  DiffusionView as DiffusionSnapshot,
} from '../../../../preload/labs/diffusion-view';
import { viewHash } from '../hash';
import type { LabViewProps } from '../lab-def';
import { hiDpiContext } from '../picture/canvas';
import { Toggle } from '../picture/Toggle';
import '../picture/picture.css';
import { drawDiffusion } from './draw';
import { stepText } from './picture';
import { TRAJECTORY_PARTICLES, withSampler, withSteps } from './request';
import './diffusion.css';

export function DiffusionView({
  view,
  request,
  setRequest,
  settings,
  size,
}: LabViewProps<DiffusionSnapshot, DiffusionRequest>): ReactElement {
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const [showSamples, setShowSamples] = useState(true);
  const T = view?.T ?? (typeof settings.steps === 'number' ? settings.steps : 100);
  const t = Math.min(T, request.t ?? 0);
  const sampler = request.sampler ?? 'ddim';
  const arrows = request.arrows ?? true;
  const trajectories = (request.particles ?? TRAJECTORY_PARTICLES) > 0;
  const hash = useMemo(() => (view ? viewHash([view.t, view.samples, view.arrowVec]) : ''), [view]);
  const [stepsText, setStepsText] = useState(String(request.steps ?? 20));

  useEffect(() => {
    const fit = hiDpiContext(canvasRef.current, size);
    if (!fit) return;
    const { ctx } = fit;
    drawDiffusion(ctx, view, size, { arrows, trajectories, samples: showSamples });
  }, [view, size, arrows, trajectories, showSamples]);

  return (
    <div className="lab-view" style={{ width: size }}>
      <canvas
        ref={canvasRef}
        className="lab-canvas"
        data-testid="lab-picture"
        data-hash={hash}
        data-t={view?.t ?? ''}
        style={{ width: size, height: size }}
        aria-label="The data noised to step t, the learned score as arrows, and reverse trajectories from noise to samples"
      />
      <div className="lab-controls" role="group" aria-label="Forward process">
        <label className="diffusion-t" title="The forward process: the data noised to step t">
          t
          <input
            type="range"
            data-testid="diffusion-t"
            min={0}
            max={T}
            step={1}
            value={t}
            onChange={(e) => setRequest({ ...request, t: Number(e.target.value) })}
          />
        </label>
        <Toggle
          testId="diffusion-arrows"
          title="The learned score −ε̂(x, t)/σ_t: which way denoising pushes each point at this t"
          checked={arrows}
          onChange={() => setRequest({ ...request, arrows: !arrows })}
        >
          Score arrows
        </Toggle>
      </div>
      <p className="lab-readout diffusion-readout muted" data-testid="diffusion-step">
        {view ? stepText(view.t, view.T, view.alphaBar) : '–'}
      </p>
      <div className="lab-controls" role="group" aria-label="Reverse process">
        <label title="DDPM: every one of the T steps, fresh noise each step. DDIM: deterministic, any number of steps.">
          Sampler
          <select
            data-testid="diffusion-sampler"
            value={sampler}
            onChange={(e) => setRequest(withSampler(request, e.target.value))}
          >
            <option value="ddpm">DDPM ({T} steps)</option>
            <option value="ddim">DDIM</option>
          </select>
        </label>
        {sampler === 'ddim' && (
          <label className="diffusion-steps" title={`DDIM steps (1 to ${T})`}>
            steps
            <input
              type="number"
              data-testid="diffusion-steps"
              min={1}
              max={T}
              value={stepsText}
              onChange={(e) => {
                setStepsText(e.target.value);
                setRequest(withSteps(request, e.target.value, T));
              }}
            />
          </label>
        )}
        <Toggle
          testId="diffusion-trajectories"
          title="Paths of a few particles from noise (faint) to data (bright)"
          checked={trajectories}
          onChange={() => setRequest({ ...request, particles: trajectories ? 0 : TRAJECTORY_PARTICLES })}
        >
          Trajectories
        </Toggle>
        <Toggle
          testId="diffusion-samples"
          title="Where the sampler's particles end"
          checked={showSamples}
          onChange={() => setShowSamples(!showSamples)}
        >
          Samples
        </Toggle>
      </div>
      <p className="lab-readout diffusion-readout muted" data-testid="diffusion-sampled">
        {view
          ? `${view.samples.length / 2} samples by ${view.sampler.toUpperCase()} in ${view.steps} steps`
          : ''}
      </p>
    </div>
  );
}
