/**
 * "Run on workers" in the Images tab: the request asks for workers only when the box is ticked
 * and the host has a queue (a choice kept in storage from another host is not sent), and the
 * choice is kept with the form.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_FORMS, restoreForms } from './form';
import { imagesRequest } from './ImagesPanel';

const images = { ...DEFAULT_FORMS.images, input: '/data/in', out: '/data/out' };

describe('imagesRequest', () => {
  it('asks for workers when ticked on a host with a queue', () => {
    const r = imagesRequest({ ...images, workers: true }, true);
    expect(r.ok && r.request.workers).toBe(true);
  });

  it('runs here when not ticked, or when the host has no queue', () => {
    for (const [workers, host] of [
      [false, true],
      [true, false],
      [false, false],
    ] as const) {
      const r = imagesRequest({ ...images, workers }, host);
      expect(r.ok && 'workers' in r.request).toBe(false);
    }
  });

  it('keeps the page’s problems whatever the box says', () => {
    const r = imagesRequest({ ...images, k: '0', workers: true }, true);
    expect(r.ok).toBe(false);
  });
});

describe('the form', () => {
  it('starts unticked and restores a kept choice', () => {
    expect(DEFAULT_FORMS.images.workers).toBe(false);
    expect(restoreForms({ images: { workers: true } }).images.workers).toBe(true);
    expect(restoreForms({ images: { workers: 'yes' } }).images.workers).toBe(false);
  });
});
