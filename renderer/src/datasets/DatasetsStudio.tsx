/**
 * The Datasets studio: augment a folder of images, a font's glyphs or melodies with generative
 * models, and measure whether it helped. Tabs: Images (ImageFolder augment), Glyph sheet,
 * Melodies, Evaluate, Benchmark.
 *
 * Each feature keeps its state in a hook: the forms as typed, kept in localStorage
 * (`useDatasetsForms`), one job per tab (`useDatasetJob`: run, progress, cancel, resume), the
 * host's Datasets jobs this page did not start (`useFollowedJobs`, through the shell's
 * `useHostJobs`). This component wires them; each tab is a panel.
 */
import { useCallback, useEffect, useState, type ReactElement } from 'react';
import type {
  DatasetsAugmentInput,
  DatasetsAugmentMidiInput,
  DatasetsAugmentResult,
  DatasetsBenchmark,
  DatasetsBenchmarkInput,
  DatasetsEvaluateInput,
  DatasetsEvaluation,
  DatasetsGlyphSheetInput,
  DatasetsGlyphSheetResult,
} from '../../../preload/contract';
import { useShell } from '../shell/ShellContext';
import type { StudioProps } from '../shell/studio';
import { BenchmarkPanel } from './BenchmarkPanel';
import { DatasetsHelp } from './DatasetsHelp';
import { EvaluatePanel } from './EvaluatePanel';
import { FollowedJobs } from './FollowedJobs';
import { TABS, type DatasetsForms, type Tab } from './form';
import { GlyphsPanel } from './GlyphsPanel';
import { ImagesPanel } from './ImagesPanel';
import { MelodiesPanel } from './MelodiesPanel';
import { useDatasetJob } from './useDatasetJob';
import { useDatasetsForms } from './useDatasetsForms';
import { useFollowedJobs } from './useFollowedJobs';
import '../shell/tabs.css';
import './datasets.css';
import './datasets-results.css';

const TAB_LABELS: Record<Tab, { title: string; blurb: string }> = {
  images: { title: 'Images', blurb: 'Augment an ImageFolder' },
  glyphs: { title: 'Glyph sheet', blurb: 'A font and k variations of its style' },
  melodies: { title: 'Melodies', blurb: 'Augment a folder of MIDI melodies' },
  evaluate: { title: 'Evaluate', blurb: 'Did the synthetic images help?' },
  benchmark: { title: 'Benchmark', blurb: 'The few-shot glyph benchmark' },
};

export function DatasetsStudio({ api }: Pick<StudioProps, 'api'>): ReactElement {
  const { reportError } = useShell();
  const { forms, setTab, update } = useDatasetsForms();
  const { host, followed, cancel, dismiss } = useFollowedJobs(api, reportError);
  const images = useDatasetJob<DatasetsAugmentInput, DatasetsAugmentResult>(api, host, (r) =>
    api.datasets.augment(r),
  );
  const glyphs = useDatasetJob<DatasetsGlyphSheetInput, DatasetsGlyphSheetResult>(api, host, (r) =>
    api.datasets.glyphSheet(r),
  );
  const melodies = useDatasetJob<DatasetsAugmentMidiInput, DatasetsAugmentResult>(api, host, (r) =>
    api.datasets.augmentMidi(r),
  );
  const evaluate = useDatasetJob<DatasetsEvaluateInput, DatasetsEvaluation>(api, host, (r) =>
    api.datasets.evaluate(r),
  );
  const benchmark = useDatasetJob<DatasetsBenchmarkInput, DatasetsBenchmark>(api, host, (r) =>
    api.datasets.benchmark(r),
  );
  const phases: Record<Tab, string> = {
    images: images.phase,
    glyphs: glyphs.phase,
    melodies: melodies.phase,
    evaluate: evaluate.phase,
    benchmark: benchmark.phase,
  };

  // Choose… where the host has a folder picker (Electron).
  const [canPick, setCanPick] = useState(false);
  useEffect(() => {
    let live = true;
    api.app.info().then(
      (info) => live && setCanPick(info.capabilities.pickFolder),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);
  const pickFolder = useCallback(
    (set: (path: string) => void) => {
      api.models.pickFolder().then(({ path }) => path && set(path), reportError);
    },
    [api, reportError],
  );
  const pick = canPick ? pickFolder : null;

  const tab = forms.tab;
  /** A tab's props but its job: its form as typed and the folder picker. */
  const props = <K extends Tab>(k: K) => ({
    api,
    form: forms[k],
    update: (patch: Partial<DatasetsForms[K]>) => update(k, patch),
    pick,
  });
  return (
    <div className="datasets-studio" data-testid="datasets-studio" data-tab={tab}>
      <header className="datasets-header">
        <div className="studio-tabs" role="tablist" aria-label="Datasets">
          {TABS.map((t) => (
            <button
              key={t}
              type="button"
              role="tab"
              className="studio-tab datasets-tab"
              data-testid={`datasets-tab-${t}`}
              data-phase={phases[t]}
              aria-selected={t === tab}
              title={TAB_LABELS[t].blurb}
              onClick={() => setTab(t)}
            >
              {TAB_LABELS[t].title}
              {phases[t] === 'running' ? <span className="datasets-tab-dot" aria-label="running" /> : null}
            </button>
          ))}
        </div>
        <DatasetsHelp />
      </header>
      <FollowedJobs jobs={followed} onCancel={cancel} onDismiss={dismiss} />
      {tab === 'images' ? (
        <ImagesPanel {...props('images')} job={images} />
      ) : tab === 'glyphs' ? (
        <GlyphsPanel {...props('glyphs')} job={glyphs} />
      ) : tab === 'melodies' ? (
        <MelodiesPanel {...props('melodies')} job={melodies} />
      ) : tab === 'evaluate' ? (
        <EvaluatePanel {...props('evaluate')} job={evaluate} />
      ) : (
        <BenchmarkPanel {...props('benchmark')} job={benchmark} />
      )}
    </div>
  );
}
