/**
 * The clip in the roll: its notes (the editor), tempo, name, key and scale lock, meter, the library
 * clip it was opened from,
 * what it was last saved or opened as (so the studio knows it is dirty), and where its notes came
 * from (for the record a save writes).
 */
import { useMemo, useState } from 'react';
import type { Generation, Note } from '../../../preload/contract';
import { DEFAULT_METER, type Meter } from '../../../preload/melody';
import { NO_LOCK, type ClipLock, type Lock } from './lock';
import { sameMusic, toContractNotes, toRollNotes } from './notes';
import { useMelodyEditor, type MelodyEditor } from './roll/useMelodyEditor';

export interface Baseline {
  notes: Note[];
  bpm: number;
  name: string;
  /** Left out: the lock and meter the clip has now (a save or a rename keeps them). */
  lock?: Lock;
  meter?: Meter;
}

/** Where the roll's notes came from, for the record a save writes. */
export interface Provenance {
  origin: 'generate' | 'variation' | 'interpolate' | 'continue' | 'import';
  notes: Note[];
  model?: string;
  seed?: number;
  params?: Record<string, unknown>;
  latents?: number[][];
}

export interface OpenedClip {
  id: string;
  title: string;
}

const clampBpm = (v: number): number => Math.min(300, Math.max(20, v));

export interface LoadOptions {
  bpm: number;
  name: string;
  from: OpenedClip | null;
  lock?: ClipLock;
  meter?: Meter;
}

const sameLock = (a: Lock, b: Lock): boolean => a.key === b.key && a.scale === b.scale;
const sameMeter = (a: Meter, b: Meter): boolean => a[0] === b[0] && a[1] === b[1];

export interface ClipState {
  editor: MelodyEditor;
  /** The roll's notes in the contract's form. */
  notes: Note[];
  bpm: number;
  /** The tempo field's text (kept while it is not a valid tempo). */
  bpmText: string;
  /** Sets the tempo and the field's text (clamped to 20–300). */
  setBpm: (v: number) => void;
  /** What the tempo field says: the tempo follows it while it is valid. */
  typeBpm: (text: string, valid: number | null) => void;
  name: string;
  setName: (name: string) => void;
  /** The clip's key and scale lock: every model tab runs with it; it is saved with the clip. */
  lock: ClipLock;
  setLock: (lock: ClipLock) => void;
  /** The clip's time signature (written into its MIDI files). */
  meter: Meter;
  setMeter: (meter: Meter) => void;
  /** The name is all that differs from what was opened or saved (a rename, not a new version). */
  onlyRenamed: boolean;
  openedFrom: OpenedClip | null;
  setOpenedFrom: (o: OpenedClip | null) => void;
  setBaseline: (b: Baseline) => void;
  provenance: Provenance | null;
  setProvenance: (p: Provenance | null) => void;
  /** The roll differs from what was last opened or saved. */
  dirty: boolean;
  /** Puts a clip in the roll as a fresh start (no undo history, not dirty); lock and meter kept unless given. */
  load: (list: readonly Note[], opts: LoadOptions) => void;
  /** The clip is now the library record `gen` with these contents (and the name it was saved under). */
  markSaved: (gen: Generation, saved: Baseline) => void;
  /** The opened clip was renamed in the library: the name follows unless the name field holds an edit. */
  markRenamed: (gen: Generation) => void;
}

export function useClip(): ClipState {
  const editor = useMelodyEditor([]);
  const notes = useMemo(() => toContractNotes(editor.notes), [editor.notes]);
  const [bpm, setBpmValue] = useState(120);
  const [bpmText, setBpmText] = useState('120');
  const [name, setName] = useState('');
  const [openedFrom, setOpenedFrom] = useState<OpenedClip | null>(null);
  const [lock, setLock] = useState<ClipLock>({ ...NO_LOCK, source: 'set' });
  const [meter, setMeter] = useState<Meter>(DEFAULT_METER);
  const [baseline, setBaselineState] = useState<Required<Baseline>>({
    notes: [],
    bpm: 120,
    name: '',
    lock: NO_LOCK,
    meter: DEFAULT_METER,
  });
  const [provenance, setProvenance] = useState<Provenance | null>(null);
  const sameContent =
    sameMusic(notes, baseline.notes) &&
    bpm === baseline.bpm &&
    sameLock(lock, baseline.lock) &&
    sameMeter(meter, baseline.meter);
  const dirty = !sameContent || name !== baseline.name;
  const setBaseline = (b: Baseline): void => setBaselineState({ lock, meter, ...b });

  const setBpm = (v: number): void => {
    const b = clampBpm(Math.round(v * 100) / 100);
    setBpmValue(b);
    setBpmText(String(b));
  };

  return {
    editor,
    notes,
    bpm,
    bpmText,
    setBpm,
    typeBpm: (text, valid) => {
      setBpmText(text);
      if (valid !== null) setBpmValue(valid);
    },
    name,
    setName,
    lock,
    setLock,
    meter,
    setMeter,
    onlyRenamed: openedFrom !== null && sameContent && name !== baseline.name,
    openedFrom,
    setOpenedFrom,
    setBaseline,
    provenance,
    setProvenance,
    dirty,
    load: (list, opts) => {
      const rolled = toRollNotes(list);
      editor.reset(rolled);
      setBpm(opts.bpm);
      setName(opts.name);
      setOpenedFrom(opts.from);
      const l = opts.lock ?? lock;
      const m = opts.meter ?? meter;
      setLock(l);
      setMeter(m);
      setBaselineState({
        notes: toContractNotes(rolled),
        bpm: clampBpm(opts.bpm),
        name: opts.name,
        lock: l,
        meter: m,
      });
      setProvenance(null);
    },
    markSaved: (gen, saved) => {
      setOpenedFrom({ id: gen.id, title: gen.title });
      setName(saved.name);
      setBaseline(saved);
    },
    markRenamed: (gen) => {
      setOpenedFrom({ id: gen.id, title: gen.title });
      if (name === baseline.name) setName(gen.title);
      setBaselineState((b) => ({ ...b, name: gen.title }));
    },
  };
}
