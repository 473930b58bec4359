import { describe, expect, it } from 'vitest';
import {
  elboReadout,
  ellipsePx,
  GAP,
  imageLayout,
  nats,
  pointColor,
  pxX,
  pxY,
  sidePanels,
  tilePixels,
  toValue,
} from './picture';
import { legendText, requestFlags, toggled, VAE_INITIAL_REQUEST } from './request';

describe('the VAE picture’s geometry', () => {
  it('two square panels side by side: data space over [-4, 4]², latent space over ±4 prior σ', () => {
    const { data, latent, height } = sidePanels(408);
    expect(data).toEqual({ x: 0, y: 0, size: 200, half: 4 });
    expect(latent).toEqual({ x: 200 + GAP, y: 0, size: 200, half: 4 });
    expect(height).toBe(200);
    expect(pxX(data, -4)).toBe(0);
    expect(pxX(latent, 0)).toBe(308);
    expect(pxY(data, 4)).toBe(0);
    expect(pxY(data, -4)).toBe(200);
  });

  it('canvas px → values inverts values → px, and a click outside a panel is nothing', () => {
    const { data } = sidePanels(500);
    const v = toValue(data, pxX(data, 1.25), pxY(data, -2.5))!;
    expect(v[0]).toBeCloseTo(1.25, 10);
    expect(v[1]).toBeCloseTo(-2.5, 10);
    expect(toValue(data, 400, 10)).toBeNull();
  });

  it('a posterior ellipse has radii of kσ in px, never under half a pixel', () => {
    const { latent } = sidePanels(408); // 25 px per unit
    expect(ellipsePx(latent, [1, -1], [0.2, 0.4], 2)).toEqual({
      cx: pxX(latent, 1),
      cy: pxY(latent, -1),
      rx: 10,
      ry: 20,
    });
    expect(ellipsePx(latent, [0, 0], [0.001, 0.001]).rx).toBe(0.5);
  });

  it('points on different sides of the plane get different colours', () => {
    expect(pointColor(2, 0)).not.toBe(pointColor(-2, 0));
    expect(pointColor(0, 2)).toMatch(/^hsl\(90, 70%, \d+%\)$/);
  });

  it('image tiles: ink is light, background dark, a 1 px gap between tiles', () => {
    const v = new Float32Array(2 * 4);
    v[0] = 1; // first tile's top-left pixel
    const t = tilePixels(v, 2, 2, 2);
    expect([t.width, t.height]).toEqual([5, 2]);
    expect(t.pixels[0]).toBe(232);
    expect(t.pixels[4]).toBe(24); // ink 0
    expect(t.pixels[8]).toBe(42); // the gap
    const lay = imageLayout(408);
    expect(lay.left.y).toBe(lay.strip.height + GAP);
    expect(lay.height).toBe(lay.left.y + lay.left.size);
  });

  it('the ELBO readout takes the metrics as they are, with a real minus sign', () => {
    expect(elboReadout(null)).toBeNull();
    const r = elboReadout({ recon: 1.5, kl: 3, elbo: -1.5, logMarginal: -1.2, gap: 0.3 })!;
    expect(r).toEqual({ recon: 1.5, kl: 3, elbo: -1.5, logMarginal: -1.2, gap: 0.3 });
    expect(elboReadout({ recon: -60, kl: 5, elbo: -65 })!.logMarginal).toBeNull();
    expect(nats(-1.234)).toBe('−1.23');
    expect(nats(undefined)).toBe('–');
  });
});

describe('the VAE picture’s request', () => {
  it('toggles ask the worker for less (samples 0, no manifold) and back', () => {
    expect(requestFlags(VAE_INITIAL_REQUEST)).toEqual({ samples: true, manifold: true });
    const off = toggled(toggled(VAE_INITIAL_REQUEST, 'samples'), 'manifold');
    expect(off).toEqual({ points: 150, samples: 0, manifold: false });
    expect(toggled(toggled(off, 'samples'), 'manifold')).toEqual(VAE_INITIAL_REQUEST);
    expect(legendText(null)).toContain('ellipse');
  });
});
