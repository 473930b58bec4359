/**
 * Playback with Tone.js: the roll's notes on Tone's Transport (looped over a region or played to
 * the clip's end), a metronome in the clip's meter (`metronome.ts`), auditions of single notes and whole clips through the same voice,
 * and the playhead in beats. One engine per page (Tone's context is global).
 */
import * as Tone from 'tone';
import type { Note } from '../../../preload/contract';
import { DEFAULT_METER, meterBeats, type Meter } from '../../../preload/melody';
import { createChain, playClick, playNote, type Chain } from './sound';
import { loopBounds, type LoopRegion } from './loop';
import { metronomeRepeats } from './metronome';
import { endBeat } from './notes';

export type { LoopRegion } from './loop';

export type PlayMode = 'idle' | 'roll' | 'audition';

export interface TransportState {
  mode: PlayMode;
  /** What the audition plays (a take's or a clip's key), when mode is 'audition'. */
  auditioning: string | null;
}

export class MelodyEngine {
  private chain: Chain | null = null;
  private scheduled: number[] = [];
  private metronomeIds: number[] = [];
  private state: TransportState = { mode: 'idle', auditioning: null };
  private listeners = new Set<(s: TransportState) => void>();
  private rollNotes: readonly Note[] = [];
  private loopOn = false;
  private loopRegion: LoopRegion | null = null;
  private metronomeOn = false;
  private meter: Meter = DEFAULT_METER;
  private volumeDb = 0;
  private bpm = 120;
  /** Counts halts: a stop queued on Tone's Draw for an earlier play must not end a newer one. */
  private plays = 0;

  private get transport(): ReturnType<typeof Tone.getTransport> {
    return Tone.getTransport();
  }

  /** Starts audio; call inside a click or key handler (browsers need a user gesture). */
  async start(): Promise<void> {
    const started = Tone.start();
    this.ensureChain();
    await started;
  }

  private ensureChain(): Chain {
    if (!this.chain) {
      Tone.getContext().lookAhead = 0.05;
      this.chain = createChain(this.volumeDb);
      this.transport.bpm.value = this.bpm;
    }
    return this.chain;
  }

  subscribe(fn: (s: TransportState) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  getState(): TransportState {
    return this.state;
  }

  private setState(s: TransportState): void {
    this.state = s;
    for (const fn of this.listeners) fn(s);
  }

  setBpm(bpm: number): void {
    this.bpm = bpm;
    if (this.chain) this.transport.bpm.value = bpm;
  }

  setVolume(db: number): void {
    this.volumeDb = db;
    if (this.chain) this.chain.volume.volume.value = db <= -60 ? -Infinity : db;
  }

  setMetronome(on: boolean): void {
    this.metronomeOn = on;
    if (this.state.mode === 'roll') this.scheduleMetronome();
  }

  /** The clip's meter: the metronome's clicks and the loop over whole bars follow it. */
  setMeter(meter: Meter): void {
    this.meter = meter;
    if (this.state.mode === 'roll') {
      this.applyLoop(this.rollNotes);
      this.scheduleMetronome();
    }
  }

  /** The roll's notes; while the roll plays they are rescheduled, so edits are heard at once. */
  setRollNotes(notes: readonly Note[]): void {
    this.rollNotes = notes;
    if (this.state.mode === 'roll') {
      this.applyLoop(notes);
      this.schedule(notes, !this.loopOn);
    }
  }

  setLoop(on: boolean, region: LoopRegion | null): void {
    this.loopOn = on;
    this.loopRegion = region;
    if (this.state.mode === 'roll') {
      this.applyLoop(this.rollNotes);
      this.schedule(this.rollNotes, !on);
    }
  }

  private applyLoop(notes: readonly Note[]): void {
    const t = this.transport;
    if (!this.loopOn) {
      t.loop = false;
      return;
    }
    const b = loopBounds(notes, this.loopRegion, meterBeats(this.meter));
    t.setLoopPoints(this.ticks(b.start), this.ticks(b.end));
    t.loop = true;
  }

  private ticks(beat: number): string {
    return `${Math.round(beat * this.transport.PPQ)}i`;
  }

  private clearScheduled(): void {
    for (const id of this.scheduled) this.transport.clear(id);
    this.scheduled = [];
  }

  /** Puts the notes on the transport's timeline (and a stop at their end unless looping). */
  private schedule(notes: readonly Note[], stopAtEnd: boolean): void {
    const chain = this.ensureChain();
    const t = this.transport;
    this.clearScheduled();
    for (const n of notes) {
      const id = t.schedule((time) => {
        playNote(chain, n.pitch, (n.duration * 60) / t.bpm.value, time, n.velocity);
      }, this.ticks(n.start));
      this.scheduled.push(id);
    }
    if (stopAtEnd) {
      const end = Math.max(endBeat(notes), 0.25);
      const play = this.plays;
      const id = t.schedule(
        (time) => {
          Tone.getDraw().schedule(() => {
            if (this.plays === play) this.stop();
          }, time);
        },
        this.ticks(end + 0.05),
      );
      this.scheduled.push(id);
    }
  }

  private clearMetronome(): void {
    for (const id of this.metronomeIds) this.transport.clear(id);
    this.metronomeIds = [];
  }

  /** One repeating event per click of the bar (a 6/8 bar clicks twice), the bar's first accented. */
  private scheduleMetronome(): void {
    const t = this.transport;
    this.clearMetronome();
    if (!this.metronomeOn) return;
    const chain = this.ensureChain();
    this.metronomeIds = metronomeRepeats(this.meter, t.PPQ).map((c) =>
      t.scheduleRepeat((time) => playClick(chain, c.accent, time), c.interval, c.start),
    );
  }

  /** Plays the roll from `fromBeat` (or the loop's start). */
  async playRoll(fromBeat: number | null): Promise<void> {
    await this.start();
    this.halt();
    const t = this.transport;
    t.bpm.value = this.bpm;
    this.applyLoop(this.rollNotes);
    this.schedule(this.rollNotes, !this.loopOn);
    this.scheduleMetronome();
    let from = Math.max(0, fromBeat ?? 0);
    if (this.loopOn) {
      const b = loopBounds(this.rollNotes, this.loopRegion, meterBeats(this.meter));
      if (fromBeat === null || from < b.start || from >= b.end) from = b.start;
    } else if (from >= endBeat(this.rollNotes)) from = 0;
    t.ticks = Math.round(from * t.PPQ);
    t.start();
    this.setState({ mode: 'roll', auditioning: null });
  }

  /** Plays a clip alone (a take, a shelf clip), not touching the roll. Calling it again stops it. */
  async audition(key: string, notes: readonly Note[], bpm?: number): Promise<void> {
    if (this.state.mode === 'audition' && this.state.auditioning === key) {
      this.stop();
      return;
    }
    await this.start();
    this.halt();
    const t = this.transport;
    t.bpm.value = bpm ?? this.bpm;
    t.loop = false;
    this.schedule(notes, true);
    t.ticks = 0;
    t.start();
    this.setState({ mode: 'audition', auditioning: key });
  }

  /** One note, now (roll key clicks, drawing a note). */
  async previewNote(pitch: number, velocity: number, beats = 0.5): Promise<void> {
    await this.start();
    const chain = this.ensureChain();
    playNote(chain, pitch, (beats * 60) / this.bpm, Tone.now(), velocity);
  }

  /** Moves the playhead (while the roll plays, playback jumps there). */
  seek(beat: number): void {
    if (this.state.mode !== 'roll') return;
    const t = this.transport;
    t.ticks = Math.round(Math.max(0, beat) * t.PPQ);
  }

  private halt(): void {
    this.plays++;
    const t = this.transport;
    t.stop();
    this.clearScheduled();
    this.clearMetronome();
    this.chain?.synth.releaseAll();
    t.bpm.value = this.bpm;
  }

  stop(): void {
    if (this.state.mode === 'idle') return;
    this.halt();
    this.setState({ mode: 'idle', auditioning: null });
  }

  /** The roll's playhead in beats while the roll plays (what is heard now), else null. */
  playhead(): number | null {
    if (this.state.mode !== 'roll') return null;
    const t = this.transport;
    if (t.state !== 'started') return null;
    const ticks = t.getTicksAtTime(Tone.immediate());
    return Math.max(0, ticks / t.PPQ);
  }
}

let engine: MelodyEngine | null = null;

/** The page's engine (created on first use; audio starts on the first gesture). */
export function getEngine(): MelodyEngine {
  engine ??= new MelodyEngine();
  return engine;
}
