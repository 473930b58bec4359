/** The hub client's words for failures, and the repo paths it will fetch. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HubApiError } from '@huggingface/hub';
import { describe, expect, it } from 'vitest';
import { closedEndpoint } from '../../testing/hub-standin';
import { GATED_MESSAGE, HubClient, isUnreachable, safePath } from './client';

describe('hub client', () => {
  it('fetches only plain repo paths, never one that climbs out of the download folder', () => {
    for (const ok of ['model.onnx', 'onnx/model_q4.onnx', 'unet/weights.pb', 'a.b/c_d-e.json'])
      expect(safePath(ok)).toBe(true);
    for (const bad of ['../x', 'unet/../../x', '/etc/passwd', 'a//b', './a', 'c:/x', 'a\\..\\b', 'x/', ''])
      expect(safePath(bad)).toBe(false);
  });

  it('turns a refused connection into the one "cannot be reached" line', async () => {
    const url = await closedEndpoint();
    const c = new HubClient(url, () => null);
    const e = await c.fetch(`${url}/api/models`).catch((x: unknown) => x);
    expect(isUnreachable(e)).toBe(true);
    expect((e as Error).message).toBe(
      `The Hugging Face hub cannot be reached (${url}): check the connection, or import a folder instead.`,
    );
  });

  it('gives up on a hub that accepts the connection and never answers, with the same line', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((ok) => silent.listen(0, '127.0.0.1', ok));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const c = new HubClient(url, () => null, 200);
      await expect(c.search({ query: 'gpt2', tags: ['onnx'], limit: 5 })).rejects.toThrow(
        `The Hugging Face hub cannot be reached (${url})`,
      );
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('keeps the caller’s own abort an abort', async () => {
    const url = await closedEndpoint();
    const c = new HubClient(url, () => null);
    const stop = new AbortController();
    stop.abort();
    const e = await c.fetch(`${url}/`, { signal: stop.signal }).catch((x: unknown) => x);
    expect(isUnreachable(e)).toBe(false);
  });

  it('says not found, gated or the hub’s own reason for its refusals', () => {
    const c = new HubClient('https://hub.example', () => 'hf_x');
    expect(c.explain(new HubApiError('u', 404), 'acme/none at main')).toMatchObject({
      code: 'not-found',
      field: 'repo',
    });
    expect(c.explain(new HubApiError('u', 403), 'x').message).toBe(GATED_MESSAGE);
    const other = new HubApiError('u', 500);
    other.message = 'Internal Error. URL: u';
    expect(c.explain(other, 'the search').message).toBe(
      'The hub refused the search (HTTP 500): Internal Error',
    );
  });

  it('sends the token only as an Authorization header', () => {
    expect(new HubClient('https://hub.example', () => 'hf_secret').authHeaders()).toEqual({
      Authorization: 'Bearer hf_secret',
    });
    expect(new HubClient('https://hub.example', () => null).authHeaders()).toEqual({});
  });
});
