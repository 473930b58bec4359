import type { ReactElement } from 'react';
import type { AtelierApi } from '../../../preload/contract';
import { BookmarkList } from './BookmarkList';
import { EncodePanel } from './EncodePanel';
import { GlyphSetPanel } from './GlyphSetPanel';
import type { Bookmark, LatentInfo, ModelState } from './explorer';
import { InterpolatePanel } from './InterpolatePanel';
import { NeighbourhoodPanel } from './NeighbourhoodPanel';
import type { Axes } from './pad';
import { PanelSection } from './PanelSection';
import type { Encode } from './useEncode';
import type { GlyphSet } from './useGlyphSet';
import type { Interpolation } from './useInterpolation';

interface Props {
  api: AtelierApi;
  modelId: string;
  modelName: string;
  latent: LatentInfo | undefined;
  /** The model's state, as rendered. */
  state: ModelState;
  axes: Axes;
  /** Glyph models: the text the main view shows (its first character is the grid's default). */
  text: string;
  disabled: boolean;
  /** The main view draws something (a path can be scrubbed and exported). */
  hasView: boolean;
  bookmarks: Bookmark[] | null;
  /** The bookmark marked as the point on show (opened from the Library or gone to). */
  markedBookmark: string | null;
  onGoBookmark: (b: Bookmark) => void;
  onDeleteBookmark: (b: Bookmark) => Promise<void>;
  path: Interpolation;
  encode: Encode;
  /** Glyph models: the letters of the designer's font and the style they give together. */
  glyphSet: GlyphSet;
  patch: (fn: (s: ModelState) => ModelState) => void;
  moveTo: (point: number[]) => void;
  onError: (err: unknown) => void;
}

/**
 * The right-hand panel: a glyph model's "your font's style" (several letters combined), the
 * neighbourhood grid, bookmarks, the interpolation path, encoding an image.
 */
export function SidePanel({
  api,
  modelId,
  modelName,
  latent,
  state: st,
  axes,
  text,
  disabled,
  hasView,
  bookmarks,
  markedBookmark,
  onGoBookmark,
  onDeleteBookmark,
  path,
  encode,
  glyphSet,
  patch,
  moveTo,
  onError,
}: Props): ReactElement {
  return (
    <aside
      className="studio-panel latent-panel latent-side"
      aria-label="Neighbourhood, bookmarks, paths, encoding"
    >
      {latent?.charset ? (
        <PanelSection title="Your font’s style">
          <GlyphSetPanel
            api={api}
            modelId={modelId}
            charset={latent.charset}
            set={glyphSet}
            pca={latent.pca}
            axes={axes}
            point={st.point}
            disabled={disabled}
            onError={onError}
          />
        </PanelSection>
      ) : null}
      <NeighbourhoodPanel
        api={api}
        modelId={modelId}
        latent={latent}
        point={st.point}
        axes={axes}
        step={st.gridStep}
        char={st.gridChar}
        text={text}
        disabled={disabled}
        onStep={(gridStep) => patch((s) => ({ ...s, gridStep }))}
        onChar={(gridChar) => patch((s) => ({ ...s, gridChar }))}
        onPick={moveTo}
        onError={onError}
      />
      <PanelSection title="Bookmarks">
        <BookmarkList
          api={api}
          bookmarks={bookmarks}
          modelName={modelName}
          disabled={disabled}
          marked={markedBookmark}
          onGo={onGoBookmark}
          onDelete={onDeleteBookmark}
        />
      </PanelSection>
      <PanelSection title="Interpolate">
        <InterpolatePanel
          state={path.state}
          bookmarks={path.bookmarks}
          disabled={disabled || !hasView}
          problem={path.problem}
          exporting={path.exporting}
          onChange={path.patch}
          onScrub={path.onScrub}
          onExport={(f) => void path.exportPath(f)}
        />
      </PanelSection>
      <PanelSection title="Encode an image">
        <EncodePanel
          charset={latent?.charset ?? null}
          char={st.encodeChar}
          onChar={(encodeChar) => patch((s) => ({ ...s, encodeChar }))}
          result={encode.result}
          busy={encode.busy}
          disabled={disabled}
          reconThreshold={latent?.reconThreshold ?? 0}
          onFile={(f) => void encode.encodeFile(f)}
          onPick={(pt) => moveTo(pt.slice())}
        />
      </PanelSection>
    </aside>
  );
}
