/**
 * The metronome in the clip's meter, pure: which clicks a bar has (the meter's counted beats: three
 * in 3/4, two dotted quarters in 6/8, three in 9/8) with the first accented, and how they go on
 * Tone's Transport — one repeating event per click, a bar apart, in ticks so they stay on the grid.
 */
import { meterBeats, meterPulses, type Meter } from '../../../preload/melody';

export interface Click {
  /** Beats (quarter notes) from the bar line. */
  beat: number;
  accent: boolean;
}

export function metronomeClicks(meter: Meter): Click[] {
  return meterPulses(meter).map((beat, i) => ({ beat, accent: i === 0 }));
}

export interface ClickRepeat {
  accent: boolean;
  /** The first click, in Transport ticks ("0i"). */
  start: string;
  /** A bar, in Transport ticks. */
  interval: string;
}

/** Tone's `scheduleRepeat` arguments for each click of the bar, at `ppq` ticks a beat. */
export function metronomeRepeats(meter: Meter, ppq: number): ClickRepeat[] {
  const bar = Math.round(meterBeats(meter) * ppq);
  return metronomeClicks(meter).map((c) => ({
    accent: c.accent,
    start: `${Math.round(c.beat * ppq)}i`,
    interval: `${bar}i`,
  }));
}
