/**
 * The Melody Sketcher: a transport bar, the piano roll, a clip shelf and the model tabs
 * (Generate / Continue / Variations / Interpolate / Latent sliders) around one melody editor.
 * Playback is Tone.js in the page; the models, the library and MIDI files go through main.
 *
 * Each feature keeps its state and logic in a hook: the clip in the roll (`useClip`), the models
 * (`useMelodyModels`), their takes (`useTakes`), the latent sliders (`useLatentSliders`), the shelf
 * (`useClipShelf`), drafts (`useDraft`), saving (`useSaveClip`), MIDI import (`useMidiImport`),
 * exports (`useClipExport`), drag-out (`useDragOut`) and the keyboard (`useStudioKeys`). This
 * component wires them together and lays out the panels.
 */
import { useCallback, useMemo, useState, type ReactElement } from 'react';
import type { MelodyTake } from '../../../preload/contract';
import { scalePitchClasses } from '../../../preload/melody';
import { useShell } from '../shell/ShellContext';
import type { StudioProps } from '../shell/studio';
import { useFileDrop } from '../shell/useFileDrop';
import { randomSeed } from '../shell/seed';
import { clipAuditionKey } from './ClipShelf';
import type { SetForm } from './fields';
import { initialForm, type MelodyForm, type MelodyTab } from './form';
import { MidiTrackPicker } from './MidiTrackPicker';
import { ModelPanel } from './ModelPanel';
import { notesAttr } from './notes';
import { PianoRoll } from './roll/PianoRoll';
import { ShelfPanel } from './ShelfPanel';
import { ConfirmBar, DraftOffer } from './StudioCallouts';
import type { LoopRegion } from './transport';
import { TransportBar } from './TransportBar';
import { useClip } from './useClip';
import { useClipExport } from './useClipExport';
import { useClipShelf, type LoadNotes } from './useClipShelf';
import { useDraft } from './useDraft';
import { useDragOut } from './useDragOut';
import { useLatentSliders } from './useLatentSliders';
import { useMelodyModels } from './useMelodyModels';
import { useMidiImport } from './useMidiImport';
import { useSaveClip } from './useSaveClip';
import { useStudioKeys } from './useStudioKeys';
import { useTakes } from './useTakes';
import { useTransport } from './useTransport';
import './melody.css';

type Props = Pick<
  StudioProps,
  'api' | 'active' | 'models' | 'modelsState' | 'onRetryModels' | 'openRequest' | 'onModelShown'
>;

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
  const { reportError, clearError, notify } = useShell();

  const clip = useClip();
  const { editor, notes, bpm } = clip;

  // ------------------------------------------------------------------ form, tabs and models
  const [form, setFormState] = useState<MelodyForm>(() => initialForm(randomSeed()));
  const setForm: SetForm = useCallback((update) => setFormState(update), []);
  const [tab, setTab] = useState<MelodyTab>('generate');
  const m = useMelodyModels({
    models,
    modelsState,
    onRetryModels,
    meter: clip.meter,
    tab,
    generateModel: form.generate.model,
    onModelShown,
  });
  // The clip's key and scale lock: the roll shades rows outside it and every tab runs with it.
  const { key: lockKey, scale: lockScale } = clip.lock;
  const scale = useMemo(
    () => (lockScale === 'chromatic' ? null : scalePitchClasses(lockKey, lockScale)),
    [lockKey, lockScale],
  );
  /** Notes the roll scrolls to (a continuation just appended). */
  const [reveal, setReveal] = useState<{ ids: ReadonlySet<string>; n: number } | null>(null);

  // ------------------------------------------------------------------ transport
  const [loopOn, setLoopOn] = useState(false);
  const [loopRegion, setLoopRegion] = useState<LoopRegion | null>(null);
  const [metronome, setMetronome] = useState(false);
  const [volumeDb, setVolumeDb] = useState(-6);
  const transport = useTransport(
    { notes, bpm, meter: clip.meter, loop: loopOn, loopRegion, metronome, volumeDb, active },
    reportError,
  );
  const { audition, previewNote, getPlayhead, seek } = transport;
  const onAudition = useCallback((p: number, v: number) => void previewNote(p, v), [previewNote]);
  const onLoopChange = useCallback((loop: LoopRegion | null) => {
    setLoopRegion(loop);
    if (loop) setLoopOn(true);
  }, []);
  const toggleLoop = (): void => setLoopOn((on) => !on);
  const toggleMetronome = (): void => {
    transport.unlock();
    setMetronome((on) => !on);
  };

  // ------------------------------------------------------------------ features
  const latent = useLatentSliders({
    api,
    vae: m.vae,
    usable: m.usable('latent'),
    clip,
    form,
    setForm,
    transport,
    loopOn: () => setLoopOn(true),
    reportError,
  });
  const loadNotes: LoadNotes = (list, opts) => {
    clip.load(list, opts);
    latent.clear();
  };
  const shelf = useClipShelf({
    api,
    clip,
    loadNotes,
    openRequest,
    stopTransport: transport.stop,
    onNewClip: () => setLoopRegion(null),
    setForm,
    reportError,
  });
  const { library, records, opened } = shelf;
  const draft = useDraft(clip, opened, records, loadNotes);
  const { saving, save } = useSaveClip({
    api,
    clip,
    opened,
    onSaved: (gen) => {
      library.add(gen);
      draft.forget();
    },
    reportError,
    notify,
  });
  const takes = useTakes({
    api,
    form,
    setForm,
    clip,
    records,
    usable: m.usable,
    modelFor: m.modelFor,
    generateIsVae: m.generateIsVae,
    stopTransport: transport.stop,
    onSaved: library.add,
    guard: shelf.guard,
    reportError,
    clearError,
    notify,
    onAppended: (ids) => setReveal((r) => ({ ids: new Set(ids), n: (r?.n ?? 0) + 1 })),
  });
  const runTab = (which: MelodyTab): void => {
    if (which === 'latent') latent.encode();
    else void takes.run(which);
  };
  const midi = useMidiImport({ api, clip, stopTransport: transport.stop, reportError, clearError, notify });
  const clipName = clip.name || opened?.title || '';
  const files = useClipExport(api, clip, clipName, reportError, notify);
  const signatures = { key: lockKey, scale: lockScale, timeSignature: clip.meter };
  const drag = useDragOut(api, { notes, bpm, name: clipName, ...signatures }, reportError, notify);
  const { dropping, dropProps } = useFileDrop((file) => void midi.importFile(file));

  useStudioKeys(active, midi.picker !== null || shelf.confirm !== null, {
    play: () => void transport.toggle(),
    loop: toggleLoop,
    metronome: toggleMetronome,
    run: () => runTab(tab),
    save: () => void save(),
  });

  // ------------------------------------------------------------------ render
  const auditioning = transport.state.mode === 'audition' ? transport.state.auditioning : null;
  const music = useMemo(() => (notes.length <= MUSIC_ATTR_MAX ? notesAttr(notes) : ''), [notes]);
  const auditionTake = (key: string, take: MelodyTake): void => void audition(key, take.notes, bpm);

  return (
    <div
      className={`studio melody-studio${dropping ? ' is-dropping' : ''}`}
      data-testid="melody-studio"
      data-dirty={clip.dirty ? 'true' : 'false'}
      data-playing={transport.state.mode}
      data-opened={opened?.id ?? ''}
      data-music={music}
      {...dropProps}
    >
      <ShelfPanel
        api={api}
        records={records}
        openId={opened?.id ?? null}
        auditioning={auditioning}
        hasNotes={notes.length > 0}
        hasSelection={editor.selection.size > 0}
        saving={saving}
        importing={midi.importing}
        rendering={files.rendering}
        onNew={shelf.newClip}
        onSave={() => void save()}
        onImport={(f) => void midi.importFile(f)}
        onExportMidi={() => void files.exportMidi()}
        onExportWav={() => void files.exportWav()}
        onOpen={shelf.openRecord}
        onAudition={(r) => void audition(clipAuditionKey(r.id), r.notes, r.bpm)}
        onDelete={shelf.deleteRecord}
        onRename={shelf.renameRecord}
        onPrepareDrag={drag.prepareClipDrag}
        onDragStart={(r, e) =>
          drag.startDrag(
            r.id,
            {
              notes: r.notes,
              bpm: r.bpm,
              name: r.name || r.title,
              ...(r.lock ? { key: r.lock.key, scale: r.lock.scale } : {}),
              ...(r.meter ? { timeSignature: r.meter } : {}),
            },
            e,
          )
        }
      />

      <section className="studio-main melody-main" aria-label="Melody">
        <TransportBar
          transport={transport}
          clip={clip}
          loopOn={loopOn}
          loopRegion={loopRegion !== null}
          metronome={metronome}
          volumeDb={volumeDb}
          openedTitle={opened?.title ?? null}
          onToggleLoop={toggleLoop}
          onToggleMetronome={toggleMetronome}
          onVolume={setVolumeDb}
          onDragStart={(e) => drag.startDrag('roll', { notes, bpm, name: clipName, ...signatures }, e)}
          onNameEnter={() => {
            if (clip.onlyRenamed) void save();
          }}
        />
        {draft.offer ? (
          <DraftOffer offer={draft.offer} onRestore={draft.restore} onDiscard={draft.discard} />
        ) : null}
        {shelf.confirm ? <ConfirmBar confirm={shelf.confirm} onClose={() => shelf.setConfirm(null)} /> : null}
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
            meter={clip.meter}
            reveal={reveal}
          />
        </div>
      </section>

      <ModelPanel
        tab={tab}
        onTab={setTab}
        form={form}
        setForm={setForm}
        meter={clip.meter}
        generators={m.generators}
        generateModel={m.modelFor('generate')}
        generateIsVae={m.generateIsVae}
        problem={m.blocker ?? m.problem(tab)}
        disabled={!m.usable(tab)}
        selected={editor.selection.size}
        rollNotes={notes.length}
        records={records ?? []}
        lock={clip.lock}
        onLock={clip.setLock}
        takes={takes}
        latent={latent}
        auditioning={auditioning}
        onRun={runTab}
        onAuditionTake={auditionTake}
      />

      {midi.picker ? (
        <MidiTrackPicker file={midi.picker} onPick={midi.pickTrack} onCancel={midi.cancelPick} />
      ) : null}
      {dropping ? (
        <div className="latent-drop" aria-hidden="true">
          Drop the .mid file to import it
        </div>
      ) : null}
    </div>
  );
}
