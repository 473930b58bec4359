import { describe, expect, it } from 'vitest';
import { WaveFile } from 'wavefile';
import { encodeWav, floatToInt16 } from './wav';

describe('WAV encoding', () => {
  it('converts floats to 16-bit PCM, clipping outside −1…1', () => {
    expect(Array.from(floatToInt16(new Float32Array([0, 1, -1, 2, -2, 0.5])))).toEqual([
      0, 32767, -32768, 32767, -32768, 16384,
    ]);
  });

  it('writes a 16-bit stereo 44.1 kHz RIFF file with the samples', () => {
    const left = new Float32Array([0, 0.5, -0.5, 1]);
    const right = new Float32Array([1, 0, 0, -1]);
    const bytes = encodeWav([left, right], 44100);
    expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('RIFF');
    expect(String.fromCharCode(...bytes.subarray(8, 12))).toBe('WAVE');
    const wav = new WaveFile(bytes);
    const fmt = wav.fmt as { numChannels: number; sampleRate: number; bitsPerSample: number };
    expect(fmt).toMatchObject({ numChannels: 2, sampleRate: 44100, bitsPerSample: 16 });
    const samples = wav.getSamples(false, Int16Array) as unknown as Int16Array[];
    expect(Array.from(samples[0]!)).toEqual([0, 16384, -16384, 32767]);
    expect(Array.from(samples[1]!)).toEqual([32767, 0, 0, -32768]);
  });

  it('refuses no audio', () => {
    expect(() => encodeWav([], 44100)).toThrow();
  });
});
