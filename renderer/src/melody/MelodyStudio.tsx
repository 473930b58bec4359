/**
 * The Melody Sketcher: a transport bar, the piano roll, a clip shelf and the model tabs
 * (Generate / Continue / Variations / Interpolate / Latent sliders) around one melody editor.
 * Playback is Tone.js in the page; the models, the library and MIDI files go through main.
 */
import {
  useCallback,
  useEffect,
  useEffectEvent,
  useId,
  useMemo,
  useRef,
  useState,
  type DragEvent,
  type ReactElement,
} from 'react';
import type { z } from 'zod';
import {
  MELODY_MAX_MIDI_BYTES,
  type AtelierApi,
  type Generation,
  type MelodyImportOutput,
  type MelodyTake,
  type MelodyTakes,
  type ModelStatus,
  type Note,
} from '../../../preload/contract';
import { scalePitchClasses } from '../../../preload/melody';
import { generationFileName } from '../../../preload/names';
import { focusKind } from '../latent/keyboard';
import { newestFirst } from '../library/format';
import { useLibraryList, type LibraryListQuery } from '../library/useLibraryList';
import { Icon } from '../shell/icons';
import { modelsBlocker, type ModelsState } from '../shell/modelsBlocker';
import { useShell } from '../shell/ShellContext';
import { useWindowKeydown } from '../shell/useWindowKeydown';
import { downloadBlob } from '../textures/actions/exportTexture';
import { assetBlob } from '../textures/actions/loadAsset';
import { randomSeed } from '../textures/seed';
import { ClipShelf, clipAuditionKey } from './ClipShelf';
import { recordFromGeneration, recordsFrom, type MelodyRecord } from './clips';
import { clearDraft, draftStore, readDraft, writeDraft, type MelodyDraft } from './draft';
import { downloadUrlData, melodyFileName } from './files';
import {
  continueInput,
  CURRENT_ROLL,
  generateInput,
  initialForm,
  interpolateInput,
  parseNumber,
  RULES,
  seedForRun,
  TABS,
  variationsInput,
  type FieldProblem,
  type MelodyForm,
  type MelodyTab,
} from './form';
import { createLatest, type Latest } from './latest';
import { LatentPanel } from './LatentPanel';
import { moveLatents, sliderCount, varianceShares } from './latentSliders';
import { MelodyHelp } from './MelodyHelp';
import {
  ContinueFields,
  GenerateFields,
  InterpolateFields,
  SamplingFields,
  VariationsFields,
  type SetForm,
} from './MelodyPanels';
import { MidiTrackPicker } from './MidiTrackPicker';
import { findModel, modelProblem, RNN_ID, VAE_ID } from './models';
import {
  appendTake,
  barsOf,
  notesAttr,
  sameMusic,
  selectedOrAll,
  toContractNotes,
  toRollNotes,
} from './notes';
import { renderWav } from './render';
import type { RollNote } from './roll/model';
import { PianoRoll } from './roll/PianoRoll';
import { useMelodyEditor } from './roll/useMelodyEditor';
import { STUDIO_SHORTCUTS, studioKeyAction } from './shortcuts';
import { TakeList, type TakeRun } from './TakeList';
import type { LoopRegion } from './transport';
import { useTransport } from './useTransport';
import './melody.css';

type Imported = z.output<typeof MelodyImportOutput>;

interface Props {
  api: AtelierApi;
  active: boolean;
  models: readonly ModelStatus[] | null;
  modelsState: ModelsState;
  onRetryModels: () => void;
  /** A library record to open in the roll (changes each time the Library's Open is pressed). */
  openRequest: { generation: Generation; n: number } | null;
  /** The model on show changed (for the status bar). */
  onModelShown?: (model: ModelStatus | null) => void;
}

const CLIPS: LibraryListQuery = { kind: 'melody', limit: 200, order: newestFirst };

interface Baseline {
  notes: Note[];
  bpm: number;
  name: string;
}

/** Where the roll's notes came from, for the record a save writes. */
interface Provenance {
  origin: 'generate' | 'variation' | 'interpolate' | 'continue' | 'import';
  notes: Note[];
  model?: string;
  seed?: number;
  params?: Record<string, unknown>;
  latents?: number[][];
}

interface LatentState {
  base: number[][];
  bars: number;
  from: Note[];
  values: number[];
}

type Confirm = { text: string; ok: string; run: () => void };

const MODEL_TABS: Record<MelodyTab, string> = {
  generate: VAE_ID,
  continue: RNN_ID,
  variations: VAE_ID,
  interpolate: VAE_ID,
  latent: VAE_ID,
};
const TASKS: Record<string, string> = { [VAE_ID]: 'melody-vae', [RNN_ID]: 'melody-rnn' };

const RUN_LABELS: Record<Exclude<MelodyTab, 'latent'>, [string, string]> = {
  generate: ['Generate', 'Generating…'],
  continue: ['Continue', 'Continuing…'],
  variations: ['Make variations', 'Varying…'],
  interpolate: ['Interpolate', 'Interpolating…'],
};

let runCounter = 0;
/** Up to this many notes, the studio mirrors them in data-music ("pitch:start:duration …") for tests. */
const MUSIC_ATTR_MAX = 2000;

export function MelodyStudio({
  api,
  active,
  models,
  modelsState,
  onRetryModels,
  openRequest,
  onModelShown,
}: Props): ReactElement {
  const shell = useShell();
  const { reportError, clearError, notify } = shell;
  const id = useId();

  // ------------------------------------------------------------------ the clip in the roll
  const editor = useMelodyEditor([]);
  const notes = useMemo(() => toContractNotes(editor.notes), [editor.notes]);
  const [bpm, setBpmValue] = useState(120);
  const [bpmText, setBpmText] = useState('120');
  const setBpm = (v: number): void => {
    const b = Math.min(300, Math.max(20, Math.round(v * 100) / 100));
    setBpmValue(b);
    setBpmText(String(b));
  };
  const [name, setName] = useState('');
  const [openedFrom, setOpenedFrom] = useState<{ id: string; title: string } | null>(null);
  const [baseline, setBaseline] = useState<Baseline>({ notes: [], bpm: 120, name: '' });
  const [provenance, setProvenance] = useState<Provenance | null>(null);
  const [latent, setLatent] = useState<LatentState | null>(null);
  const dirty = !sameMusic(notes, baseline.notes) || bpm !== baseline.bpm || name !== baseline.name;

  // ------------------------------------------------------------------ models
  const vae = findModel(models, VAE_ID);
  const rnn = findModel(models, RNN_ID);
  const listed = modelsState === 'loaded';
  const blocker = modelsBlocker(modelsState, onRetryModels);
  const problems: Record<string, string | null> = {
    [VAE_ID]: listed ? modelProblem(vae, VAE_ID, TASKS[VAE_ID]!) : null,
    [RNN_ID]: listed ? modelProblem(rnn, RNN_ID, TASKS[RNN_ID]!) : null,
  };
  const usable = (tab: MelodyTab): boolean => listed && problems[MODEL_TABS[tab]] === null;

  useEffect(() => {
    onModelShown?.(vae);
  }, [vae, onModelShown]);

  // ------------------------------------------------------------------ form and tabs
  const [form, setFormState] = useState<MelodyForm>(() => initialForm(randomSeed()));
  const setForm: SetForm = useCallback((update) => setFormState(update), []);
  const [tab, setTab] = useState<MelodyTab>('generate');
  const [runs, setRuns] = useState<Partial<Record<MelodyTab, TakeRun & { params: Record<string, unknown> }>>>(
    {},
  );
  const [busy, setBusy] = useState<MelodyTab | null>(null);
  const [scrub, setScrub] = useState(0);
  const scale = useMemo(
    () => (form.scale === 'chromatic' ? null : scalePitchClasses(form.key, form.scale)),
    [form.key, form.scale],
  );

  // ------------------------------------------------------------------ transport
  const [loopOn, setLoopOn] = useState(false);
  const [loopRegion, setLoopRegion] = useState<LoopRegion | null>(null);
  const [metronome, setMetronome] = useState(false);
  const [volumeDb, setVolumeDb] = useState(-6);
  const transport = useTransport(
    { notes, bpm, loop: loopOn, loopRegion, metronome, volumeDb, active },
    reportError,
  );
  const { audition, previewNote, getPlayhead, seek } = transport;
  const onAudition = useCallback((p: number, v: number) => void previewNote(p, v), [previewNote]);
  const onLoopChange = useCallback((loop: LoopRegion | null) => {
    setLoopRegion(loop);
    if (loop) setLoopOn(true);
  }, []);

  // ------------------------------------------------------------------ library clips
  const library = useLibraryList(api, CLIPS, reportError);
  const records = useMemo(() => (library.items ? recordsFrom(library.items) : null), [library.items]);
  const recordsRef = useRef(records);
  useEffect(() => {
    recordsRef.current = records;
  });

  // A clip deleted since it was opened (here or in the Library) is no longer the saved clip's parent.
  const openedGone =
    openedFrom !== null &&
    records !== null &&
    records.length < CLIPS.limit &&
    !records.some((r) => r.id === openedFrom.id);
  const opened = openedGone ? null : openedFrom;

  // ------------------------------------------------------------------ confirmations
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const guard = (text: string, ok: string, run: () => void): void => {
    if (dirty && notes.length > 0) setConfirm({ text, ok, run });
    else run();
  };

  // ------------------------------------------------------------------ loading clips
  const loadNotes = (
    list: readonly Note[],
    opts: { bpm: number; name: string; from: { id: string; title: string } | null },
  ): void => {
    const rolled = toRollNotes(list);
    editor.reset(rolled);
    setBpm(opts.bpm);
    setName(opts.name);
    setOpenedFrom(opts.from);
    setBaseline({
      notes: toContractNotes(rolled),
      bpm: Math.min(300, Math.max(20, opts.bpm)),
      name: opts.name,
    });
    setProvenance(null);
    setLatent(null);
  };

  const openRecord = (r: MelodyRecord): void => {
    guard(`The roll has unsaved changes. Open “${r.title}” anyway?`, 'Open', () => {
      transport.stop();
      loadNotes(r.notes, { bpm: r.bpm, name: r.name, from: { id: r.id, title: r.title } });
    });
  };

  const openFromLibrary = useEffectEvent((gen: Generation) => {
    const r = recordFromGeneration(gen);
    if (!r) {
      reportError({ code: 'invalid-input', message: `“${gen.title}” holds no notes the studio can read.` });
      return;
    }
    openRecord(r);
  });
  useEffect(() => {
    // The Library's Open arrives as a prop (the studio may mount because of it): act on it once.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (openRequest) openFromLibrary(openRequest.generation);
  }, [openRequest]);

  const newClip = (): void => {
    guard('The roll has unsaved changes. Start a new clip anyway?', 'New clip', () => {
      transport.stop();
      loadNotes([], { bpm, name: '', from: null });
      setLoopRegion(null);
    });
  };

  // ------------------------------------------------------------------ drafts
  const store = useMemo(() => draftStore(), []);
  const [offer, setOffer] = useState<MelodyDraft | null>(() => {
    const d = readDraft(store);
    return d && d.notes.length > 0 ? d : null;
  });
  const draftNow = useRef<MelodyDraft | null>(null);
  useEffect(() => {
    draftNow.current = dirty ? { notes, bpm, name, parentId: opened?.id ?? null, savedAt: Date.now() } : null;
    const t = setTimeout(() => {
      if (draftNow.current) writeDraft(store, draftNow.current);
      else if (!offer) clearDraft(store);
    }, 250);
    return () => clearTimeout(t);
  }, [dirty, notes, bpm, name, opened, offer, store]);
  useEffect(() => {
    const flush = (): void => {
      if (draftNow.current) writeDraft(store, draftNow.current);
    };
    window.addEventListener('pagehide', flush);
    return () => window.removeEventListener('pagehide', flush);
  }, [store]);

  const restoreDraft = (): void => {
    if (!offer) return;
    const d = offer;
    const parent = d.parentId ? recordsRef.current?.find((r) => r.id === d.parentId) : undefined;
    loadNotes([], { bpm: d.bpm, name: d.name, from: parent ? { id: parent.id, title: parent.title } : null });
    editor.replaceAll(toRollNotes(d.notes), 'Restore unsaved clip');
    setBaseline(
      parent
        ? { notes: toContractNotes(toRollNotes(parent.notes)), bpm: parent.bpm, name: parent.name }
        : { notes: [], bpm: d.bpm, name: d.name },
    );
    setOffer(null);
  };
  const discardDraft = (): void => {
    setOffer(null);
    if (!dirty) clearDraft(store);
  };

  // ------------------------------------------------------------------ saving
  const [saving, setSaving] = useState(false);
  const save = async (): Promise<void> => {
    if (saving) return;
    if (notes.length === 0) {
      reportError({
        code: 'invalid-input',
        message: 'The roll is empty: draw or generate some notes to save.',
      });
      return;
    }
    setSaving(true);
    try {
      const p = provenance && sameMusic(provenance.notes, notes) ? provenance : null;
      const gen = await api.melody.save({
        clip: { notes, bpm, name },
        origin: p?.origin ?? 'edit',
        ...(p?.model ? { model: p.model } : {}),
        seed: p?.seed ?? 0,
        params: { ...(p?.params ?? {}), name },
        ...(p?.latents ? { latents: p.latents } : {}),
        parentId: opened?.id ?? null,
      });
      library.add(gen);
      setOpenedFrom({ id: gen.id, title: gen.title });
      setBaseline({ notes, bpm, name });
      clearDraft(store);
      setOffer(null);
      notify(`Saved “${gen.title}” to the library`);
    } catch (err) {
      reportError(err);
    } finally {
      setSaving(false);
    }
  };

  const deleteRecord = async (r: MelodyRecord): Promise<void> => {
    try {
      await api.library.delete({ id: r.id });
      library.remove(r.id);
      if (opened?.id === r.id) setOpenedFrom(null);
      setForm((f) => ({
        ...f,
        interpolate: {
          ...f.interpolate,
          a: f.interpolate.a === r.id ? '' : f.interpolate.a,
          b: f.interpolate.b === r.id ? '' : f.interpolate.b,
        },
      }));
    } catch (err) {
      reportError(err);
    }
  };

  // ------------------------------------------------------------------ model runs
  const resolveEnd = (end: string): readonly Note[] | null => {
    if (end === CURRENT_ROLL) return notes;
    return records?.find((r) => r.id === end)?.notes ?? null;
  };

  const runTab = async (which: MelodyTab): Promise<void> => {
    if (which === 'latent') {
      encode();
      return;
    }
    if (busy || !usable(which)) return;
    const seed = seedForRun(form, randomSeed);
    if (!seed.ok) {
      reportError({ code: 'invalid-input', message: seed.message, field: 'seed' });
      return;
    }
    const model = MODEL_TABS[which];
    const fail = (b: FieldProblem): void =>
      reportError({ code: 'invalid-input', message: b.message, field: b.field });
    let request: () => Promise<MelodyTakes>;
    let params: Record<string, unknown>;
    if (which === 'generate') {
      const b = generateInput(form, seed.value);
      if (!b.ok) return fail(b);
      params = { ...b.input };
      request = () => api.melody.generate({ model, ...b.input });
    } else if (which === 'continue') {
      const b = continueInput(
        form,
        seed.value,
        toContractNotes(selectedOrAll(editor.notes, editor.selection)),
      );
      if (!b.ok) return fail(b);
      const { notes: _context, ...rest } = b.input;
      params = rest;
      request = () => api.melody.continue({ model, ...b.input });
    } else if (which === 'variations') {
      const b = variationsInput(form, seed.value, notes);
      if (!b.ok) return fail(b);
      const { notes: _source, ...rest } = b.input;
      params = rest;
      request = () => api.melody.variations({ model, ...b.input });
    } else {
      const b = interpolateInput(form, seed.value, resolveEnd);
      if (!b.ok) return fail(b);
      const { from: _from, to: _to, ...rest } = b.input;
      params = { ...rest, a: form.interpolate.a, b: form.interpolate.b };
      request = () => api.melody.interpolate({ model, ...b.input });
    }
    setForm((f) => ({ ...f, seed: String(seed.value) }));
    setBusy(which);
    clearError();
    try {
      const out = await request();
      setRuns((r) => ({
        ...r,
        [which]: {
          id: `run-${++runCounter}`,
          takes: out.takes,
          model: out.model,
          seed: seed.value,
          durationMs: out.durationMs,
          params,
        },
      }));
      if (which === 'interpolate') setScrub(0);
    } catch (err) {
      reportError(err);
    } finally {
      setBusy(null);
    }
  };

  const takeIntoRoll = async (which: MelodyTab, take: MelodyTake, index: number): Promise<void> => {
    const run = runs[which];
    if (!run) return;
    transport.stop();
    const base: Omit<Provenance, 'origin' | 'notes'> = {
      model: run.model,
      seed: run.seed,
      params: { ...run.params, take: index },
      ...(take.latents ? { latents: take.latents } : {}),
    };
    if (which === 'continue') {
      const { notes: next, ids } = appendTake(editor.notes, take.notes);
      editor.apply('Continue', next);
      editor.setSelection(new Set(ids));
      setProvenance({ origin: 'continue', notes: toContractNotes(next), ...base, latents: undefined });
      return;
    }
    const rolled = toRollNotes(take.notes);
    const label =
      which === 'generate'
        ? 'Use generated take'
        : which === 'variations'
          ? 'Use variation'
          : 'Use interpolation';
    editor.replaceAll(rolled, label);
    const used = toContractNotes(rolled);
    const origin = which === 'generate' ? 'generate' : which === 'variations' ? 'variation' : 'interpolate';
    setProvenance({ origin, notes: used, ...base });
    if (which !== 'generate') return;
    // A generated take goes to the library at once, with everything that makes it again.
    try {
      const gen = await api.melody.save({
        clip: { notes: used, bpm, name: '' },
        origin: 'generate',
        model: run.model,
        seed: run.seed,
        params: { ...base.params, name: '' },
        ...(take.latents ? { latents: take.latents } : {}),
        parentId: null,
      });
      library.add(gen);
      setName('');
      setOpenedFrom({ id: gen.id, title: gen.title });
      setBaseline({ notes: used, bpm, name: '' });
      notify(`Saved “${gen.title}” to the library`);
    } catch (err) {
      reportError(err);
    }
  };

  // ------------------------------------------------------------------ latent sliders
  const [encoding, setEncoding] = useState(false);
  const [decoding, setDecoding] = useState(false);
  /** The notes the sliders' last decode showed in the roll (a preview while they are on show). */
  const [previewed, setPreviewed] = useState<readonly RollNote[] | null>(null);
  const previewing = previewed !== null && editor.notes === previewed;
  const pca = vae?.melody?.pca ?? null;
  const dim = vae?.melody?.dim ?? 0;
  const sliders = sliderCount(pca, dim);
  const shares = useMemo(() => (pca ? varianceShares(pca.variance) : []), [pca]);

  const onDecoded = (take: MelodyTake): void => {
    setDecoding(false);
    const shown = toRollNotes(take.notes);
    editor.preview(shown);
    setPreviewed(shown);
    if (form.latent.autoAudition && transport.state.mode !== 'roll') {
      setLoopOn(true);
      void transport.play();
    }
  };
  const onDecodeError = (err: unknown): void => {
    setDecoding(false);
    reportError(err);
  };
  const decodeHandlers = useRef({ onDecoded, onDecodeError });
  useEffect(() => {
    decodeHandlers.current = { onDecoded, onDecodeError };
  });
  /** The decodes in flight (created on first use; only the newest answer is shown). */
  const decoderRef = useRef<Latest<Parameters<AtelierApi['melody']['decode']>[0]> | null>(null);
  const decoder = (): Latest<Parameters<AtelierApi['melody']['decode']>[0]> =>
    (decoderRef.current ??= createLatest(
      (input: Parameters<AtelierApi['melody']['decode']>[0]) => api.melody.decode(input),
      (take) => decodeHandlers.current.onDecoded(take),
      (err) => decodeHandlers.current.onDecodeError(err),
    ));

  const decodeAt = (
    l: LatentState,
    values: readonly number[],
    temperature = form.latent.temperature,
  ): void => {
    if (!pca || !vae) return;
    setDecoding(true);
    decoder().want({
      model: vae.id,
      latents: moveLatents(l.base, pca, values),
      bars: l.bars,
      temperature,
      key: form.key,
      scale: form.scale,
      seed: 0,
    });
  };

  const encode = (): void => {
    if (!usable('latent') || encoding || !vae) return;
    if (notes.length === 0) {
      reportError({
        code: 'invalid-input',
        message: 'The roll is empty: draw or generate some notes to encode.',
      });
      return;
    }
    if (previewing) {
      decoder().cancel();
      editor.cancel();
    }
    setPreviewed(null);
    const from = previewing ? toContractNotes(editor.notes) : notes;
    setEncoding(true);
    api.melody.encode({ model: vae.id, notes: from }).then(
      (out) => {
        setEncoding(false);
        setLatent({
          base: out.latents,
          bars: barsOf(from),
          from,
          values: new Array<number>(sliders).fill(0),
        });
      },
      (err: unknown) => {
        setEncoding(false);
        reportError(err);
      },
    );
  };

  const onSlider = (k: number, v: number): void => {
    if (!latent) return;
    if (form.latent.autoAudition) transport.unlock();
    const values = latent.values.map((x, i) => (i === k ? v : x));
    const next = { ...latent, values };
    setLatent(next);
    decodeAt(next, values);
  };

  const onLatentTemperature = (v: number): void => {
    setForm((f) => ({ ...f, latent: { ...f.latent, temperature: v } }));
    // What the sliders show is decoded again at the new temperature.
    if (latent && (previewing || latent.values.some((x) => x !== 0))) decodeAt(latent, latent.values, v);
  };

  const applyLatent = (): void => {
    if (!previewing) return;
    editor.commit('Latent sliders');
    setPreviewed(null);
    setProvenance(
      latent && pca
        ? {
            origin: 'variation',
            notes: toContractNotes(editor.notes),
            ...(vae ? { model: vae.id } : {}),
            seed: 0,
            params: { sliders: latent.values },
            latents: moveLatents(latent.base, pca, latent.values),
          }
        : null,
    );
  };

  const resetLatent = (): void => {
    if (!latent) return;
    decoder().cancel();
    setDecoding(false);
    const zero = latent.values.map(() => 0);
    const next = { ...latent, values: zero };
    setLatent(next);
    setPreviewed(null);
    if (previewing) editor.cancel();
    else if (!sameMusic(latent.from, notes)) decodeAt(next, zero);
  };

  const latentStale = latent !== null && !previewing && !sameMusic(latent.from, notes) && !decoding;

  // ------------------------------------------------------------------ MIDI
  const [picker, setPicker] = useState<Imported | null>(null);
  const [importing, setImporting] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const loadImported = (file: Imported, index: number): void => {
    const track = file.tracks.find((t) => t.index === index);
    setPicker(null);
    if (!track) return;
    transport.stop();
    const rolled = toRollNotes(track.notes);
    editor.replaceAll(rolled, 'Import MIDI');
    setBpm(file.bpm);
    setName(file.name.slice(0, 120));
    setOpenedFrom(null);
    setProvenance({ origin: 'import', notes: toContractNotes(rolled), params: { track: track.name } });
    notify(`Imported ${track.notes.length} notes from “${track.name}”`);
  };

  const importFile = async (file: File): Promise<void> => {
    if (importing) return;
    if (file.size > MELODY_MAX_MIDI_BYTES) {
      reportError({
        code: 'invalid-input',
        message: `“${file.name}” is too large to import (at most ${MELODY_MAX_MIDI_BYTES >> 20} MiB).`,
      });
      return;
    }
    setImporting(true);
    clearError();
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const out = await api.melody.importMidi({ bytes, fileName: file.name });
      if (out.tracks.length === 1) loadImported(out, out.tracks[0]!.index);
      else setPicker(out);
    } catch (err) {
      reportError(err);
    } finally {
      setImporting(false);
    }
  };

  const exportMidi = async (): Promise<void> => {
    const list =
      editor.selection.size > 0 ? toContractNotes(selectedOrAll(editor.notes, editor.selection)) : notes;
    if (list.length === 0) {
      reportError({ code: 'invalid-input', message: 'The roll is empty: there is nothing to export.' });
      return;
    }
    try {
      const out = await api.melody.exportMidi({ clip: { notes: list, bpm, name: clipName } });
      downloadBlob(new Blob([new Uint8Array(out.bytes)], { type: out.mime }), out.fileName);
      notify(
        `Downloaded ${out.fileName}${editor.selection.size > 0 ? ` (${list.length} selected notes)` : ''}`,
      );
    } catch (err) {
      reportError(err);
    }
  };

  const [rendering, setRendering] = useState(false);
  const exportWav = async (): Promise<void> => {
    if (rendering) return;
    if (notes.length === 0) {
      reportError({ code: 'invalid-input', message: 'The roll is empty: there is nothing to render.' });
      return;
    }
    setRendering(true);
    try {
      const bytes = await renderWav(notes, bpm);
      const fileName = melodyFileName(clipName, 'wav');
      downloadBlob(new Blob([new Uint8Array(bytes)], { type: 'audio/wav' }), fileName);
      notify(`Downloaded ${fileName}`);
    } catch (err) {
      reportError(err);
    } finally {
      setRendering(false);
    }
  };

  // ------------------------------------------------------------------ dragging clips out
  const clipName = name || opened?.title || '';
  const [dragOut, setDragOut] = useState(false);
  useEffect(() => {
    let live = true;
    api.app.info().then(
      (i) => {
        if (live) setDragOut(i.capabilities.dragOut);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);

  /** Object URLs of .mid files ready for a drag (a drag cannot wait for main). */
  const dragFiles = useRef(new Map<string, { url: string; fileName: string }>());
  const keepDragFile = (key: string, blob: Blob, fileName: string): void => {
    const old = dragFiles.current.get(key);
    if (old) URL.revokeObjectURL(old.url);
    dragFiles.current.set(key, { url: URL.createObjectURL(blob), fileName });
  };
  useEffect(() => {
    const files = dragFiles.current;
    return () => {
      for (const f of files.values()) URL.revokeObjectURL(f.url);
      files.clear();
    };
  }, []);
  useEffect(() => {
    if (dragOut || notes.length === 0) return;
    let live = true;
    const t = setTimeout(() => {
      api.melody.exportMidi({ clip: { notes, bpm, name: clipName } }).then(
        (out) => {
          if (live)
            keepDragFile('roll', new Blob([new Uint8Array(out.bytes)], { type: out.mime }), out.fileName);
        },
        () => undefined,
      );
    }, 400);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [api, dragOut, notes, bpm, clipName]);

  const prepareClipDrag = (r: MelodyRecord): void => {
    if (dragOut || dragFiles.current.has(r.id)) return;
    assetBlob(api, r.id, 'midi').then(
      (blob) => keepDragFile(r.id, blob, generationFileName(r.generation)),
      () => undefined,
    );
  };

  const startDrag = (key: string, clip: { notes: Note[]; bpm: number; name: string }, e: DragEvent): void => {
    if (clip.notes.length === 0) {
      e.preventDefault();
      return;
    }
    if (dragOut) {
      e.preventDefault();
      api.melody.startDrag({ clip }).catch(reportError);
      return;
    }
    const file = dragFiles.current.get(key);
    if (!file) {
      e.preventDefault();
      notify('The .mid file is still being prepared: drag again in a moment.');
      return;
    }
    e.dataTransfer.effectAllowed = 'copy';
    e.dataTransfer.setData('DownloadURL', downloadUrlData(file.fileName, file.url));
    e.dataTransfer.setData('text/plain', file.fileName);
  };

  // ------------------------------------------------------------------ keyboard
  const toggleLoop = (): void => setLoopOn((on) => !on);
  const toggleMetronome = (): void => {
    transport.unlock();
    setMetronome((on) => !on);
  };
  useWindowKeydown(active, (e: KeyboardEvent) => {
    if (e.defaultPrevented || picker || confirm) return;
    const action = studioKeyAction(e, focusKind(document.activeElement as HTMLElement | null));
    if (!action) return;
    e.preventDefault();
    if (action === 'play') void transport.toggle();
    else if (action === 'loop') toggleLoop();
    else if (action === 'metronome') toggleMetronome();
    else if (action === 'run') void runTab(tab);
    else void save();
  });

  // ------------------------------------------------------------------ drop a .mid file
  const [dropping, setDropping] = useState(false);
  const hasFiles = (e: DragEvent): boolean => [...e.dataTransfer.types].includes('Files');

  // ------------------------------------------------------------------ render
  const selected = editor.selection.size;
  const run = tab !== 'latent' ? (runs[tab] ?? null) : null;
  const tabModel = MODEL_TABS[tab];
  const tabProblem = problems[tabModel];
  const tabDisabled = !usable(tab);
  const auditioning = transport.state.mode === 'audition' ? transport.state.auditioning : null;
  const bpmOk = parseNumber(bpmText, RULES.bpm).ok;

  const music = useMemo(() => (notes.length <= MUSIC_ATTR_MAX ? notesAttr(notes) : ''), [notes]);
  const auditionTake = (key: string, take: MelodyTake): void => void audition(key, take.notes, bpm);

  return (
    <div
      className={`studio melody-studio${dropping ? ' is-dropping' : ''}`}
      data-testid="melody-studio"
      data-dirty={dirty ? 'true' : 'false'}
      data-playing={transport.state.mode}
      data-opened={opened?.id ?? ''}
      data-music={music}
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        if (!dropping) setDropping(true);
      }}
      onDragLeave={(e) => {
        if (e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget)) return;
        setDropping(false);
      }}
      onDrop={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setDropping(false);
        const file = e.dataTransfer.files[0];
        if (file) void importFile(file);
      }}
    >
      <aside className="studio-panel melody-shelf" aria-label="Clips">
        <header className="panel-header">
          <h1>Melody Sketcher</h1>
        </header>
        <section className="panel-section melody-shelf-actions">
          <div className="button-row wrap">
            <button type="button" className="button" data-testid="melody-new" onClick={newClip}>
              <Icon name="plus" />
              New clip
            </button>
            <button
              type="button"
              className="button primary"
              data-testid="melody-save"
              aria-keyshortcuts="Control+S"
              disabled={saving || notes.length === 0}
              onClick={() => void save()}
            >
              <Icon name="library" />
              {saving ? 'Saving…' : 'Save clip'}
            </button>
          </div>
          <div className="button-row">
            <button
              type="button"
              className="button small"
              disabled={importing}
              onClick={() => fileInput.current?.click()}
            >
              <Icon name="open" size={14} />
              {importing ? 'Reading…' : 'Import MIDI…'}
            </button>
            <input
              ref={fileInput}
              type="file"
              accept=".mid,.midi,audio/midi,audio/x-midi"
              className="visually-hidden"
              data-testid="melody-import"
              tabIndex={-1}
              aria-label="Import a MIDI file"
              onChange={(e) => {
                const f = e.target.files?.[0];
                e.target.value = '';
                if (f) void importFile(f);
              }}
            />
          </div>
          <div className="button-row">
            <button
              type="button"
              className="button small"
              data-testid="melody-export-midi"
              disabled={notes.length === 0}
              title={
                selected > 0 ? 'Export the selected notes as a .mid file' : 'Export the clip as a .mid file'
              }
              onClick={() => void exportMidi()}
            >
              <Icon name="download" size={14} />
              MIDI
            </button>
            <button
              type="button"
              className="button small"
              data-testid="melody-export-wav"
              disabled={notes.length === 0 || rendering}
              aria-busy={rendering}
              title="Render the clip with the studio’s sound as a WAV file"
              onClick={() => void exportWav()}
            >
              <Icon name="download" size={14} />
              {rendering ? 'Rendering…' : 'WAV'}
            </button>
          </div>
          {rendering ? (
            <div className="progress" aria-label="Rendering audio">
              <div className="progress-fill melody-indeterminate" />
            </div>
          ) : null}
        </section>
        <section className="panel-section melody-shelf-section" aria-labelledby={`${id}-shelf`}>
          <h2 id={`${id}-shelf`} className="section-title">
            Clips
          </h2>
          <ClipShelf
            api={api}
            records={records}
            openId={opened?.id ?? null}
            auditioning={auditioning}
            onOpen={openRecord}
            onAudition={(r) => void audition(clipAuditionKey(r.id), r.notes, r.bpm)}
            onDelete={deleteRecord}
            onPrepareDrag={prepareClipDrag}
            onDragStart={(r, e) =>
              startDrag(r.id, { notes: r.notes, bpm: r.bpm, name: r.name || r.title }, e)
            }
          />
        </section>
      </aside>

      <section className="studio-main melody-main" aria-label="Melody">
        <div className="melody-transport" role="toolbar" aria-label="Transport">
          {transport.playing ? (
            <button
              type="button"
              className="button primary melody-play"
              data-testid="melody-stop"
              aria-keyshortcuts="Space"
              onClick={transport.stop}
            >
              <Icon name="stop" />
              Stop
            </button>
          ) : (
            <button
              type="button"
              className="button primary melody-play"
              data-testid="melody-play"
              aria-keyshortcuts="Space"
              disabled={notes.length === 0}
              onClick={() => void transport.play()}
            >
              <Icon name="play" />
              Play
            </button>
          )}
          <button
            type="button"
            className={`button${loopOn ? ' is-on' : ''}`}
            data-testid="melody-loop"
            aria-pressed={loopOn}
            aria-keyshortcuts="L"
            title={loopRegion ? 'Loop the region set in the ruler' : 'Loop the whole clip'}
            onClick={toggleLoop}
          >
            Loop{loopOn && loopRegion ? ' region' : ''}
          </button>
          <button
            type="button"
            className={`button${metronome ? ' is-on' : ''}`}
            data-testid="melody-metronome"
            aria-pressed={metronome}
            aria-keyshortcuts="M"
            onClick={toggleMetronome}
          >
            Metronome
          </button>
          <label className="melody-transport-field">
            <span>Tempo</span>
            <input
              type="number"
              data-testid="melody-bpm"
              min={20}
              max={300}
              step={1}
              value={bpmText}
              aria-invalid={bpmOk ? undefined : true}
              title="Tempo in beats per minute (20–300)"
              onChange={(e) => {
                const t = e.target.value;
                setBpmText(t);
                const p = parseNumber(t, RULES.bpm);
                if (p.ok) setBpmValue(p.value);
              }}
              onBlur={() => setBpmText(String(bpm))}
            />
            <span className="muted">bpm</span>
          </label>
          <label className="melody-transport-field" title="Volume">
            <span>Vol</span>
            <input
              type="range"
              data-testid="melody-volume"
              min={-40}
              max={6}
              step={1}
              value={volumeDb}
              onChange={(e) => setVolumeDb(e.target.valueAsNumber)}
            />
          </label>
          <span className="melody-transport-spacer" />
          <span className="melody-clip-name">
            {dirty ? (
              <span
                className="melody-dirty"
                data-testid="melody-dirty"
                title="Unsaved changes"
                aria-label="Unsaved changes"
              >
                ●
              </span>
            ) : null}
            <input
              type="text"
              data-testid="melody-name"
              className="melody-name-input"
              placeholder={opened?.title ?? 'Untitled clip'}
              maxLength={120}
              value={name}
              aria-label="Clip name"
              onChange={(e) => setName(e.target.value)}
            />
          </span>
          <span
            className={`melody-drag${notes.length === 0 ? ' is-disabled' : ''}`}
            data-testid="melody-drag"
            draggable={notes.length > 0}
            role="button"
            tabIndex={-1}
            title="Drag the clip out of the window as a .mid file"
            onDragStart={(e) => startDrag('roll', { notes, bpm, name: clipName }, e)}
          >
            ⠿ .mid
          </span>
        </div>

        {offer ? (
          <div className="callout melody-offer" role="status" data-testid="melody-draft-offer">
            <span>
              An unsaved clip ({offer.notes.length} notes) was left on{' '}
              {new Date(offer.savedAt).toLocaleString()}.
            </span>
            <button
              type="button"
              className="button small primary"
              data-testid="melody-draft-restore"
              onClick={restoreDraft}
            >
              Restore
            </button>
            <button
              type="button"
              className="button small"
              data-testid="melody-draft-discard"
              onClick={discardDraft}
            >
              Discard
            </button>
          </div>
        ) : null}
        {confirm ? (
          <div
            className="callout melody-offer"
            role="alertdialog"
            aria-label="Confirm"
            data-testid="melody-confirm"
          >
            <span>{confirm.text}</span>
            <button
              type="button"
              className="button small danger"
              data-testid="melody-confirm-ok"
              onClick={() => {
                setConfirm(null);
                confirm.run();
              }}
            >
              {confirm.ok}
            </button>
            <button
              type="button"
              className="button small"
              data-testid="melody-confirm-cancel"
              autoFocus
              onClick={() => setConfirm(null)}
            >
              Cancel
            </button>
          </div>
        ) : null}

        <div className="melody-roll-host">
          <PianoRoll
            editor={editor}
            onAudition={onAudition}
            getPlayhead={getPlayhead}
            onSeek={seek}
            loop={loopRegion}
            onLoopChange={onLoopChange}
            scale={scale}
            minBars={4}
          />
        </div>
      </section>

      <aside className="studio-panel melody-side" aria-label="Models">
        <div className="melody-tabs" role="tablist" aria-label="Model tools">
          {TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`${id}-tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls={`${id}-panel`}
              className="melody-tab"
              data-testid={`melody-tab-${t.id}`}
              onClick={() => setTab(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
        <div
          className="melody-tab-panel"
          role="tabpanel"
          id={`${id}-panel`}
          aria-labelledby={`${id}-tab-${tab}`}
        >
          {blocker || tabProblem ? (
            <section className="panel-section">
              <div className="callout callout-bad" data-testid="melody-model-error">
                {blocker ?? tabProblem}
              </div>
            </section>
          ) : null}
          <section className="panel-section">
            {tab === 'generate' ? (
              <GenerateFields form={form} setForm={setForm} disabled={tabDisabled} />
            ) : null}
            {tab === 'continue' ? (
              <ContinueFields form={form} setForm={setForm} disabled={tabDisabled} selected={selected} />
            ) : null}
            {tab === 'variations' ? (
              <VariationsFields form={form} setForm={setForm} disabled={tabDisabled} />
            ) : null}
            {tab === 'interpolate' ? (
              <InterpolateFields
                form={form}
                setForm={setForm}
                disabled={tabDisabled}
                records={records ?? []}
                rollNotes={notes.length}
              />
            ) : null}
            {tab === 'latent' ? (
              <LatentPanel
                encoded={latent !== null}
                stale={latentStale}
                values={latent?.values ?? []}
                shares={shares}
                segments={latent?.base.length ?? 0}
                encoding={encoding}
                decoding={decoding}
                previewing={previewing}
                disabled={tabDisabled || sliders === 0}
                canEncode={notes.length > 0}
                temperature={form.latent.temperature}
                autoAudition={form.latent.autoAudition}
                onEncode={encode}
                onSlider={onSlider}
                onTemperature={onLatentTemperature}
                onAutoAudition={(on) => setForm((f) => ({ ...f, latent: { ...f.latent, autoAudition: on } }))}
                onApply={applyLatent}
                onReset={resetLatent}
              />
            ) : null}
          </section>
          {tab !== 'latent' ? (
            <section className="panel-section">
              <SamplingFields form={form} setForm={setForm} />
              <div className="generate-row">
                <button
                  type="button"
                  className="button primary"
                  data-testid={`melody-${tab}`}
                  aria-keyshortcuts="Control+Enter"
                  disabled={tabDisabled || busy !== null}
                  onClick={() => void runTab(tab)}
                >
                  {busy === tab ? RUN_LABELS[tab][1] : RUN_LABELS[tab][0]}
                  <kbd className="shortcut">Ctrl+↵</kbd>
                </button>
              </div>
            </section>
          ) : (
            <section className="panel-section">
              <SamplingFields form={form} setForm={setForm} />
            </section>
          )}
          {run ? (
            <section className="panel-section" aria-label="Takes">
              {tab === 'interpolate' && run.takes.length > 1 ? (
                <div className="field">
                  <div className="field-row">
                    <label className="field-label" htmlFor={`${id}-scrub`}>
                      Along the path
                    </label>
                    <output className="field-value">
                      {scrub + 1} / {run.takes.length}
                    </output>
                  </div>
                  <input
                    id={`${id}-scrub`}
                    type="range"
                    data-testid="melody-interp-scrub"
                    min={0}
                    max={run.takes.length - 1}
                    step={1}
                    value={scrub}
                    onChange={(e) => {
                      const i = e.target.valueAsNumber;
                      setScrub(i);
                      const t = run.takes[i];
                      if (t) auditionTake(`${run.id}:${i}`, t);
                    }}
                  />
                </div>
              ) : null}
              <TakeList
                run={run}
                auditioning={auditioning}
                current={tab === 'interpolate' ? scrub : undefined}
                useLabel={tab === 'continue' ? 'Append' : 'Use'}
                labelFor={
                  tab === 'interpolate'
                    ? (i, n) => (i === 0 ? 'Step 1 (≈ A)' : i === n - 1 ? `Step ${n} (≈ B)` : `Step ${i + 1}`)
                    : undefined
                }
                onAudition={auditionTake}
                onUse={(t, i) => void takeIntoRoll(tab, t, i)}
              />
            </section>
          ) : null}
          <section className="panel-section">
            <MelodyHelp />
            <p className="muted melody-shortcut-line">
              {STUDIO_SHORTCUTS.slice(0, 3)
                .map((s) => `${s.keys.join('+')} ${s.what.toLowerCase()}`)
                .join(' · ')}
            </p>
          </section>
        </div>
      </aside>

      {picker ? (
        <MidiTrackPicker
          file={picker}
          onPick={(i) => loadImported(picker, i)}
          onCancel={() => setPicker(null)}
        />
      ) : null}
      {dropping ? (
        <div className="latent-drop" aria-hidden="true">
          Drop the .mid file to import it
        </div>
      ) : null}
    </div>
  );
}
