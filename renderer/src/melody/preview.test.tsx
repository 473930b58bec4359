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
    const old = miniRollLayout(take.notes, { bars: take.bars, barBeats: 4, width: 168, height: 40 });
    expect(old.rects).toHaveLength(0);
  });

  it('starts a bar before the new notes: every new note is drawn inside, the bar before dimmed', () => {
    const p = continuationPreview(phrase, take, 16, 4);
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
      barBeats: 4,
    };
    const html = renderToStaticMarkup(
      <TakeList
        run={run}
        auditioning={null}
        useLabel="Append"
        preview={(t) => continuationPreview(phrase, t, 16, 4)}
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
    expect(takePreview(gen, 4)).toEqual({ notes: phrase, from: 0, bars: 4, barBeats: 4 });
    const html = renderToStaticMarkup(<MiniRoll notes={phrase} bars={4} barBeats={4} />);
    expect(rects(html)).toHaveLength(phrase.length);
    expect(html).toContain(`data-shown="${phrase.length}"`);
  });
});

describe('pictures in the clip’s meter', () => {
  /** A 4-bar waltz (12 beats) and a 2-bar continuation of it from beat 12. */
  const waltz = [n(67, 0, 3), n(71, 3, 3), n(74, 6, 3), n(72, 9, 3)];
  const more: MelodyTake = { notes: [n(71, 12, 3), n(67, 15, 3)], bars: 2, seed: 3 };

  const lines = (html: string): number[] =>
    [...html.matchAll(/<line x1="([\d.]+)"/g)].map((m) => Number(m[1]));

  it('draws bar lines every 3 beats for a take in 3/4', () => {
    const html = renderToStaticMarkup(<MiniRoll notes={waltz} bars={4} barBeats={3} width={120} />);
    expect(lines(html)).toEqual([30, 60, 90]);
    expect(html).toContain('data-bar-beats="3"');
    expect(rects(html)).toHaveLength(4);
  });

  it('a continuation in 3/4 starts a bar of 3 beats before its new notes', () => {
    const p = continuationPreview(waltz, more, 12, 3);
    expect(p).toMatchObject({ from: 9, bars: 3, barBeats: 3, highlightFrom: 12 });
    const { beats, rects: drawn } = miniRollLayout(p.notes, { ...p, width: 168, height: 40 });
    expect(beats).toBe(9);
    expect(drawn.filter((r) => r.isNew)).toHaveLength(2);
    expect(drawn.filter((r) => !r.isNew)).toHaveLength(1);
  });

  it('a 9/8 take of 2 bars spans 9 beats', () => {
    const jig: MelodyTake = { notes: [n(60, 0, 1.5), n(62, 7.5, 1.5)], bars: 2, seed: 4 };
    const p = takePreview(jig, 4.5);
    const { beats, rects: drawn } = miniRollLayout(p.notes, { ...p, width: 90, height: 40 });
    expect(beats).toBe(9);
    expect(drawn[1]!.x + drawn[1]!.width).toBeLessThanOrEqual(90);
  });
});
