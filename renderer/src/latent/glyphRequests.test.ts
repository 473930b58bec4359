import { describe, expect, it } from 'vitest';
import { createLatestRequests } from './glyphRequests';

interface Req {
  key: string;
}

function harness() {
  const sent: { req: Req; resolve: (v: string) => void; reject: (e: unknown) => void }[] = [];
  const shown: string[] = [];
  const errors: string[] = [];
  const r = createLatestRequests<Req, string>({
    send: (req) => new Promise((resolve, reject) => sent.push({ req, resolve, reject })),
    onResult: (v) => shown.push(v),
    onError: (e) => errors.push(String(e)),
  });
  return { r, sent, shown, errors };
}

const tick = () => new Promise((res) => setTimeout(res, 0));

describe('glyph set requests', () => {
  it('drops the answer to a set that changed while it was asked, and shows the latest', async () => {
    const { r, sent, shown } = harness();
    r.want({ key: 'a' });
    r.want({ key: 'b' });
    r.want({ key: 'c' });
    // One in flight; only the latest waits.
    expect(sent.map((s) => s.req.key)).toEqual(['a']);
    sent[0]!.resolve('answer a');
    await tick();
    expect(shown).toEqual([]);
    expect(sent.map((s) => s.req.key)).toEqual(['a', 'c']);
    sent[1]!.resolve('answer c');
    await tick();
    expect(shown).toEqual(['answer c']);
  });

  it('drops a stale refusal too, and everything once the set has nothing to ask', async () => {
    const { r, sent, shown, errors } = harness();
    r.want({ key: 'a' });
    r.want({ key: 'b' });
    sent[0]!.reject(new Error('glyph 1 of a'));
    await tick();
    expect(errors).toEqual([]);
    r.want(null);
    expect(r.latest).toBe('');
    sent[1]!.resolve('answer b');
    await tick();
    expect(shown).toEqual([]);
    r.want({ key: 'd' });
    sent[2]!.reject(new Error('glyph 2 of d'));
    await tick();
    expect(errors).toEqual(['Error: glyph 2 of d']);
  });

  it('asks again for a set it went back to', async () => {
    const { r, sent, shown } = harness();
    r.want({ key: 'a' });
    r.want({ key: 'b' });
    r.want({ key: 'a' });
    sent[0]!.resolve('first a');
    await tick();
    expect(shown).toEqual(['first a']);
    sent[1]!.resolve('second a');
    await tick();
    expect(shown).toEqual(['first a', 'second a']);
    r.dispose();
  });
});
