/**
 * The picture's side: the largest square that fits its stage with room under it for the lab's
 * own toggles and legend (kept between 240 and 760 CSS pixels).
 */
import { useEffect, useState, type RefObject } from 'react';

export const MIN_PICTURE = 240;
export const MAX_PICTURE = 760;
/** Room under the square for a lab's toggles and legend. */
export const UNDER_PICTURE = 72;

export function usePictureSize(stage: RefObject<HTMLElement | null>): number {
  const [size, setSize] = useState(480);
  useEffect(() => {
    const el = stage.current;
    if (!el) return;
    const measure = (): void => {
      const side = Math.floor(Math.min(el.clientWidth, el.clientHeight - UNDER_PICTURE));
      // A hidden studio measures 0: keep the last size.
      if (side > 0) setSize(Math.max(MIN_PICTURE, Math.min(MAX_PICTURE, side)));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [stage]);
  return size;
}
