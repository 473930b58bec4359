/**
 * The lab on show and its run in the worker: starts the worker, begins each lab (its last run
 * from this browser if there is one, else a fresh run from the kept settings), and turns the
 * learner's actions into worker messages — transport, settings (kept weights or a new model),
 * seed, data, view requests, opening a saved run. Snapshots go to the live store (live.ts).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Dataset, LabId } from '../../../preload/labs/types';
import type { LabDef } from './lab-def';
import { renderGlyphs } from './glyph-render';
import { choiceFor } from './labData';
import { applySnapshot, emptyLive, type Live } from './live';
import { readRun } from './runStore';
import { freshRun } from './start';
import { useAutosave } from './useAutosave';
import { allFields, changedKeys, formFrom, needsRebuild, settingsFrom } from './settings';
import { createStore } from './store';
import type { LabPrefsState } from './useLabPrefs';
import { LabClient } from './worker/client';
import type { LabInfo, SessionInfo, WorkerOp } from './worker/protocol';
import type { ChecksState, LabRun } from './run';

export type { ChecksState, LabRun } from './run';

export function useLabRun(defs: readonly LabDef[], prefs: LabPrefsState): LabRun {
  const store = useMemo(() => createStore<Live>(emptyLive()), []);
  const [info, setInfo] = useState<Record<LabId, LabInfo> | null>(null);
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [crashed, setCrashed] = useState<string | null>(null);
  const checks = useMemo(() => createStore<ChecksState>({ byLab: {} }), []);

  const client = useRef<LabClient | null>(null);
  const infoRef = useRef(info);
  const sessionRef = useRef(session);
  /** Labs the worker holds a run of; labs whose first start is under way (restored or fresh). */
  const started = useRef(new Set<LabId>());
  const restoring = useRef(new Set<LabId>());
  /** A run is being opened (answered by a `load` session or error). */
  const loadPending = useRef(false);
  /** Labs whose kept settings were refused once (started again from the defaults). */
  const retried = useRef(new Set<LabId>());
  /** The next new run keeps the message on show (it says why the run started as it did). */
  const keepError = useRef(false);
  const applyTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const { current: currentPrefs, lab: prefsOf, setTab, update: updatePrefs } = prefs;
  const defOf = useCallback((lab: LabId) => defs.find((d) => d.id === lab)!, [defs]);
  const tab = useCallback((): LabId => currentPrefs().tab, [currentPrefs]);
  const send = useCallback((m: Parameters<LabClient['send']>[0]): void => client.current?.send(m), []);

  const clearChecks = useCallback(
    (lab: LabId) => checks.set({ byLab: { ...checks.get().byLab, [lab]: {} } }),
    [checks],
  );

  const running = useCallback(() => sessionRef.current !== null, []);
  const { now: autosave, soon: autosaveSoon } = useAutosave(client, running, store);

  /** A fresh run of `lab` from its kept settings, seed and data. */
  const fresh = useCallback(
    (lab: LabId) => {
      const c = client.current;
      const labInfo = infoRef.current?.[lab];
      if (!c || !labInfo) return;
      const live = store.get();
      const def = defOf(lab);
      const request = live.lab === lab && live.request !== null ? live.request : def.initialRequest;
      try {
        const init = freshRun(lab, prefsOf(lab), labInfo, def, request, renderGlyphs);
        c.send({ type: 'speed', n: prefsOf(lab).speed });
        c.send(init);
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      }
    },
    [defOf, prefsOf, store],
  );

  /** A lab's first start in this page: its last run kept in the browser, else a fresh one. */
  const begin = useCallback(
    (lab: LabId) => {
      // A run being opened (the Library's Open, a file) wins over the one kept in the browser.
      if (loadPending.current) return;
      restoring.current.add(lab);
      void readRun(lab).then((state) => {
        if (tab() !== lab || loadPending.current) return restoring.current.delete(lab);
        if (state) client.current?.send({ type: 'load', state });
        else {
          restoring.current.delete(lab);
          fresh(lab);
        }
      });
    },
    [fresh, tab],
  );

  const onSession = useCallback(
    (reason: string, s: SessionInfo) => {
      sessionRef.current = s;
      setSession(s);
      if (reason === 'load') loadPending.current = false;
      started.current.add(s.lab);
      restoring.current.delete(s.lab);
      const def = defOf(s.lab);
      if (tab() !== s.lab) setTab(s.lab);
      const request = s.request ?? def.initialRequest;
      // A run saved without its view (by the CLI) shows the lab's first view.
      if (s.request === undefined || s.request === null) send({ type: 'request', request });
      if (store.get().lab !== s.lab) store.set(emptyLive(s.lab, request));
      // A new run of the lab on show: the old picture, counter and charts stay until its first
      // snapshot (which carries them all) lands in the next frame.
      else if (reason === 'init' || reason === 'load') store.set({ request, playing: false, metrics: null });
      if (reason === 'load') {
        const kept = choiceFor(s.data);
        updatePrefs(s.lab, {
          form: formFrom(s.settings, allFields(def.fields)),
          seed: s.seed,
          images: kept.images,
          ...(kept.data ? { data: kept.data } : {}),
          ...(kept.glyphs ? { glyphs: kept.glyphs } : {}),
        });
        clearChecks(s.lab);
      }
      if (reason !== 'show') {
        if (keepError.current) keepError.current = false;
        else setError(null);
        setFieldErrors({});
        autosaveSoon();
      }
    },
    [autosaveSoon, clearChecks, defOf, send, setTab, store, tab, updatePrefs],
  );

  const onError = useCallback(
    (op: WorkerOp, message: string) => {
      const lab = tab();
      if (op === 'load' && loadPending.current) {
        loadPending.current = false;
        setError(message);
        // Opened before any lab started: start the one on show, so the studio is not left empty.
        if (!started.current.has(lab) && infoRef.current) begin(lab);
        return;
      }
      if (op === 'load' && restoring.current.has(lab)) {
        // The run kept in this browser no longer opens (an older engine): start afresh.
        restoring.current.delete(lab);
        fresh(lab);
        return;
      }
      if (op === 'init' && !started.current.has(lab) && !retried.current.has(lab)) {
        retried.current.add(lab);
        // The kept settings are refused: start from the defaults and say why.
        updatePrefs(lab, { form: {} });
        setError(`${message} The lab started with its default settings.`);
        keepError.current = true;
        fresh(lab);
        return;
      }
      if (op === 'train') store.set({ playing: false });
      setError(message);
    },
    [begin, fresh, store, tab, updatePrefs],
  );

  useEffect(() => {
    const c = new LabClient({
      ready: (labs) => {
        infoRef.current = labs;
        setInfo(labs);
        begin(tab());
      },
      session: onSession,
      snapshot: (s) => applySnapshot(store, s),
      error: onError,
      crashed: (m) => setCrashed(`The Labs could not run: ${m}`),
    });
    client.current = c;
    return () => {
      clearTimeout(applyTimer.current);
      client.current = null;
      c.dispose();
    };
    // The worker lives as long as the studio; its callbacks read refs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const pause = useCallback(() => {
    if (!store.get().playing) return;
    store.set({ playing: false });
    send({ type: 'pause' });
    autosaveSoon(300);
  }, [autosaveSoon, send, store]);

  const play = useCallback(() => {
    if (!sessionRef.current) return;
    store.set({ playing: true });
    send({ type: 'speed', n: prefsOf(tab()).speed });
    send({ type: 'play' });
  }, [prefsOf, send, store, tab]);

  const applyForm = useCallback(
    (delay: number) => {
      clearTimeout(applyTimer.current);
      applyTimer.current = setTimeout(() => {
        const s = sessionRef.current;
        const lab = tab();
        if (!s || s.lab !== lab) return;
        const fields = allFields(defOf(lab).fields);
        const parsed = settingsFrom(prefsOf(lab).form, fields, s.settings);
        setFieldErrors(parsed.errors);
        const keys = changedKeys(s.settings, parsed.settings);
        if (Object.keys(parsed.errors).length > 0 || keys.length === 0) return;
        if (needsRebuild(keys, fields)) fresh(lab);
        else
          send({ type: 'settings', settings: Object.fromEntries(keys.map((k) => [k, parsed.settings[k]])) });
      }, delay);
    },
    [defOf, fresh, prefsOf, send, tab],
  );

  return {
    store,
    info,
    session,
    error,
    setError,
    fieldErrors,
    crashed,
    checks,
    clearChecks,
    selectLab: useCallback(
      (lab: LabId) => {
        const from = tab();
        if (lab === from) return;
        if (store.get().playing) send({ type: 'pause' });
        autosave();
        setTab(lab);
        sessionRef.current = null;
        setSession(null);
        setError(null);
        setFieldErrors({});
        store.set(emptyLive(null));
        if (!infoRef.current) return;
        if (started.current.has(lab)) send({ type: 'show', lab });
        else begin(lab);
      },
      [autosave, begin, send, setTab, store, tab],
    ),
    play,
    pause,
    toggle: useCallback(() => (store.get().playing ? pause() : play()), [pause, play, store]),
    step: useCallback(
      (n = 1) => {
        if (!sessionRef.current) return;
        if (store.get().playing) pause();
        send({ type: 'step', n });
        autosaveSoon();
      },
      [autosaveSoon, pause, send, store],
    ),
    reset: useCallback(() => {
      const lab = tab();
      clearChecks(lab);
      fresh(lab);
    }, [clearChecks, fresh, tab]),
    setSpeed: useCallback(
      (n: number) => {
        updatePrefs(tab(), { speed: n });
        send({ type: 'speed', n });
      },
      [send, tab, updatePrefs],
    ),
    applyForm,
    restart: useCallback(() => fresh(tab()), [fresh, tab]),
    trainOnDrawn: useCallback(
      (data: Dataset) => {
        const s = sessionRef.current;
        if (s && s.data.dim === data.dim) send({ type: 'data', data });
      },
      [send],
    ),
    setRequest: useCallback(
      (request: unknown) => {
        store.set({ request });
        send({ type: 'request', request });
      },
      [send, store],
    ),
    load: useCallback(
      (state: unknown) => {
        if (store.get().playing) send({ type: 'pause' });
        autosave();
        loadPending.current = true;
        send({ type: 'load', state });
      },
      [autosave, send, store],
    ),
    save: useCallback((title?: string) => {
      const c = client.current;
      return c ? c.save(title) : Promise.reject(new Error('The Labs are not running.'));
    }, []),
  };
}
