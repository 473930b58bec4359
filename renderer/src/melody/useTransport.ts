/**
 * The studio's transport as React state over the page's MelodyEngine: play/stop the roll, loop,
 * metronome, tempo, volume, auditions, and the playhead for the roll to poll.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Note } from '../../../preload/contract';
import type { Meter } from '../../../preload/melody';
import { getEngine, type LoopRegion, type TransportState } from './transport';

export interface TransportSettings {
  notes: readonly Note[];
  bpm: number;
  /** The clip's meter: the metronome's clicks and a whole-clip loop's bars. */
  meter: Meter;
  loop: boolean;
  loopRegion: LoopRegion | null;
  metronome: boolean;
  volumeDb: number;
  /** The studio is on screen; playback stops when it is not. */
  active: boolean;
}

export interface Transport {
  state: TransportState;
  playing: boolean;
  /** Plays the roll from the seek position (or the loop's start). */
  play: () => Promise<void>;
  stop: () => void;
  toggle: () => Promise<void>;
  audition: (key: string, notes: readonly Note[], bpm?: number) => Promise<void>;
  previewNote: (pitch: number, velocity: number) => Promise<void>;
  /** Starts audio inside a user gesture, so a later asynchronous play is allowed. */
  unlock: () => void;
  getPlayhead: () => number | null;
  seek: (beat: number) => void;
}

export function useTransport(s: TransportSettings, onError: (err: unknown) => void): Transport {
  const engine = getEngine();
  const [state, setState] = useState<TransportState>(() => engine.getState());
  const [seekBeat, setSeekBeat] = useState<number | null>(null);

  useEffect(() => engine.subscribe(setState), [engine]);
  useEffect(() => engine.setRollNotes(s.notes), [engine, s.notes]);
  useEffect(() => engine.setBpm(s.bpm), [engine, s.bpm]);
  const [beats, unit] = s.meter;
  useEffect(() => engine.setMeter([beats, unit]), [engine, beats, unit]);
  useEffect(() => engine.setLoop(s.loop, s.loopRegion), [engine, s.loop, s.loopRegion]);
  useEffect(() => engine.setMetronome(s.metronome), [engine, s.metronome]);
  useEffect(() => engine.setVolume(s.volumeDb), [engine, s.volumeDb]);
  useEffect(() => {
    if (!s.active) engine.stop();
  }, [engine, s.active]);
  useEffect(() => () => engine.stop(), [engine]);

  const play = useCallback(async () => {
    try {
      await engine.playRoll(seekBeat);
    } catch (err) {
      onError(err);
    }
  }, [engine, seekBeat, onError]);
  const stop = useCallback(() => engine.stop(), [engine]);
  const toggle = useCallback(async () => {
    if (engine.getState().mode === 'roll') engine.stop();
    else await play();
  }, [engine, play]);
  const audition = useCallback(
    async (key: string, notes: readonly Note[], bpm?: number) => {
      try {
        await engine.audition(key, notes, bpm);
      } catch (err) {
        onError(err);
      }
    },
    [engine, onError],
  );
  const previewNote = useCallback(
    async (pitch: number, velocity: number) => {
      try {
        await engine.previewNote(pitch, velocity);
      } catch (err) {
        onError(err);
      }
    },
    [engine, onError],
  );
  const unlock = useCallback(() => {
    engine.start().catch(onError);
  }, [engine, onError]);
  const getPlayhead = useCallback(() => engine.playhead(), [engine]);
  const seek = useCallback(
    (beat: number) => {
      setSeekBeat(beat);
      engine.seek(beat);
    },
    [engine],
  );

  return {
    state,
    playing: state.mode === 'roll',
    play,
    stop,
    toggle,
    audition,
    previewNote,
    unlock,
    getPlayhead,
    seek,
  };
}
