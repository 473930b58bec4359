/**
 * Live previews: the latest `image.preview` per job (older ones are dropped: only the newest is
 * drawn, once per animation frame) and a cheap hash of drawn pixels (tests see previews change).
 */
import type { ImagePreview, PixelImage } from '../../../preload/contract';

/** FNV-1a over at most ~4096 evenly spaced bytes, as 8 hex digits. */
export function pixelHash(img: PixelImage): string {
  const px = img.pixels;
  const stride = Math.max(1, Math.floor(px.length / 4096));
  let h = 0x811c9dc5;
  for (let i = 0; i < px.length; i += stride) {
    h ^= px[i]!;
    h = Math.imul(h, 0x01000193);
  }
  h ^= img.width * 31 + img.height;
  h = Math.imul(h, 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Latest preview per job, for the jobs we started; taking them empties the store. */
export class PreviewStore {
  private latest = new Map<string, ImagePreview>();

  /** Keeps `p` if it is for a wanted job and newer than what is kept; true when kept. */
  put(p: ImagePreview, wanted: (jobId: string) => boolean): boolean {
    if (!wanted(p.jobId)) return false;
    const prev = this.latest.get(p.jobId);
    if (prev && prev.step > p.step) return false;
    this.latest.set(p.jobId, p);
    return true;
  }

  take(): ImagePreview[] {
    const out = [...this.latest.values()];
    this.latest.clear();
    return out;
  }

  drop(jobId: string): void {
    this.latest.delete(jobId);
  }

  get size(): number {
    return this.latest.size;
  }
}

/** "Step 3 / 40", or "Queued" / "Starting…" before the first step. */
export function stepText(state: 'queued' | 'running', step: number, steps: number): string {
  if (state === 'queued') return 'Queued';
  if (step <= 0) return 'Starting…';
  return `Step ${step} / ${steps}`;
}
