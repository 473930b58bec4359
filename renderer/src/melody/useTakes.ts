/**
 * The model runs of the Generate / Continue / Variations / Interpolate tabs: each run's takes
 * (one run kept per tab), the tab that is busy, the interpolation scrub, and putting a take into
 * the roll (a generated take is saved to the library at once). Every run uses the clip's key and
 * scale lock; Generate and Continue write in the clip's meter.
 */
import { useState } from 'react';
import type { AtelierApi, Generation, MelodyTake, MelodyTakes, Note } from '../../../preload/contract';
import { meterBeats, type Meter } from '../../../preload/melody';
import { randomSeed } from '../shell/seed';
import type { MelodyRecord } from './clips';
import type { SetForm } from './fields';
import {
  continueInput,
  CURRENT_ROLL,
  generateInput,
  interpolateInput,
  seedForRun,
  variationsInput,
  type FieldProblem,
  type MelodyForm,
  type MelodyTab,
} from './form';
import { readLock } from './lock';
import { appendTake, endBeat, selectedOrAll, toContractNotes, toRollNotes } from './notes';
import type { TakeRun } from './TakeList';
import type { ClipState, Provenance } from './useClip';

export type RunTab = Exclude<MelodyTab, 'latent'>;
export type Run = TakeRun & {
  params: Record<string, unknown>;
  /** The clip's meter when the run was made (a generated take's clip keeps it). */
  meter: Meter;
  /** Continue: the notes continued, and the beat where the new notes begin. */
  context?: Note[];
  from?: number;
};

export interface Takes {
  runs: Partial<Record<RunTab, Run>>;
  busy: RunTab | null;
  /** The take picked along the interpolation path. */
  scrub: number;
  setScrub: (i: number) => void;
  /** Runs the tab's model with the form's fields. */
  run: (which: RunTab) => Promise<void>;
  /** Puts a take in the roll (Continue appends it). */
  use: (which: RunTab, take: MelodyTake, index: number) => Promise<void>;
}

interface Deps {
  api: AtelierApi;
  form: MelodyForm;
  setForm: SetForm;
  clip: ClipState;
  records: readonly MelodyRecord[] | null;
  usable: (tab: MelodyTab) => boolean;
  /** The model the tab runs (Generate: the picked one). */
  modelFor: (tab: MelodyTab) => string;
  /** Generate runs a melody VAE: the form's coherence goes with it. */
  generateIsVae: boolean;
  stopTransport: () => void;
  onSaved: (gen: Generation) => void;
  /** Asks before unsaved work in the roll is replaced (the clip shelf's question). */
  guard: (text: string, ok: string, run: () => void) => void;
  reportError: (err: unknown) => void;
  clearError: () => void;
  notify: (text: string) => void;
  /** A continuation joined the roll: these notes are new (the roll scrolls to them). */
  onAppended: (ids: readonly string[]) => void;
}

let runCounter = 0;

const USE_LABELS: Record<Exclude<RunTab, 'continue'>, string> = {
  generate: 'Use generated take',
  variations: 'Use variation',
  interpolate: 'Use interpolation',
};
const ORIGINS: Record<Exclude<RunTab, 'continue'>, Provenance['origin']> = {
  generate: 'generate',
  variations: 'variation',
  interpolate: 'interpolate',
};

export function useTakes(d: Deps): Takes {
  const { api, setForm, clip, reportError } = d;
  const { editor, notes, bpm } = clip;
  const [runs, setRuns] = useState<Partial<Record<RunTab, Run>>>({});
  const [busy, setBusy] = useState<RunTab | null>(null);
  const [scrub, setScrub] = useState(0);

  const resolveEnd = (end: string): readonly Note[] | null => {
    if (end === CURRENT_ROLL) return notes;
    return d.records?.find((r) => r.id === end)?.notes ?? null;
  };

  /** The tab's request and the params recorded with its takes, or the form's first problem. */
  const prepare = (
    which: RunTab,
    seed: number,
  ):
    | { request: () => Promise<MelodyTakes>; params: Record<string, unknown>; context?: Note[] }
    | FieldProblem => {
    const model = d.modelFor(which);
    // The clip's lock, the same for every tab, and its meter.
    const form = { ...d.form, key: clip.lock.key, scale: clip.lock.scale, meter: clip.meter };
    if (which === 'generate') {
      const b = generateInput(form, seed, d.generateIsVae);
      if (!b.ok) return b;
      return { params: { ...b.input }, request: () => api.melody.generate({ model, ...b.input }) };
    }
    if (which === 'continue') {
      const b = continueInput(form, seed, toContractNotes(selectedOrAll(editor.notes, editor.selection)));
      if (!b.ok) return b;
      const { notes: context, ...params } = b.input;
      return { params, context, request: () => api.melody.continue({ model, ...b.input }) };
    }
    if (which === 'variations') {
      const b = variationsInput(form, seed, notes);
      if (!b.ok) return b;
      const { notes: _source, ...params } = b.input;
      return { params, request: () => api.melody.variations({ model, ...b.input }) };
    }
    const b = interpolateInput(form, seed, resolveEnd);
    if (!b.ok) return b;
    const { from: _from, to: _to, ...rest } = b.input;
    return {
      params: { ...rest, a: form.interpolate.a, b: form.interpolate.b },
      request: () => api.melody.interpolate({ model, ...b.input }),
    };
  };

  const run = async (which: RunTab): Promise<void> => {
    if (busy || !d.usable(which)) return;
    const seed = seedForRun(d.form, randomSeed);
    if (!seed.ok) {
      reportError({ code: 'invalid-input', message: seed.message, field: 'seed' });
      return;
    }
    const prepared = prepare(which, seed.value);
    if ('field' in prepared) {
      reportError({ code: 'invalid-input', message: prepared.message, field: prepared.field });
      return;
    }
    setForm((f) => ({ ...f, seed: String(seed.value) }));
    // The takes' bars: the clip's meter for the tabs that write in it, the melody VAE's 4/4 for the others.
    const barBeats = which === 'generate' || which === 'continue' ? meterBeats(clip.meter) : 4;
    setBusy(which);
    d.clearError();
    try {
      const out = await prepared.request();
      setRuns((r) => ({
        ...r,
        [which]: {
          id: `run-${++runCounter}`,
          takes: out.takes,
          model: out.model,
          seed: seed.value,
          durationMs: out.durationMs,
          provider: out.provider,
          params: prepared.params,
          meter: clip.meter,
          barBeats,
          ...(prepared.context ? { context: prepared.context, from: endBeat(prepared.context) } : {}),
        },
      }));
      if (which === 'interpolate') setScrub(0);
    } catch (err) {
      reportError(err);
    } finally {
      setBusy(null);
    }
  };

  const use = async (which: RunTab, take: MelodyTake, index: number): Promise<void> => {
    // A generated take becomes a new saved clip: unsaved edits in the roll would be left only in undo.
    if (which === 'generate' && clip.dirty && clip.notes.length > 0) {
      d.guard('The roll has unsaved changes. Replace them with this take?', 'Use take', () => {
        void applyTake(which, take, index);
      });
      return;
    }
    await applyTake(which, take, index);
  };

  const applyTake = async (which: RunTab, take: MelodyTake, index: number): Promise<void> => {
    const r = runs[which];
    if (!r) return;
    d.stopTransport();
    const base: Omit<Provenance, 'origin' | 'notes'> = {
      model: r.model,
      seed: r.seed,
      params: { ...r.params, take: index },
      ...(take.latents ? { latents: take.latents } : {}),
    };
    if (which === 'continue') {
      const { notes: next, ids } = appendTake(editor.notes, take.notes);
      editor.apply('Continue', next);
      editor.setSelection(new Set(ids));
      clip.setProvenance({ origin: 'continue', notes: toContractNotes(next), ...base, latents: undefined });
      d.onAppended(ids);
      return;
    }
    const rolled = toRollNotes(take.notes);
    editor.replaceAll(rolled, USE_LABELS[which]);
    const used = toContractNotes(rolled);
    clip.setProvenance({ origin: ORIGINS[which], notes: used, ...base });
    if (which !== 'generate') return;
    // A generated take goes to the library at once, with everything that makes it again: the lock and
    // the meter it was made in are the new clip's.
    const made = readLock(r.params) ?? clip.lock;
    const lock = { ...made, source: 'clip' as const };
    const meter = r.meter;
    clip.setLock(lock);
    clip.setMeter(meter);
    try {
      const gen = await api.melody.save({
        clip: {
          notes: used,
          bpm,
          name: '',
          key: lock.key,
          scale: lock.scale,
          timeSignature: [meter[0], meter[1]],
        },
        origin: 'generate',
        model: r.model,
        seed: r.seed,
        params: { ...base.params, name: '' },
        ...(take.latents ? { latents: take.latents } : {}),
        provider: r.provider,
        durationMs: r.durationMs,
        parentId: null,
      });
      d.onSaved(gen);
      clip.markSaved(gen, { notes: used, bpm, name: gen.title, lock, meter });
      d.notify(`Saved “${gen.title}” to the library`);
    } catch (err) {
      reportError(err);
    }
  };

  return { runs, busy, scrub, setScrub, run, use };
}
