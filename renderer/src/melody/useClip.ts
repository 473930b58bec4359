/**
 * The clip in the roll: its notes (the editor), tempo, name, the library clip it was opened from,
 * what it was last saved or opened as (so the studio knows it is dirty), and where its notes came
 * from (for the record a save writes).
 */
import { useMemo, useState } from 'react';
import type { Generation, Note } from '../../../preload/contract';
import { sameMusic, toContractNotes, toRollNotes } from './notes';
import { useMelodyEditor, type MelodyEditor } from './roll/useMelodyEditor';

export interface Baseline {
  notes: Note[];
  bpm: number;
  name: string;
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
  openedFrom: OpenedClip | null;
  setOpenedFrom: (o: OpenedClip | null) => void;
  setBaseline: (b: Baseline) => void;
  provenance: Provenance | null;
  setProvenance: (p: Provenance | null) => void;
  /** The roll differs from what was last opened or saved. */
  dirty: boolean;
  /** Puts a clip in the roll as a fresh start (no undo history, not dirty). */
  load: (list: readonly Note[], opts: { bpm: number; name: string; from: OpenedClip | null }) => void;
  /** The clip is now the library record `gen` with these contents. */
  markSaved: (gen: Generation, saved: Baseline) => void;
}

export function useClip(): ClipState {
  const editor = useMelodyEditor([]);
  const notes = useMemo(() => toContractNotes(editor.notes), [editor.notes]);
  const [bpm, setBpmValue] = useState(120);
  const [bpmText, setBpmText] = useState('120');
  const [name, setName] = useState('');
  const [openedFrom, setOpenedFrom] = useState<OpenedClip | null>(null);
  const [baseline, setBaseline] = useState<Baseline>({ notes: [], bpm: 120, name: '' });
  const [provenance, setProvenance] = useState<Provenance | null>(null);
  const dirty = !sameMusic(notes, baseline.notes) || bpm !== baseline.bpm || name !== baseline.name;

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
      setBaseline({ notes: toContractNotes(rolled), bpm: clampBpm(opts.bpm), name: opts.name });
      setProvenance(null);
    },
    markSaved: (gen, saved) => {
      setOpenedFrom({ id: gen.id, title: gen.title });
      setBaseline(saved);
    },
  };
}
