/**
 * What an augment output folder shows once a run is done: its card (`datasets.card`, on
 * request) and a sample grid (`datasets.samples`: real sources beside their synthetic items) as
 * object URLs, revoked when replaced or unmounted. Answers for an older folder are dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AtelierApi, DatasetsCard, ErrorInfo } from '../../../preload/contract';
import { toErrorInfo } from '../shell/errors';
import { groupSamples, type SampleGroup } from './results';

export interface ShownSample {
  fileName: string;
  label: string;
  method: string;
  url: string;
}
export interface ShownGroup extends Omit<SampleGroup, 'real' | 'synthetic'> {
  real: ShownSample | null;
  synthetic: ShownSample[];
}

export interface OutputView {
  card: DatasetsCard | null;
  cardError: ErrorInfo | null;
  openCard: () => void;
  closeCard: () => void;
  groups: ShownGroup[] | null;
  samplesError: ErrorInfo | null;
}

/** `samplesOf`: the folder whose samples to show (null: none); `cardOf`: the folder whose card Open card reads. */
export function useOutput(
  api: AtelierApi,
  samplesOf: string | null,
  files: readonly string[] | undefined,
  cardOf: string,
): OutputView {
  const fileKey = files?.join('\n') ?? '';
  // Each answer is kept with the request it answers: one for another folder is not shown.
  const sampleKey = `${samplesOf ?? ''}\u0000${fileKey}`;
  const [samples, setSamples] = useState<{
    key: string;
    groups: ShownGroup[] | null;
    error: ErrorInfo | null;
  }>();
  const [card, setCard] = useState<{ key: string; card: DatasetsCard | null; error: ErrorInfo | null }>();

  useEffect(() => {
    if (!samplesOf) return;
    let live = true;
    const urls: string[] = [];
    const list = fileKey ? fileKey.split('\n') : undefined;
    api.datasets.samples({ out: samplesOf, ...(list ? { files: list } : { limit: 48 }) }).then(
      (answer) => {
        if (!live) return;
        const shown = (s: (typeof answer)[number]): ShownSample => {
          const url = URL.createObjectURL(new Blob([s.png], { type: 'image/png' }));
          urls.push(url);
          return { fileName: s.fileName, label: s.label, method: s.method, url };
        };
        const groups = groupSamples(answer).map((g) => ({
          ...g,
          real: g.real ? shown(g.real) : null,
          synthetic: g.synthetic.map(shown),
        }));
        setSamples({ key: sampleKey, groups, error: null });
      },
      (err: unknown) => {
        if (live) setSamples({ key: sampleKey, groups: null, error: toErrorInfo(err) });
      },
    );
    return () => {
      live = false;
      urls.forEach((u) => URL.revokeObjectURL(u));
    };
  }, [api, samplesOf, fileKey, sampleKey]);

  const latestCard = useRef(cardOf);
  useEffect(() => {
    latestCard.current = cardOf;
  });
  const openCard = useCallback(() => {
    const key = cardOf;
    api.datasets.card({ out: key }).then(
      (c) => {
        if (latestCard.current === key) setCard({ key, card: c, error: null });
      },
      (err: unknown) => {
        if (latestCard.current === key) setCard({ key, card: null, error: toErrorInfo(err) });
      },
    );
  }, [api, cardOf]);
  const closeCard = useCallback(() => setCard(undefined), []);

  const shownSamples = samples?.key === sampleKey ? samples : null;
  const shownCard = card?.key === cardOf ? card : null;
  return {
    card: shownCard?.card ?? null,
    cardError: shownCard?.error ?? null,
    openCard,
    closeCard,
    groups: shownSamples?.groups ?? null,
    samplesError: shownSamples?.error ?? null,
  };
}
