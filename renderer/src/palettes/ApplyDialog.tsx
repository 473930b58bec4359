/**
 * "Apply to…": the library's textures, images and latent points (glyph sheets, tiles) as
 * thumbnails, newest first; the chosen one previewed with the palette at the chosen strength;
 * Apply makes a recoloured copy (a new record of the same kind) and shows it in the studio it
 * came from. Progress shows while it runs; a refusal or failure is a sentence here.
 */
import { useEffect, useId, useRef, type ReactElement } from 'react';
import type { AtelierApi, Generation } from '../../../preload/contract';
import { stageText, progressPercent } from '../shell/job';
import { useLibraryList } from '../shell/useLibraryList';
import { useShell } from '../shell/ShellContext';
import { useThumbnail } from '../shell/useThumbnail';
import { formatDimensions, newestFirst } from '../shell/format';
import { APPLY_PAGE, applyTargets, kindLabel, strengthText } from './apply';
import type { PaletteApply } from './usePaletteApply';
import { useRecolorPreview } from './useRecolorPreview';

interface Props {
  api: AtelierApi;
  colors: readonly string[];
  state: PaletteApply;
}

function Target({
  api,
  gen,
  chosen,
  disabled,
  onChoose,
}: {
  api: AtelierApi;
  gen: Generation;
  chosen: boolean;
  disabled: boolean;
  onChoose: (id: string) => void;
}): ReactElement {
  const thumb = useThumbnail(api, gen.id);
  return (
    <li>
      <button
        type="button"
        className={`palette-apply-item${chosen ? ' is-chosen' : ''}`}
        data-testid="palette-apply-item"
        data-id={gen.id}
        data-kind={gen.kind}
        aria-pressed={chosen}
        disabled={disabled}
        title={`${gen.title} (${kindLabel(gen)}, ${formatDimensions(gen.width, gen.height)})`}
        onClick={() => onChoose(gen.id)}
      >
        <span className={`palette-apply-thumb kind-${gen.kind}`}>
          {thumb.url ? <img src={thumb.url} alt="" draggable={false} /> : null}
        </span>
        <span className="palette-apply-title">{gen.title}</span>
        <span className="palette-apply-kind">
          {kindLabel(gen)} · {formatDimensions(gen.width, gen.height)}
        </span>
      </button>
    </li>
  );
}

export function ApplyDialog({ api, colors, state }: Props): ReactElement {
  const { reportError } = useShell();
  const id = useId();
  const textures = useLibraryList(
    api,
    { kind: 'texture', limit: APPLY_PAGE, order: newestFirst },
    reportError,
  );
  const images = useLibraryList(api, { kind: 'image', limit: APPLY_PAGE, order: newestFirst }, reportError);
  const latents = useLibraryList(api, { kind: 'latent', limit: APPLY_PAGE, order: newestFirst }, reportError);
  const lists = [textures, images, latents];
  const targets = applyTargets(lists.map((l) => l.items));
  const hasMore = lists.some((l) => l.hasMore);
  const target = targets?.find((g) => g.id === state.targetId) ?? null;
  const { canvasRef, ready, failed } = useRecolorPreview(api, target?.id ?? null, colors, state.strength);
  const dialog = useRef<HTMLElement>(null);

  useEffect(() => {
    dialog.current?.focus();
  }, []);

  const stage = state.progress;
  return (
    <div
      className="palette-apply-backdrop"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) state.close();
      }}
    >
      <section
        ref={dialog}
        className="palette-apply"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        tabIndex={-1}
        data-testid="palette-apply-dialog"
        data-state={state.running ? 'running' : state.error ? 'error' : 'idle'}
        onKeyDown={(e) => {
          if (e.key === 'Escape') state.close();
        }}
      >
        <header className="palette-apply-header">
          <h2 id={`${id}-title`}>Apply the palette to…</h2>
          <span className="palette-strip small" aria-hidden="true">
            {colors.map((c, k) => (
              <span key={k} style={{ backgroundColor: c }} />
            ))}
          </span>
          <span className="palette-toolbar-spacer" />
          <button
            type="button"
            className="button small"
            data-testid="palette-apply-close"
            disabled={state.running}
            onClick={state.close}
          >
            Close
          </button>
        </header>
        <div className="palette-apply-body">
          <div className="palette-apply-list">
            {targets === null ? (
              <p className="field-hint">Listing the library…</p>
            ) : targets.length === 0 ? (
              <p className="field-hint" data-testid="palette-apply-empty">
                Nothing to recolour yet: generate a texture or an image, or save a point of the Latent
                Explorer, and it shows here.
              </p>
            ) : (
              <ul className="palette-apply-grid" aria-label="Textures, images and latent points">
                {targets.map((g) => (
                  <Target
                    key={g.id}
                    api={api}
                    gen={g}
                    chosen={g.id === state.targetId}
                    disabled={state.running}
                    onChoose={state.choose}
                  />
                ))}
              </ul>
            )}
            {hasMore ? (
              <button
                type="button"
                className="button small"
                disabled={lists.some((l) => l.loadingMore)}
                onClick={() => {
                  for (const l of lists) if (l.hasMore) void l.loadMore();
                }}
              >
                Show older
              </button>
            ) : null}
          </div>
          <aside className="palette-apply-side">
            <div
              className="palette-apply-preview"
              data-testid="palette-apply-preview"
              data-ready={ready ? 'true' : 'false'}
            >
              {target ? (
                <canvas ref={canvasRef} aria-label={`Preview of ${target.title} recoloured`} />
              ) : (
                <p className="field-hint">Choose a texture, an image or a latent point.</p>
              )}
              {target && failed ? <p className="field-hint">No preview for this record.</p> : null}
            </div>
            {target ? <p className="palette-apply-target">{target.title}</p> : null}
            <div className="field">
              <div className="field-row">
                <label className="field-label" htmlFor={`${id}-strength`}>
                  Strength
                </label>
                <output className="field-value" htmlFor={`${id}-strength`}>
                  {strengthText(state.strength)}
                </output>
              </div>
              <input
                id={`${id}-strength`}
                data-testid="palette-apply-strength"
                type="range"
                min={0}
                max={1}
                step={0.01}
                value={state.strength}
                disabled={state.running}
                onChange={(e) => state.setStrength(e.target.valueAsNumber)}
              />
              <p className="field-hint">
                Each pixel takes the palette colour at its lightness: the darkest tones the darkest colour,
                the lightest the lightest. Lower strength keeps more of the original.
              </p>
            </div>
            <div className="button-row">
              <button
                type="button"
                className="button primary"
                data-testid="palette-apply-go"
                disabled={!target || state.running}
                onClick={state.apply}
              >
                {state.running ? 'Applying…' : 'Apply'}
              </button>
              {state.running ? (
                <button
                  type="button"
                  className="button"
                  data-testid="palette-apply-cancel"
                  onClick={state.cancel}
                >
                  Cancel
                </button>
              ) : null}
            </div>
            {stage ? (
              <div
                className="palette-apply-progress"
                data-testid="palette-apply-progress"
                data-stage={stage.stage}
              >
                <progress
                  max={100}
                  value={progressPercent(stage.fraction)}
                  aria-label="Recolouring"
                  aria-valuetext={stageText(stage.stage, stage.message)}
                />
                <span>{stageText(stage.stage, stage.message)}</span>
              </div>
            ) : null}
            {state.error ? (
              <p
                className="callout callout-bad palette-apply-error"
                role="alert"
                data-testid="palette-apply-error"
                data-code={state.error.code}
              >
                {state.error.message}
              </p>
            ) : null}
          </aside>
        </div>
      </section>
    </div>
  );
}
