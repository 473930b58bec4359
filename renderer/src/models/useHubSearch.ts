/**
 * The Models view's search: the box as typed, the task filter, the hub's answer for the last search
 * (the newest answer wins), and the call's error as one line (the hub cannot be reached, …). The
 * first search runs when the view first shows; a new filter searches again, and so does a studio's
 * "Find models…" (`wanted`: its task, with the view request's number).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AtelierApi, HubModelSummary } from '../../../preload/contract';
import { toErrorInfo } from '../shell/errors';
import { searchInput, type TaskFilter } from './search';

export interface HubSearch {
  query: string;
  setQuery: (q: string) => void;
  filter: TaskFilter;
  /** A new filter searches again with the last searched words. */
  setFilter: (f: TaskFilter) => void;
  /** The last search's results; null before one answered. */
  results: HubModelSummary[] | null;
  /** What the last search searched for ("" = the most downloaded). */
  searched: string | null;
  busy: boolean;
  /** The last search's failure, a sentence. */
  error: string | null;
  /** Searches for the box's words under the filter. */
  submit: () => void;
}

export function useHubSearch(
  api: AtelierApi,
  active: boolean,
  wanted: { filter: TaskFilter; n: number } | null,
): HubSearch {
  const [query, setQuery] = useState('');
  const [filter, setFilterState] = useState<TaskFilter>('all');
  const [results, setResults] = useState<HubModelSummary[] | null>(null);
  const [searched, setSearched] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const lastWords = useRef('');

  const run = useCallback(
    (words: string, f: TaskFilter) => {
      const n = ++seq.current;
      lastWords.current = words;
      setBusy(true);
      api.hub.search(searchInput(words, f)).then(
        ({ models }) => {
          if (n !== seq.current) return;
          setResults(models);
          setSearched(words.trim());
          setError(null);
          setBusy(false);
        },
        (err: unknown) => {
          if (n !== seq.current) return;
          setResults(null);
          setSearched(words.trim());
          setError(toErrorInfo(err).message);
          setBusy(false);
        },
      );
    },
    [api],
  );

  // A studio's "Find models…" sets the filter; else the first search (the most downloaded ONNX
  // models) runs when the view first shows.
  const started = useRef(false);
  const seen = useRef(0);
  useEffect(() => {
    if (wanted && wanted.n > seen.current) {
      seen.current = wanted.n;
      started.current = true;
      setFilterState(wanted.filter);
      run(lastWords.current, wanted.filter);
      return;
    }
    if (!active || started.current) return;
    started.current = true;
    run(lastWords.current, filter);
  }, [active, run, filter, wanted]);

  const setFilter = useCallback(
    (f: TaskFilter) => {
      setFilterState(f);
      started.current = true;
      run(lastWords.current, f);
    },
    [run],
  );

  const submit = useCallback(() => {
    started.current = true;
    run(query, filter);
  }, [run, query, filter]);

  return { query, setQuery, filter, setFilter, results, searched, busy, error, submit };
}
