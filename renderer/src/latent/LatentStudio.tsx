/**
 * The Latent Explorer: pick a latent model, move a point through its latent space (pad,
 * sliders, keys, grid, bookmarks, interpolation, encoding an image) and watch it decode live.
 * State is kept per model, so switching models and back returns to where you were.
 */
import {
  useCallback,
  useEffect,
  useEffectEvent,
  useId,
  useMemo,
  useRef,
  useState,
  type ReactElement,
} from 'react';
import type { AtelierApi, Generation, LatentView, ModelStatus, PixelImage } from '../../../preload/contract';
import { LATENT_MAX_IMAGE_BYTES, LATENT_MAX_TEXT } from '../../../preload/contract';
import { coordinate, interpolate, offsetAlong, withCoordinate } from '../../../preload/latent';
import { useLibraryList, type LibraryListQuery } from '../library/useLibraryList';
import { useShell } from '../shell/ShellContext';
import { useFileDrop } from '../shell/useFileDrop';
import { useWindowKeydown } from '../shell/useWindowKeydown';
import { Icon } from '../shell/icons';
import { modelsBlocker, type ModelsState } from '../shell/modelsBlocker';
import { downloadBlob } from '../textures/actions/exportTexture';
import { randomSeed } from '../textures/seed';
import { AlphabetSheet } from './AlphabetSheet';
import { BookmarkList } from './BookmarkList';
import { DirectionSliders } from './DirectionSliders';
import { EncodePanel, type EncodeResult } from './EncodePanel';
import {
  bookmarksFor,
  formatSd,
  initialModelState,
  isConditional,
  isPointFor,
  latentModelProblem,
  latentModels,
  mainView,
  nextBookmarkTitle,
  noLatentModelText,
  pointAttr,
  resolveEnd,
  sliderCount,
  varianceShare,
  type Bookmark,
  type InterpState,
  type LatentInfo,
  type ModelState,
} from './explorer';
import { centredFrame, PAPER, stickySize, tileFrame, TILE_REPEAT, type StickySize } from './frames';
import { cleanText, gridChar, sheetText } from './glyphText';
import { InterpolatePanel, MAX_FRAMES } from './InterpolatePanel';
import { focusKind, latentKeyAction } from './keyboard';
import { LatentHelp } from './LatentHelp';
import { LatentPad } from './LatentPad';
import { createLatentMarks } from './marks';
import { NeighbourhoodGrid } from './NeighbourhoodGrid';
import { chooseAxis, validAxes } from './pad';
import { PixelStage, type PixelStageHandle } from './PixelStage';
import { useFrameScheduler, useMainDecoder, type DecodeOutput, type MainRequest } from './useLatentDecode';

interface Props {
  api: AtelierApi;
  active: boolean;
  models: readonly ModelStatus[] | null;
  modelsState: ModelsState;
  onRetryModels: () => void;
  /** Shows a library generation in the Texture studio's canvas. */
  onOpenGeneration: (gen: Generation) => void;
  /** The model on show changed (for the status bar). */
  onModelShown?: (model: ModelStatus | null) => void;
}

/** One sequence of pointer marks for the page, so names never repeat across remounts. */
const marks = createLatentMarks();
const FRAME_MS = 80;
const ENCODE_SAMPLES = 6;
/** The library's latent records: bookmarks are exactly these. */
const LATENT_RECORDS: LibraryListQuery = { kind: 'latent', limit: 500 };

type Lane = MainRequest['lane'];

export function LatentStudio({
  api,
  active,
  models,
  modelsState,
  onRetryModels,
  onOpenGeneration,
  onModelShown,
}: Props): ReactElement {
  const shell = useShell();
  const { reportError, notify, clearError } = shell;
  const id = useId();

  // ------------------------------------------------------------------ model and its state
  const list = useMemo(() => latentModels(models), [models]);
  const [chosen, setChosen] = useState<string | null>(null);
  const model = list.find((m) => m.id === chosen) ?? list.find((m) => m.ok) ?? list[0] ?? null;
  const modelId = model?.id ?? '';
  const latent: LatentInfo | undefined = model?.latent;
  const listed = modelsState === 'loaded';
  const problem = listed ? latentModelProblem(model) : null;
  const usable = listed && problem === null && latent !== undefined;
  const conditional = isConditional(latent);
  const charset = latent?.charset ?? null;

  const [states, setStates] = useState<Record<string, ModelState>>({});
  const statesRef = useRef(states);
  const fallback = useMemo(() => initialModelState(latent), [latent]);
  const stored = states[modelId];
  const st: ModelState =
    stored && latent && isPointFor(latent, stored.point)
      ? stored
      : stored
        ? { ...stored, point: fallback.point }
        : fallback;
  const count = latent ? latent.pca.directions.length : 0;
  const axes = validAxes(st.axes, count);
  const point = st.point;

  useEffect(() => {
    onModelShown?.(model);
  }, [model, onModelShown]);

  const latentById = useRef(new Map<string, LatentInfo | undefined>(list.map((m) => [m.id, m.latent])));
  const current = useRef({ modelId, usable });
  useEffect(() => {
    current.current = { modelId, usable };
    latentById.current = new Map(list.map((m) => [m.id, m.latent]));
  });

  /** Updates one model's state (synchronously visible to the next event, before React renders). */
  const update = useCallback((mid: string, fn: (s: ModelState) => ModelState) => {
    const l = latentById.current.get(mid);
    const stored = statesRef.current[mid];
    const prev =
      stored && l && isPointFor(l, stored.point)
        ? stored
        : { ...initialModelState(l), ...(stored ? { ...stored, point: l?.pca.mean.slice() ?? [] } : {}) };
    const next = fn(prev);
    if (next === prev && stored) return;
    statesRef.current = { ...statesRef.current, [mid]: next };
    setStates(statesRef.current);
  }, []);
  const readState = (mid: string): ModelState | null => {
    const l = latentById.current.get(mid);
    const s = statesRef.current[mid];
    if (s && l && isPointFor(l, s.point)) return s;
    return l ? { ...initialModelState(l), ...(s ?? {}), point: l.pca.mean.slice() } : null;
  };

  const view: LatentView | null = latent ? mainView(latent, st) : null;
  const viewKey = view ? JSON.stringify(view) : '';
  const tiled = !conditional && st.tiled;
  const cleaned = conditional ? cleanText(st.text, charset ?? undefined) : null;

  // ------------------------------------------------------------------ main view
  const mainStage = useRef<PixelStageHandle>(null);
  const mainInfo = useRef<HTMLSpanElement>(null);
  /** Each model's last decoded main view, to show again when the model is picked again. */
  const decodePaints = useRef(0);
  const lastMain = useRef(new Map<string, { model: string; view: LatentView; image: PixelImage }>());
  const tiledRef = useRef(tiled);
  useEffect(() => {
    tiledRef.current = tiled;
  }, [tiled]);
  const schedule = useFrameScheduler();

  const mainSize = useRef<StickySize | null>(null);
  const mainFrame = (image: PixelImage, req: Pick<MainRequest, 'model' | 'view'>) => {
    if (req.view.kind === 'image') return tileFrame(image, tiledRef.current ? TILE_REPEAT : 1);
    mainSize.current = stickySize(mainSize.current, `${req.model}|${req.view.text}`, image);
    return centredFrame(image, mainSize.current, PAPER);
  };

  const paintMain = (image: PixelImage, req: MainRequest, out: DecodeOutput): void => {
    if (req.model !== current.current.modelId) return;
    lastMain.current.set(req.model, { model: req.model, view: req.view, image });
    decodePaints.current++;
    try {
      mainStage.current?.paint(mainFrame(image, req));
    } catch (err) {
      reportError(err);
      return;
    }
    marks.painted(req.seq);
    if (mainInfo.current)
      mainInfo.current.textContent = `${out.provider.toUpperCase()} · ${out.inferenceMs.toFixed(1)} ms`;
  };
  const wantMain = useMainDecoder(api, paintMain, reportError);

  // Interpolation scrub: the path's ends, fixed when the scrub starts.
  const scrubAnchor = useRef<{ key: string; a: number[]; b: number[] } | null>(null);

  const viewFor = (mid: string): LatentView | null => {
    const l = latentById.current.get(mid);
    const s = readState(mid);
    return l && s ? mainView(l, s) : null;
  };

  /** Moves a model's point (the current model's by default) and decodes it for the main view. */
  const moveTo = (next: number[], opts: { lane?: Lane; seq?: number | null; model?: string } = {}): void => {
    const mid = opts.model ?? current.current.modelId;
    const lane = opts.lane ?? 'pad';
    const l = latentById.current.get(mid);
    // A point of another model (a grid painted before a switch) or a broken record: ignore it.
    if (!l || !isPointFor(l, next)) return;
    update(mid, (s) => ({ ...s, point: next }));
    if (lane !== 'path') scrubAnchor.current = null;
    if (mid !== current.current.modelId || !current.current.usable) return;
    const v = viewFor(mid);
    if (v) wantMain({ model: mid, point: next, view: v, lane, seq: opts.seq ?? null });
  };

  // A new model, view or text: decode the current point again.
  const redecode = useEffectEvent(() => {
    if (!usable || !view) return;
    const s = readState(modelId);
    if (s) wantMain({ model: modelId, point: s.point, view, lane: 'pad', seq: null });
  });
  useEffect(() => {
    redecode();
  }, [modelId, viewKey, usable]);

  // Tiling or another model needs no decode to show what is known: repaint it (or nothing).
  const repaint = useEffectEvent(() => {
    const last = usable ? lastMain.current.get(modelId) : undefined;
    if (!last) {
      mainStage.current?.clear();
      if (mainInfo.current) mainInfo.current.textContent = '';
      return;
    }
    const seen = decodePaints.current;
    schedule('repaint', () => {
      // A decode painted meanwhile is newer than what is cached.
      if (decodePaints.current === seen) mainStage.current?.paint(mainFrame(last.image, last));
    });
  });
  useEffect(() => {
    repaint();
  }, [tiled, modelId, usable]);

  // ------------------------------------------------------------------ moving the point
  const pca = latent?.pca ?? null;
  const padX = pca && isPointFor(latent!, point) ? coordinate(pca, point, axes.x) : 0;
  const padY = pca && isPointFor(latent!, point) ? coordinate(pca, point, axes.y) : 0;
  const shares = useMemo(() => (latent ? varianceShare(latent.pca.variance) : []), [latent]);

  const onPadMove = (x: number, y: number): void => {
    const s = readState(modelId);
    if (!usable || !pca || !s) return;
    const seq = marks.pointer();
    const a = validAxes(s.axes, count);
    moveTo(withCoordinate(pca, withCoordinate(pca, s.point, a.x, x), a.y, y), { seq });
  };

  const onSlider = (k: number, value: number): void => {
    const s = readState(modelId);
    if (!usable || !pca || !s) return;
    moveTo(withCoordinate(pca, s.point, k, value));
  };

  const nudge = (dx: number, dy: number): void => {
    const s = readState(modelId);
    if (!usable || !pca || !s) return;
    const a = validAxes(s.axes, count);
    moveTo(
      offsetAlong(pca, s.point, [
        [a.x, dx],
        [a.y, dy],
      ]),
    );
  };

  const reset = (): void => {
    if (!usable || !pca) return;
    moveTo(pca.mean.slice());
  };

  const randomize = async (): Promise<void> => {
    if (!usable || !latent) return;
    const mid = modelId;
    const l = latent;
    const seed = randomSeed();
    const temperature = st.temperature;
    update(mid, (s) => ({ ...s, seed }));
    try {
      const { points } = await api.latent.sample({ model: mid, seed, count: 1, temperature });
      const p = points[0];
      if (p && isPointFor(l, p)) moveTo(p, { model: mid });
    } catch (err) {
      reportError(err);
    }
  };

  // ------------------------------------------------------------------ saving
  const library = useLibraryList(api, LATENT_RECORDS, reportError);
  const bookmarks = useMemo(
    () => (library.items && latent ? bookmarksFor(library.items, modelId, latent.dim) : null),
    [library.items, latent, modelId],
  );
  const saving = useRef(false);
  const [busySave, setBusySave] = useState<'bookmark' | 'save' | 'canvas' | null>(null);

  const save = async (why: 'bookmark' | 'save' | 'canvas'): Promise<Generation | null> => {
    const s = readState(modelId);
    if (!usable || !view || !s || saving.current) return null;
    saving.current = true;
    setBusySave(why);
    try {
      const title = why === 'bookmark' ? nextBookmarkTitle(bookmarks ?? []) : null;
      const gen = await api.latent.save({
        model: modelId,
        point: s.point,
        view,
        ...(title ? { title } : {}),
      });
      library.add(gen);
      return gen;
    } catch (err) {
      reportError(err);
      return null;
    } finally {
      saving.current = false;
      setBusySave(null);
    }
  };

  const bookmark = async (): Promise<void> => {
    const gen = await save('bookmark');
    if (gen) notify(`Bookmarked “${gen.title}”`);
  };
  const saveToLibrary = async (): Promise<void> => {
    const gen = await save('save');
    if (gen) notify(`Saved “${gen.title}” to the library`);
  };
  const sendToCanvas = async (): Promise<void> => {
    const gen = await save('canvas');
    if (gen) onOpenGeneration(gen);
  };

  const goTo = (b: Bookmark): void => moveTo(b.point.slice());

  const deleteBookmark = async (b: Bookmark): Promise<void> => {
    try {
      await api.library.delete({ id: b.generation.id });
      library.remove(b.generation.id);
    } catch (err) {
      reportError(err);
    }
  };

  // ------------------------------------------------------------------ interpolation
  const interp = st.interp;
  const marksList = bookmarks ?? [];
  const endA = resolveEnd(interp.a, point, marksList);
  const endB = resolveEnd(interp.b, point, marksList);
  const interpProblem =
    bookmarks !== null && (!endA || !endB) ? 'A bookmark on this path is gone: choose another end.' : null;
  const [exporting, setExporting] = useState<'gif' | 'png-strip' | null>(null);

  const patchInterp = (p: Partial<InterpState>): void => {
    update(modelId, (s) => ({ ...s, interp: { ...s.interp, ...p } }));
  };

  const pathEnds = (s: ModelState): { key: string; a: number[]; b: number[] } | null => {
    const key = `${modelId}|${s.interp.a}|${s.interp.b}`;
    const anchor = scrubAnchor.current;
    if (anchor && anchor.key === key) return anchor;
    const a = resolveEnd(s.interp.a, s.point, marksList);
    const b = resolveEnd(s.interp.b, s.point, marksList);
    return a && b ? { key, a, b } : null;
  };

  const onScrub = (t: number): void => {
    const s = readState(modelId);
    if (!usable || !s) return;
    patchInterp({ t });
    const ends = pathEnds(s);
    if (!ends) return;
    scrubAnchor.current = ends;
    moveTo(interpolate(ends.a, ends.b, t, s.interp.mode), { lane: 'path' });
  };

  const exportPath = async (format: 'gif' | 'png-strip'): Promise<void> => {
    const s = readState(modelId);
    if (!usable || !view || !s || exporting) return;
    const ends = pathEnds(s);
    if (!ends) return;
    const frames = Math.min(MAX_FRAMES, Math.max(2, Math.round(s.interp.frames) || 2));
    setExporting(format);
    try {
      const out = await api.latent.exportPath({
        model: modelId,
        from: ends.a,
        to: ends.b,
        mode: s.interp.mode,
        frames,
        view,
        format,
        scale: s.interp.scale,
        frameMs: FRAME_MS,
      });
      downloadBlob(new Blob([new Uint8Array(out.bytes)], { type: out.mime }), out.fileName);
      notify(`Downloaded ${out.fileName}`);
    } catch (err) {
      reportError(err);
    } finally {
      setExporting(null);
    }
  };

  // ------------------------------------------------------------------ encoding
  const [encoded, setEncoded] = useState<Record<string, EncodeResult>>({});
  const [encoding, setEncoding] = useState(false);

  const encodeFile = async (file: File): Promise<void> => {
    if (!usable || !latent || encoding) return;
    if (file.size > LATENT_MAX_IMAGE_BYTES) {
      reportError({
        code: 'invalid-input',
        message: `“${file.name}” is too large to encode (at most ${LATENT_MAX_IMAGE_BYTES >> 20} MiB).`,
      });
      return;
    }
    const mid = modelId;
    const l = latent;
    const char = conditional ? st.encodeChar : null;
    setEncoding(true);
    clearError();
    try {
      const image = new Uint8Array(await file.arrayBuffer());
      const out = await api.latent.encode({
        model: mid,
        image,
        ...(char ? { char } : {}),
        samples: ENCODE_SAMPLES,
        seed: randomSeed(),
      });
      setEncoded((prev) => ({ ...prev, [mid]: { ...out, fileName: file.name } }));
      if (isPointFor(l, out.mean)) moveTo(out.mean.slice(), { model: mid });
    } catch (err) {
      reportError(err);
    } finally {
      setEncoding(false);
    }
  };

  // ------------------------------------------------------------------ keyboard
  useWindowKeydown(active, (e: KeyboardEvent) => {
    if (e.defaultPrevented) return;
    const action = latentKeyAction(e, focusKind(document.activeElement as HTMLElement | null));
    if (!action || !usable) return;
    e.preventDefault();
    if (action.kind === 'nudge') nudge(action.dx, action.dy);
    else if (action.kind === 'bookmark') void bookmark();
    else if (action.kind === 'randomize') void randomize();
    else reset();
  });

  // ------------------------------------------------------------------ render
  const blocker =
    modelsBlocker(modelsState, onRetryModels) ?? (list.length === 0 ? noLatentModelText(models) : problem);

  const disabled = !usable;
  const { dropping, dropProps } = useFileDrop((file) => void encodeFile(file), !disabled);
  const sliders = latent ? sliderCount(latent) : 0;
  const sheet = useMemo(() => (charset ? sheetText(charset) : ''), [charset]);
  const cellChar = charset ? gridChar(st.gridChar, cleaned?.text ?? '', charset) : '';
  const gridView: LatentView | null = !latent
    ? null
    : conditional
      ? { kind: 'text', text: cellChar }
      : { kind: 'image' };
  const encodeResult = encoded[modelId] ?? null;

  let mainOverlay: ReactElement | null = null;
  if (blocker) mainOverlay = <div className="canvas-placeholder">{blocker}</div>;
  else if (!view)
    mainOverlay = (
      <div className="canvas-placeholder">
        <p>Nothing to draw.</p>
        <p className="muted">Type some letters ({charset ? 'A–Z, a–z, 0–9' : ''}) in the text field.</p>
      </div>
    );

  return (
    <div
      className={`studio latent-studio${dropping ? ' is-dropping' : ''}`}
      data-testid="latent-view"
      data-model={modelId}
      {...dropProps}
    >
      <aside className="studio-panel latent-panel" aria-label="Latent explorer controls">
        <header className="panel-header">
          <h1>Latent Explorer</h1>
          <span className="muted">Walk a model’s latent space</span>
        </header>
        <section className="panel-section controls">
          <div className="field">
            <label className="field-label" htmlFor={`${id}-model`}>
              Model
            </label>
            <select
              id={`${id}-model`}
              data-testid="latent-model-select"
              value={modelId}
              disabled={list.length === 0}
              onChange={(e) => setChosen(e.target.value)}
            >
              {list.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                  {m.ok ? '' : ' (unavailable)'}
                </option>
              ))}
            </select>
          </div>
          {blocker ? (
            <div className="callout callout-bad" data-testid="latent-model-error">
              {blocker}
            </div>
          ) : null}
          {conditional ? (
            <div className="field">
              <label className="field-label" htmlFor={`${id}-text`}>
                Text
              </label>
              <input
                id={`${id}-text`}
                data-testid="latent-text"
                type="text"
                value={st.text}
                maxLength={LATENT_MAX_TEXT}
                disabled={disabled}
                spellCheck={false}
                onChange={(e) => {
                  const v = e.target.value;
                  update(modelId, (s) => ({ ...s, text: v }));
                }}
              />
              {cleaned && cleaned.dropped.length > 0 ? (
                <div className="field-hint">
                  Not in this model, left out: {cleaned.dropped.map((c) => `“${c}”`).join(' ')}
                </div>
              ) : null}
            </div>
          ) : null}
        </section>

        <section className="panel-section" aria-labelledby={`${id}-pad`}>
          <h2 id={`${id}-pad`} className="section-title">
            Pad
          </h2>
          <div className="field-pair">
            {(['x', 'y'] as const).map((which) => (
              <label key={which} className="inline-field">
                <span>{which === 'x' ? 'Across' : 'Up'}</span>
                <select
                  value={String(axes[which])}
                  disabled={disabled}
                  aria-label={
                    which === 'x' ? "The pad's horizontal direction" : "The pad's vertical direction"
                  }
                  onChange={(e) => {
                    const v = Number(e.target.value);
                    update(modelId, (s) => ({ ...s, axes: chooseAxis(validAxes(s.axes, count), which, v) }));
                  }}
                >
                  {Array.from({ length: count }, (_, k) => (
                    <option key={k} value={String(k)}>
                      D{k + 1} · {Math.round((shares[k] ?? 0) * 100)}%
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          <LatentPad
            x={padX}
            y={padY}
            xLabel={`D${axes.x + 1}`}
            yLabel={`D${axes.y + 1}`}
            disabled={disabled}
            onMove={onPadMove}
          />
          <div className="pad-readout muted">
            D{axes.x + 1} {formatSd(padX)} · D{axes.y + 1} {formatSd(padY)} SD
          </div>
        </section>

        <section className="panel-section" aria-labelledby={`${id}-dirs`}>
          <h2 id={`${id}-dirs`} className="section-title">
            Directions
          </h2>
          {pca ? (
            <DirectionSliders
              pca={pca}
              point={point}
              count={sliders}
              shares={shares}
              axes={axes}
              disabled={disabled}
              onChange={onSlider}
            />
          ) : null}
          <div className="button-row">
            <button
              type="button"
              className="button"
              data-testid="latent-reset"
              disabled={disabled}
              aria-keyshortcuts="0"
              onClick={reset}
            >
              <Icon name="reset" />
              Reset
            </button>
            <button
              type="button"
              className="button"
              data-testid="latent-randomize"
              disabled={disabled}
              aria-keyshortcuts="R"
              onClick={() => void randomize()}
            >
              <Icon name="dice" />
              Randomize
            </button>
          </div>
          <div className="field">
            <div className="field-row">
              <label className="field-label" htmlFor={`${id}-temp`}>
                Temperature
              </label>
              <output className="field-value" htmlFor={`${id}-temp`}>
                {st.temperature.toFixed(2)}
                {st.seed !== null ? ` · seed ${st.seed}` : ''}
              </output>
            </div>
            <input
              id={`${id}-temp`}
              data-testid="latent-temperature"
              type="range"
              min={0}
              max={2}
              step={0.05}
              value={st.temperature}
              disabled={disabled}
              onChange={(e) => {
                const v = e.target.valueAsNumber;
                if (Number.isFinite(v)) update(modelId, (s) => ({ ...s, temperature: v }));
              }}
            />
            <div className="field-hint">Randomize draws from the prior, its spread scaled by this.</div>
          </div>
        </section>

        <section className="panel-section" aria-labelledby={`${id}-keep`}>
          <h2 id={`${id}-keep`} className="section-title">
            Keep
          </h2>
          <div className="button-row wrap">
            <button
              type="button"
              className="button primary"
              data-testid="latent-bookmark"
              disabled={disabled || !view || busySave !== null}
              aria-keyshortcuts="B"
              onClick={() => void bookmark()}
            >
              <Icon name="bookmark" />
              {busySave === 'bookmark' ? 'Saving…' : 'Bookmark'}
            </button>
            <button
              type="button"
              className="button"
              data-testid="latent-save"
              disabled={disabled || !view || busySave !== null}
              onClick={() => void saveToLibrary()}
            >
              <Icon name="library" />
              Save to library
            </button>
            <button
              type="button"
              className="button"
              data-testid="latent-send-canvas"
              disabled={disabled || !view || busySave !== null}
              onClick={() => void sendToCanvas()}
            >
              <Icon name="send" />
              Send to canvas
            </button>
          </div>
        </section>

        <section className="panel-section">
          <LatentHelp />
        </section>
      </aside>

      <section className="studio-main latent-main" aria-label="Decoded point">
        <div className="latent-toolbar">
          <span className="latent-toolbar-title">
            {model ? model.name : 'No model'}
            {view && view.kind === 'text' ? <span className="muted"> · “{view.text}”</span> : null}
          </span>
          <span className="muted latent-toolbar-info" ref={mainInfo} aria-live="off" />
          {!conditional && latent ? (
            <label className="check">
              <input
                type="checkbox"
                checked={st.tiled}
                disabled={disabled}
                onChange={(e) => {
                  const v = e.target.checked;
                  update(modelId, (s) => ({ ...s, tiled: v }));
                }}
              />
              Tile 3×3
            </label>
          ) : null}
        </div>
        <PixelStage
          ref={mainStage}
          testId="latent-canvas"
          className="latent-canvas"
          label={`The current point decoded by ${model?.name ?? 'the model'}`}
          maxScale={conditional ? 4 : tiled ? 4 : 6}
          padding={24}
          data={{ point: pointAttr(point) }}
          overlay={mainOverlay}
        />
        {conditional && latent ? (
          <div className="latent-sheet-block">
            <div className="section-title">Alphabet · refreshes when the point settles</div>
            <AlphabetSheet
              api={api}
              model={modelId}
              point={point}
              text={sheet}
              disabled={disabled}
              onError={reportError}
            />
          </div>
        ) : null}
      </section>

      <aside
        className="studio-panel latent-panel latent-side"
        aria-label="Neighbourhood, bookmarks, paths, encoding"
      >
        <section className="panel-section" aria-labelledby={`${id}-grid`}>
          <h2 id={`${id}-grid`} className="section-title">
            Neighbourhood
          </h2>
          {pca ? (
            <NeighbourhoodGrid
              api={api}
              model={modelId}
              pca={pca}
              point={point}
              axisX={axes.x}
              axisY={axes.y}
              step={st.gridStep}
              onStep={(step) => update(modelId, (s) => ({ ...s, gridStep: step }))}
              view={gridView}
              charset={charset}
              char={cellChar}
              onChar={(c) => update(modelId, (s) => ({ ...s, gridChar: c }))}
              disabled={disabled}
              ink={latent?.ink ?? false}
              onPick={(p) => moveTo(p)}
              onError={reportError}
            />
          ) : (
            <p className="muted">No model to explore.</p>
          )}
        </section>

        <section className="panel-section" aria-labelledby={`${id}-bm`}>
          <h2 id={`${id}-bm`} className="section-title">
            Bookmarks
          </h2>
          <BookmarkList
            api={api}
            bookmarks={bookmarks}
            modelName={model?.name ?? ''}
            disabled={disabled}
            onGo={goTo}
            onDelete={deleteBookmark}
          />
        </section>

        <section className="panel-section" aria-labelledby={`${id}-path`}>
          <h2 id={`${id}-path`} className="section-title">
            Interpolate
          </h2>
          <InterpolatePanel
            state={interp}
            bookmarks={marksList}
            disabled={disabled || !view}
            problem={interpProblem}
            exporting={exporting}
            onChange={patchInterp}
            onScrub={onScrub}
            onExport={(f) => void exportPath(f)}
          />
        </section>

        <section className="panel-section" aria-labelledby={`${id}-enc`}>
          <h2 id={`${id}-enc`} className="section-title">
            Encode an image
          </h2>
          <EncodePanel
            charset={charset}
            char={st.encodeChar}
            onChar={(c) => update(modelId, (s) => ({ ...s, encodeChar: c }))}
            result={encodeResult}
            busy={encoding}
            disabled={disabled}
            reconThreshold={latent?.reconThreshold ?? 0}
            onFile={(f) => void encodeFile(f)}
            onPick={(p) => moveTo(p.slice())}
          />
        </section>
      </aside>
      {dropping ? (
        <div className="latent-drop" aria-hidden="true">
          Drop the image to encode it
        </div>
      ) : null}
    </div>
  );
}
