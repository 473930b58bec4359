import { useEffect, useEffectEvent, useState } from 'react';
import type { AtelierApi } from '../../../preload/contract';
import { assetBlob, imageFromBlob } from '../shell/assets';

export interface LoadedImage {
  /** The generation whose image this is. */
  id: string;
  image: HTMLImageElement | null;
  failed: boolean;
}

/** Loads a generation's full image for the canvas; null until it has loaded (or failed). */
export function useGenerationImage(
  api: AtelierApi,
  id: string | null,
  onError: (err: unknown) => void,
): LoadedImage | null {
  const [loaded, setLoaded] = useState<LoadedImage | null>(null);
  const reportError = useEffectEvent(onError);

  useEffect(() => {
    if (!id) return;
    let live = true;
    assetBlob(api, id, 'image')
      .then(imageFromBlob)
      .then(
        (image) => {
          if (live) setLoaded({ id, image, failed: false });
        },
        (err: unknown) => {
          if (!live) return;
          setLoaded({ id, image: null, failed: true });
          reportError(err);
        },
      );
    return () => {
      live = false;
    };
  }, [api, id]);

  return loaded && loaded.id === id ? loaded : null;
}
