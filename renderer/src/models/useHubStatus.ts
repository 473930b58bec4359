/**
 * Where the hub is and the token for gated models (`hub.status`, `hub.setToken`), and Atelier's
 * curated list (`hub.curated`, which answers offline too). The token typed is sent once and never
 * read back: the page only learns whether one is kept, and where.
 */
import { useCallback, useEffect, useState } from 'react';
import type { AtelierApi, HubModelSummary } from '../../../preload/contract';
import { toErrorInfo } from '../shell/errors';
import { tokenProblem, type TokenStorage } from './token';

export interface HubStatus {
  endpoint: string | null;
  /** The host (`app.info`): where a token would be kept before one is. */
  host: string | null;
  token: { present: boolean; storage: TokenStorage } | null;
  curated: HubModelSummary[] | null;
  curatedError: string | null;
  /** The last token call's refusal (or the page's own check), a sentence. */
  tokenError: string | null;
  tokenBusy: boolean;
  /** Sends the token; answers whether it was kept. */
  saveToken: (text: string) => Promise<boolean>;
  clearToken: () => Promise<boolean>;
}

export function useHubStatus(api: AtelierApi): HubStatus {
  const [endpoint, setEndpoint] = useState<string | null>(null);
  const [host, setHost] = useState<string | null>(null);
  const [token, setToken] = useState<HubStatus['token']>(null);
  const [curated, setCurated] = useState<HubModelSummary[] | null>(null);
  const [curatedError, setCuratedError] = useState<string | null>(null);
  const [tokenError, setTokenError] = useState<string | null>(null);
  const [tokenBusy, setTokenBusy] = useState(false);

  const refresh = useCallback(
    () =>
      api.hub.status().then((s) => {
        setEndpoint(s.endpoint);
        setToken(s.token);
      }),
    [api],
  );

  useEffect(() => {
    let live = true;
    api.hub.status().then(
      (s) => {
        if (!live) return;
        setEndpoint(s.endpoint);
        setToken(s.token);
      },
      (err: unknown) => {
        if (live) setTokenError(toErrorInfo(err).message);
      },
    );
    api.app.info().then(
      (i) => {
        if (live) setHost(i.host);
      },
      () => {},
    );
    api.hub.curated().then(
      ({ models }) => {
        if (live) setCurated(models);
      },
      (err: unknown) => {
        if (live) setCuratedError(toErrorInfo(err).message);
      },
    );
    return () => {
      live = false;
    };
  }, [api]);

  const send = useCallback(
    async (value: string | null): Promise<boolean> => {
      setTokenBusy(true);
      setTokenError(null);
      try {
        await api.hub.setToken({ token: value });
        await refresh();
        return true;
      } catch (err) {
        setTokenError(toErrorInfo(err).message);
        return false;
      } finally {
        setTokenBusy(false);
      }
    },
    [api, refresh],
  );

  const saveToken = useCallback(
    async (text: string): Promise<boolean> => {
      const problem = tokenProblem(text);
      if (problem) {
        setTokenError(problem);
        return false;
      }
      return send(text.trim());
    },
    [send],
  );

  return {
    endpoint,
    host,
    token,
    curated,
    curatedError,
    tokenError,
    tokenBusy,
    saveToken,
    clearToken: () => send(null),
  };
}
