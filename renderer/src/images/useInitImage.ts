/** img2img's init image: a result (a library image) or an opened/dropped file, with its thumbnail URL. */
import { useCallback, useEffect, useState } from 'react';
import type { AtelierApi, Generation } from '../../../preload/contract';
import { assetBlob } from '../shell/assets';
import type { InitChoice } from './form';
import { imageKind, initFileProblem } from './initImage';

export type InitImage =
  | { kind: 'generation'; id: string; title: string; url: string | null }
  | { kind: 'file'; name: string; bytes: Uint8Array<ArrayBuffer>; url: string };

export interface Init {
  init: InitImage | null;
  choice: InitChoice | null;
  fromGeneration: (g: Generation) => void;
  fromFile: (file: File) => Promise<void>;
  clear: () => void;
}

export function useInitImage(api: AtelierApi, onError: (message: string) => void): Init {
  const [init, setInit] = useState<InitImage | null>(null);

  // Object URLs live as long as their init image.
  useEffect(() => {
    const url = init?.url;
    return () => {
      if (url) URL.revokeObjectURL(url);
    };
  }, [init]);

  const fromGeneration = useCallback(
    (g: Generation) => {
      setInit({ kind: 'generation', id: g.id, title: g.title, url: null });
      assetBlob(api, g.id, 'thumbnail').then(
        (blob) => {
          const url = URL.createObjectURL(blob);
          setInit((cur) => {
            if (cur?.kind === 'generation' && cur.id === g.id && cur.url === null) return { ...cur, url };
            URL.revokeObjectURL(url);
            return cur;
          });
        },
        () => {},
      );
    },
    [api],
  );

  const fromFile = useCallback(
    async (file: File) => {
      const problem = initFileProblem(file);
      if (problem) {
        onError(problem);
        return;
      }
      const bytes = new Uint8Array(await file.arrayBuffer());
      if (!imageKind(bytes)) {
        onError(`“${file.name}” is not a PNG or JPEG image.`);
        return;
      }
      setInit({ kind: 'file', name: file.name, bytes, url: URL.createObjectURL(file) });
    },
    [onError],
  );

  const choice: InitChoice | null = init
    ? { source: init.kind === 'generation' ? { generationId: init.id } : { bytes: init.bytes } }
    : null;

  return { init, choice, fromGeneration, fromFile, clear: useCallback(() => setInit(null), []) };
}
