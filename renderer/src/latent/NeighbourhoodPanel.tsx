import type { ReactElement } from 'react';
import type { AtelierApi } from '../../../preload/contract';
import { cellView, type LatentInfo } from './explorer';
import { gridChar } from './glyphText';
import { NeighbourhoodGrid } from './NeighbourhoodGrid';
import type { Axes } from './pad';
import { PanelSection } from './PanelSection';

interface Props {
  api: AtelierApi;
  modelId: string;
  latent: LatentInfo | undefined;
  point: readonly number[];
  axes: Axes;
  step: number;
  /** Glyph models: the grid's character as chosen ('' = the text's first) and the text shown. */
  char: string;
  text: string;
  disabled: boolean;
  onStep: (step: number) => void;
  onChar: (c: string) => void;
  onPick: (point: number[]) => void;
  onError: (err: unknown) => void;
}

/** The neighbourhood section: the 5×5 grid around the point (one character of a glyph model). */
export function NeighbourhoodPanel({ latent, char, text, ...p }: Props): ReactElement {
  const charset = latent?.charset ?? null;
  const cellChar = charset ? gridChar(char, text, charset) : '';
  return (
    <PanelSection title="Neighbourhood">
      {latent ? (
        <NeighbourhoodGrid
          api={p.api}
          model={p.modelId}
          pca={latent.pca}
          point={p.point}
          axisX={p.axes.x}
          axisY={p.axes.y}
          step={p.step}
          onStep={p.onStep}
          view={cellView(latent, cellChar)}
          charset={charset}
          char={cellChar}
          onChar={p.onChar}
          disabled={p.disabled}
          ink={latent.ink}
          onPick={p.onPick}
          onError={p.onError}
        />
      ) : (
        <p className="muted">No model to explore.</p>
      )}
    </PanelSection>
  );
}
