/**
 * The Latent Explorer: pick a latent model, move a point through its latent space (pad,
 * sliders, keys, grid, bookmarks, interpolation, encoding an image) and watch it decode live.
 * State is kept per model, so switching models and back returns to where you were.
 *
 * Each feature keeps its state and logic in a hook: the models (`useLatentModels`), each model's
 * state (`useModelStates`), the main view's decodes (`useMainView`), moving the point
 * (`usePoint`), bookmarks (`useBookmarks`), saving (`useSavePoint`), opening a library record
 * (`useOpenRecord`: its model, point and text, its bookmark marked), the interpolation path
 * (`useInterpolation`), encoding an opened or dropped image (`useEncode`) and the keyboard
 * (`useLatentKeys`), a glyph model's letters combined into one style (`useGlyphSet`), and the flow
 * prior where the model has one (`usePrior`: the typicality
 * meter, Nearest typical style). This component wires them together and lays out the panels: the
 * model and text (`ModelControls`), `PadPanel`, `DirectionsPanel`, `PriorPanel` (only with a flow
 * prior) and `KeepPanel` on the left, the decoded
 * point and alphabet sheet (`DecodedPoint`) in the middle, and `SidePanel` (neighbourhood grid,
 * bookmarks, interpolation, encoding) on the right.
 */
import type { ReactElement } from 'react';
import { useShell } from '../shell/ShellContext';
import type { StudioProps } from '../shell/studio';
import { DecodedPoint } from './DecodedPoint';
import { DirectionsPanel } from './DirectionsPanel';
import { mainView, sliderCount } from './explorer';
import { cleanText } from './glyphText';
import { KeepPanel } from './KeepPanel';
import { LatentHelp } from './LatentHelp';
import { ModelControls } from './ModelControls';
import { PadPanel } from './PadPanel';
import { PriorPanel } from './PriorPanel';
import { SidePanel } from './SidePanel';
import { useBookmarks } from './useBookmarks';
import { GlyphPadOverlay } from './GlyphPadOverlay';
import { useEncode } from './useEncode';
import { useGlyphSet } from './useGlyphSet';
import { useInterpolation } from './useInterpolation';
import { useLatentKeys } from './useLatentKeys';
import { useLatentModels } from './useLatentModels';
import { useMainView } from './useMainView';
import { useModelStates } from './useModelStates';
import { useOpenRecord } from './useOpenRecord';
import { usePoint } from './usePoint';
import { usePrior } from './usePrior';
import { useSavePoint } from './useSavePoint';

/**
 * `openRequest` is a library `latent` record to open here; `onSendGeneration` shows a saved point
 * on the Texture studio's canvas (Send to canvas).
 */
type Props = Pick<
  StudioProps,
  | 'api'
  | 'active'
  | 'models'
  | 'modelsState'
  | 'onRetryModels'
  | 'openRequest'
  | 'onSendGeneration'
  | 'onModelShown'
>;

export function LatentStudio({
  api,
  active,
  models: listed,
  modelsState,
  onRetryModels,
  openRequest,
  onSendGeneration,
  onModelShown,
}: Props): ReactElement {
  const { reportError, notify, clearError } = useShell();

  const models = useLatentModels(listed, modelsState, onRetryModels, onModelShown);
  const { model, modelId, latent, usable, conditional, charset } = models;
  const states = useModelStates(models);
  const { st, axes, patch } = states;
  const view = latent ? mainView(latent, st) : null;
  const main = useMainView({ api, models, view, tiled: !conditional && st.tiled, states, reportError });
  const point = usePoint({ api, models, states, want: main.want, reportError });
  const prior = usePrior({ api, listed, models, point: st.point, moveTo: point.moveTo, reportError });
  // Randomize draws from the flow prior only where the model has one.
  const randomizeFrom = prior.priorId ? st.prior : 'normal';
  const randomize = (): void => void point.randomize(randomizeFrom);
  const shelf = useBookmarks(api, models, reportError);
  const keep = useSavePoint({ api, models, view, states, shelf, onSendGeneration, reportError, notify });
  const opened = useOpenRecord({
    openRequest,
    modelsState,
    models,
    states,
    moveTo: point.moveTo,
    bookmarks: shelf.bookmarks,
    notify,
  });
  const path = useInterpolation({ api, models, view, states, shelf, point, reportError, notify });
  const encode = useEncode({
    api,
    models,
    char: st.encodeChar,
    moveTo: point.moveTo,
    reportError,
    clearError,
  });
  const glyphSet = useGlyphSet({ api, models, moveTo: point.moveTo, reportError });
  // Glyph models: files dropped anywhere join the glyph set; image models encode the first one.
  const drop = conditional ? glyphSet : encode;
  useLatentKeys(active, usable, {
    nudge: point.nudge,
    bookmark: () => void keep.bookmark(),
    randomize,
    reset: point.reset,
  });

  const disabled = !usable;
  const cleaned = conditional ? cleanText(st.text, charset ?? undefined) : null;
  const style = conditional ? glyphSet.style : null;

  return (
    <div
      className={`studio latent-studio${drop.dropping ? ' is-dropping' : ''}`}
      data-testid="latent-view"
      data-model={modelId}
      {...drop.dropProps}
    >
      <aside className="studio-panel latent-panel" aria-label="Latent explorer controls">
        <header className="panel-header">
          <h1>Latent Explorer</h1>
          <span className="muted">Walk a model’s latent space</span>
        </header>
        <ModelControls
          list={models.list}
          modelId={modelId}
          onChoose={models.choose}
          blocker={models.blocker}
          conditional={conditional}
          text={st.text}
          dropped={cleaned?.dropped ?? []}
          disabled={disabled}
          onText={(text) => patch((s) => ({ ...s, text }))}
        />
        <PadPanel
          count={states.count}
          shares={point.shares}
          axes={axes}
          x={point.padX}
          y={point.padY}
          disabled={disabled}
          onAxis={point.onAxis}
          onMove={point.onPadMove}
          overlay={
            style && latent ? (
              <GlyphPadOverlay
                pca={latent.pca}
                axes={axes}
                glyphs={glyphSet.marks}
                combined={style.combined}
                busy={glyphSet.busy}
              />
            ) : null
          }
        />
        <DirectionsPanel
          pca={latent?.pca ?? null}
          point={st.point}
          sliders={latent ? sliderCount(latent) : 0}
          shares={point.shares}
          axes={axes}
          temperature={st.temperature}
          seed={st.seed}
          disabled={disabled}
          onSlider={point.onSlider}
          onReset={point.reset}
          randomizeFrom={prior.priorId ? randomizeFrom : null}
          onRandomize={randomize}
          onTemperature={(temperature) => patch((s) => ({ ...s, temperature }))}
        />
        {prior.priorId ? (
          <PriorPanel
            prior={prior}
            randomizeFrom={randomizeFrom}
            disabled={disabled}
            onRandomizeFrom={(from) => patch((s) => ({ ...s, prior: from }))}
          />
        ) : null}
        <KeepPanel disabled={disabled || !view} keep={keep} />
        <section className="panel-section">
          <LatentHelp />
        </section>
      </aside>

      <DecodedPoint
        api={api}
        modelId={modelId}
        modelName={model?.name ?? null}
        view={view}
        point={st.point}
        charset={charset}
        canTile={!conditional && latent !== undefined}
        tiled={st.tiled}
        onTiled={(tiled) => patch((s) => ({ ...s, tiled }))}
        blocker={models.blocker}
        disabled={disabled}
        stage={main.stage}
        info={main.info}
        onError={reportError}
      />

      <SidePanel
        api={api}
        modelId={modelId}
        modelName={model?.name ?? ''}
        latent={latent}
        state={st}
        axes={axes}
        text={cleaned?.text ?? ''}
        disabled={disabled}
        hasView={view !== null}
        bookmarks={shelf.bookmarks}
        markedBookmark={opened.marked}
        onGoBookmark={opened.go}
        onDeleteBookmark={shelf.remove}
        path={path}
        encode={encode}
        glyphSet={glyphSet}
        patch={patch}
        moveTo={(p) => point.moveTo(p)}
        onError={reportError}
      />
      {drop.dropping ? (
        <div className="latent-drop" aria-hidden="true">
          {conditional ? 'Drop letters of your font to add them to its style' : 'Drop the image to encode it'}
        </div>
      ) : null}
    </div>
  );
}
