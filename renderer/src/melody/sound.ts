/**
 * The studio's sound, built the same way for live playback and for the offline WAV render: a
 * polyphonic triangle/FM-ish voice with a short envelope through a gentle lowpass, a volume stage
 * and a limiter on the master, plus a metronome click.
 */
import * as Tone from 'tone';

export const VOICE = {
  oscillator: { type: 'fmtriangle', modulationType: 'sine', harmonicity: 2, modulationIndex: 0.6 },
  envelope: { attack: 0.004, decay: 0.18, sustain: 0.45, release: 0.28 },
} as const;
export const LOWPASS_HZ = 3200;
export const LIMIT_DB = -1;
/** Headroom for chords of a few notes. */
export const VOICE_GAIN_DB = -9;

export interface Chain {
  synth: Tone.PolySynth;
  click: Tone.Synth;
  volume: Tone.Volume;
  dispose: () => void;
}

/** The voice and master chain in the current Tone context, connected to its destination. */
export function createChain(volumeDb = 0): Chain {
  const limiter = new Tone.Limiter(LIMIT_DB).toDestination();
  const volume = new Tone.Volume(volumeDb).connect(limiter);
  const filter = new Tone.Filter({ type: 'lowpass', frequency: LOWPASS_HZ, Q: 0.6 }).connect(volume);
  const synth = new Tone.PolySynth(Tone.Synth, VOICE).connect(filter);
  synth.maxPolyphony = 48;
  synth.volume.value = VOICE_GAIN_DB;
  const click = new Tone.Synth({
    oscillator: { type: 'square' },
    envelope: { attack: 0.001, decay: 0.04, sustain: 0, release: 0.02 },
  }).connect(volume);
  click.volume.value = -16;
  return {
    synth,
    click,
    volume,
    dispose() {
      synth.dispose();
      click.dispose();
      filter.dispose();
      volume.dispose();
      limiter.dispose();
    },
  };
}

export const midiToFrequency = (pitch: number): number => 440 * 2 ** ((pitch - 69) / 12);

/** Plays one note on the chain's synth. */
export function playNote(chain: Chain, pitch: number, seconds: number, time: number, velocity: number): void {
  chain.synth.triggerAttackRelease(
    midiToFrequency(pitch),
    Math.max(0.02, seconds),
    time,
    Math.min(1, Math.max(0.05, velocity / 127)),
  );
}

/** The metronome: a higher click on the bar's first beat. */
export function playClick(chain: Chain, accent: boolean, time: number): void {
  chain.click.triggerAttackRelease(accent ? 1760 : 1175, 0.03, time, accent ? 1 : 0.6);
}
