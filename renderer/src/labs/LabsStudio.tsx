/**
 * The Labs studio: one tab per lab; the lab's picture beside its controls; Play / Pause, one
 * step, reset and speed; the model's settings and seed; the data (presets, a brush, a CSV, glyph
 * images); the loss chart, the metrics, the guided path and the check-yourself tasks; save to the
 * library, export and open JSON, export ONNX.
 *
 * Training runs in a Web Worker (worker/); each feature keeps its state in a hook: the kept
 * choices (`useLabPrefs`), the run (`useLabRun`: the worker, the live store of snapshots), the
 * data (`useLabData`), files (`useLabFiles`). This component wires them; what changes every
 * frame is drawn by the components that subscribe to the live store, not here.
 */
import { useCallback, useEffect, useMemo, useRef, type ReactElement } from 'react';
import { focusKind } from '../shell/focus';
import { useShell } from '../shell/ShellContext';
import type { StudioProps } from '../shell/studio';
import { useWindowKeydown } from '../shell/useWindowKeydown';
import { ChecksPanel } from './ChecksPanel';
import { DataPanel } from './DataPanel';
import { FilesPanel } from './FilesPanel';
import { GuidePanel } from './GuidePanel';
import { labCommand } from './keys';
import { LabPicture } from './LabPicture';
import { LABS } from './labs';
import { LabsHelp } from './LabsHelp';
import { LabTabs } from './LabTabs';
import { LossChart } from './LossChart';
import { MetricsLine } from './MetricsLine';
import { labPrefs } from './prefs';
import { allFields, formFrom, modeDefaults, type FormValue } from './settings';
import { SettingsPanel } from './SettingsPanel';
import { TransportBar } from './TransportBar';
import { useLabData } from './useLabData';
import { useLabFiles } from './useLabFiles';
import { useLabPrefs } from './useLabPrefs';
import { useLabRun } from './useLabRun';
import { usePictureSize } from './usePictureSize';
import './labs.css';

const NO_POINTS = new Float32Array(0);

type Props = Pick<StudioProps, 'api' | 'active' | 'openRequest' | 'onModelShown'>;

export function LabsStudio({ api, active, openRequest, onModelShown }: Props): ReactElement {
  const { notify } = useShell();
  const prefs = useLabPrefs();
  const run = useLabRun(LABS, prefs);
  const tab = prefs.prefs.tab;
  const def = LABS.find((d) => d.id === tab) ?? LABS[0]!;
  const p = labPrefs(prefs.prefs, tab);
  const picture = useRef<HTMLDivElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  const size = usePictureSize(stage);
  const files = useLabFiles(api, run, picture, openRequest, notify);
  const data = useLabData(tab, prefs, run);
  const session = run.session?.lab === tab ? run.session : null;
  const info = run.info?.[tab];
  const ready = session !== null && run.crashed === null;

  // The Labs show no installed model.
  useEffect(() => {
    if (active) onModelShown(null);
  }, [active, onModelShown]);

  const fields = useMemo(() => allFields(def.fields), [def]);
  const shownForm = useMemo(() => {
    const base = session?.settings ?? (info ? modeDefaults(info.defaults, p.images, def.imageSettings) : {});
    return { ...formFrom(base, fields), ...p.form };
  }, [session, info, p.images, p.form, def, fields]);

  const { update } = prefs;
  const { applyForm, restart } = run;
  const onField = useCallback(
    (key: string, value: FormValue, delay: number) => {
      update(tab, (lp) => ({ form: { ...lp.form, [key]: value } }));
      applyForm(delay);
    },
    [applyForm, tab, update],
  );
  const seedTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const onSeed = useCallback(
    (seed: number, delay: number) => {
      update(tab, { seed });
      clearTimeout(seedTimer.current);
      seedTimer.current = setTimeout(restart, delay);
    },
    [restart, tab, update],
  );
  useEffect(() => () => clearTimeout(seedTimer.current), []);

  useWindowKeydown(active, (e) => {
    const el = document.activeElement as HTMLElement | null;
    const cmd = labCommand(e, focusKind(el), el);
    if (!cmd || !ready) return;
    e.preventDefault();
    if (cmd === 'toggle') run.toggle();
    else if (cmd === 'step') run.step(1);
    else run.reset();
  });

  const drawn = data.drawing ? (p.data.kind === 'drawn' ? p.data.points : NO_POINTS) : null;
  const message = run.crashed ?? run.error;
  return (
    <div className="studio labs-studio" data-testid="labs-studio" data-lab={tab} data-ready={ready}>
      <aside className="studio-panel labs-panel" aria-label="Lab settings">
        <header className="panel-header">
          <h1>Labs</h1>
        </header>
        <section className="panel-section">
          <h2 className="section-title">Model</h2>
          <SettingsPanel
            fields={fields}
            form={shownForm}
            errors={run.fieldErrors}
            seed={p.seed}
            disabled={!ready}
            onField={onField}
            onSeed={onSeed}
          />
        </section>
        <section className="panel-section">
          <h2 className="section-title">Data</h2>
          <DataPanel
            prefs={p}
            data={session?.data ?? null}
            images={Boolean(info?.images && def.imageSettings)}
            actions={data}
            disabled={!ready}
          />
        </section>
        <section className="panel-section">
          <h2 className="section-title">Keep</h2>
          <FilesPanel
            files={files}
            canOnnx={session?.canOnnx === true}
            disabled={!ready}
            defaultTitle={`${def.title} lab`}
          />
        </section>
        <section className="panel-section">
          <LabsHelp def={def} />
        </section>
      </aside>

      <section className="studio-main labs-main" aria-label={`${def.title} lab`}>
        <LabTabs labs={LABS} current={tab} onSelect={run.selectLab} />
        <p className="labs-blurb">{def.blurb}</p>
        <TransportBar
          store={run.store}
          def={def}
          ready={ready}
          speed={p.speed}
          onPlay={run.play}
          onPause={run.pause}
          onStep={() => run.step(1)}
          onReset={run.reset}
          onSpeed={run.setSpeed}
        />
        {message ? (
          <div className="callout callout-bad labs-error" role="alert" data-testid="lab-error">
            <span>{message}</span>
            {run.crashed ? null : (
              <button type="button" className="link-button" onClick={() => run.setError(null)}>
                Dismiss
              </button>
            )}
          </div>
        ) : null}
        <div className="labs-body">
          <div className="labs-stage" ref={stage}>
            <LabPicture
              def={def}
              store={run.store}
              session={session}
              size={size}
              pictureRef={picture}
              setRequest={run.setRequest}
              drawn={drawn}
              onStroke={data.addStroke}
            />
          </div>
          <div className="labs-side">
            <LossChart
              store={run.store}
              def={def}
              log={p.logScale}
              onLog={(logScale) => update(tab, { logScale })}
            />
            <MetricsLine store={run.store} />
            <ChecksPanel def={def} store={run.store} session={session} checks={run.checks} />
            <GuidePanel def={def} step={p.guideStep} onStep={(guideStep) => update(tab, { guideStep })} />
          </div>
        </div>
      </section>
    </div>
  );
}
