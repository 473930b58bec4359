/** Rendered audio as a WAV file: 16-bit PCM, one Float32Array per channel (−1…1). */
import { WaveFile } from 'wavefile';

export function floatToInt16(samples: Float32Array): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i]!));
    out[i] = Number.isFinite(s) ? Math.round(s < 0 ? s * 0x8000 : s * 0x7fff) : 0;
  }
  return out;
}

export function encodeWav(channels: readonly Float32Array[], sampleRate: number): Uint8Array {
  if (channels.length === 0) throw new Error('There is no audio to write.');
  const wav = new WaveFile();
  wav.fromScratch(
    channels.length,
    sampleRate,
    '16',
    channels.map((c) => floatToInt16(c)),
  );
  return wav.toBuffer();
}
