import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { MelodyTake, Note } from '../../../preload/contract';
import { MiniRoll } from './MiniRoll';
import { continuationPreview, miniRollLayout, takePreview } from './preview';
import { TakeList, type TakeRun } from './TakeList';

const n = (pitch: number, start: number, duration = 1): Note => ({ pitch, start, duration, velocity: 96 });

/** A 4-bar phrase (beats 0–16) and a 2-bar continuation of it: the model places its notes from beat 16. */
const phrase = [n(60, 0), n(62, 4), n(64, 8), n(65, 12, 2), n(67, 14, 2)];
const take: MelodyTake = { notes: [n(69, 16), n(67, 17), n(65, 18, 2), n(64, 20, 4)], bars: 2, seed: 1 };

const rects = (html: string): { x: number; width: number; cls: string }[] =>
  [...html.matchAll(/<rect x="([\d.]+)" y="[^"]+" width="([\d.]+)"[^>]*class="([^"]+)"/g)].map((m) => ({
    x: Number(m[1]),
    width: Number(m[2]),
    cls: m[3]!,
  }));

describe('a continuation’s take picture', () => {
  it('drawn from the clip’s start over the take’s bars, the new notes fall off the picture (the blank preview)', () => {
    const old = miniRollLayout(take.notes, { bars: take.bars, width: 168, height: 40 });
    expect(old.rects).toHaveLength(0);
  });

  it('starts a bar before the new notes: every new note is drawn inside, the bar before dimmed', () => {
    const p = continuationPreview(phrase, take, 16);
    expect(p).toMatchObject({ from: 12, bars: 3, highlightFrom: 16 });
    const { rects: drawn } = miniRollLayout(p.notes, { ...p, width: 168, height: 40 });
    expect(drawn.filter((r) => r.isNew)).toHaveLength(take.notes.length);
    expect(drawn.filter((r) => !r.isNew)).toHaveLength(2); // the phrase's last bar
    for (const r of drawn) {
      expect(r.x).toBeGreaterThanOrEqual(0);
      expect(r.x + r.width).toBeLessThanOrEqual(168);
    }
  });

  it('TakeList draws a continue run’s takes with their notes in the picture', () => {
    const run: TakeRun = {
      id: 'run-1',
      takes: [take],
      model: 'melody-rnn',
      seed: 1,
      durationMs: 5,
      provider: 'cpu',
    };
    const html = renderToStaticMarkup(
      <TakeList
        run={run}
        auditioning={null}
        useLabel="Append"
        preview={(t) => continuationPreview(phrase, t, 16)}
        onAudition={() => {}}
        onUse={() => {}}
      />,
    );
    expect(html).toContain(`data-shown="${take.notes.length}"`);
    const drawn = rects(html);
    expect(drawn.filter((r) => r.cls.includes('is-new'))).toHaveLength(take.notes.length);
    for (const r of drawn) expect(r.x + r.width).toBeLessThanOrEqual(168);
  });

  it('other takes are drawn from the clip’s start as before', () => {
    const gen: MelodyTake = { notes: phrase, bars: 4, seed: 2 };
    expect(takePreview(gen)).toEqual({ notes: phrase, from: 0, bars: 4 });
    const html = renderToStaticMarkup(<MiniRoll notes={phrase} bars={4} />);
    expect(rects(html)).toHaveLength(phrase.length);
    expect(html).toContain(`data-shown="${phrase.length}"`);
  });
});
