import { useEffect, useState } from 'react';
import type { AtelierApi } from '../../../preload/contract';
import { assetBlob } from './assets';

/**
 * An object URL for a generation's thumbnail, revoked when the card goes or the id changes.
 * Null id: the card has no thumbnail (text records), nothing is fetched.
 */
export function useThumbnail(api: AtelierApi, id: string | null): { url: string | null; failed: boolean } {
  const [state, setState] = useState<{ id: string; url: string | null; failed: boolean } | null>(null);

  useEffect(() => {
    if (id === null) return;
    let live = true;
    let url: string | null = null;
    assetBlob(api, id, 'thumbnail').then(
      (blob) => {
        if (!live) return;
        url = URL.createObjectURL(blob);
        setState({ id, url, failed: false });
      },
      () => {
        if (live) setState({ id, url: null, failed: true });
      },
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [api, id]);

  return state && state.id === id ? state : { url: null, failed: false };
}
