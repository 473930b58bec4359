/** The image queue as main reports it (image.queue, then every `image.queue` event), and Cancel. */
import { useCallback, useEffect, useState } from 'react';
import type { AtelierApi, ImageQueueItem } from '../../../preload/contract';

export interface ImageQueue {
  items: ImageQueueItem[];
  /** Running: stops within one step; queued: leaves the queue before it starts. */
  cancel: (jobId: string) => void;
}

export function useImageQueue(api: AtelierApi, onError: (err: unknown) => void): ImageQueue {
  const [items, setItems] = useState<ImageQueueItem[]>([]);

  useEffect(() => {
    let live = true;
    let heard = false;
    const off = api.on('image.queue', (q) => {
      heard = true;
      setItems(q);
    });
    api.image.queue().then(
      (q) => {
        if (live && !heard) setItems(q);
      },
      () => {},
    );
    return () => {
      live = false;
      off();
    };
  }, [api]);

  const cancel = useCallback(
    (jobId: string) => {
      api.jobs.cancel({ jobId }).catch(onError);
    },
    [api, onError],
  );

  return { items, cancel };
}
