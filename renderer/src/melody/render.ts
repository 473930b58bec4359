/** The clip rendered offline with the live voice (Tone.Offline), as a 16-bit stereo 44.1 kHz WAV. */
import * as Tone from 'tone';
import type { Note } from '../../../preload/contract';
import { endBeat } from './notes';
import { createChain, playNote } from './sound';
import { encodeWav } from './wav';

export const WAV_RATE = 44_100;
/** Room for the last note's release. */
const TAIL_SECONDS = 1;

export async function renderWav(notes: readonly Note[], bpm: number): Promise<Uint8Array> {
  if (notes.length === 0) throw new Error('The clip is empty: there is nothing to render.');
  const seconds = (endBeat(notes) * 60) / bpm + TAIL_SECONDS;
  const buffer = await Tone.Offline(
    ({ transport }) => {
      const chain = createChain(0);
      transport.bpm.value = bpm;
      for (const n of notes) {
        transport.schedule(
          (time) => playNote(chain, n.pitch, (n.duration * 60) / bpm, time, n.velocity),
          `${Math.round(n.start * transport.PPQ)}i`,
        );
      }
      transport.start(0);
    },
    seconds,
    2,
    WAV_RATE,
  );
  const channels = [0, 1].map((c) => buffer.getChannelData(Math.min(c, buffer.numberOfChannels - 1)));
  return encodeWav(channels, WAV_RATE);
}
