import type { ReactElement } from 'react';
import type { Generation, TextureStyle } from '../../../preload/contract';
import { formatDateTime, formatDimensions, formatDuration, formatProvider } from '../shell/format';
import { readTextureParams } from './generationParams';

export function styleName(styles: readonly TextureStyle[], id: string | undefined): string {
  if (!id) return '—';
  return styles.find((s) => s.id === id)?.name ?? id;
}

export function GenerationInfo({
  generation,
  styles,
}: {
  generation: Generation | null;
  styles: readonly TextureStyle[];
}): ReactElement {
  if (!generation) {
    return (
      <section className="generation-info is-empty" data-testid="generation-info" aria-label="Result details">
        <span className="muted">Result details appear here after a generation.</span>
      </section>
    );
  }
  const items = generation.kind === 'latent' ? latentItems(generation) : textureItems(generation, styles);
  return (
    <section
      className="generation-info"
      data-testid="generation-info"
      data-generation-id={generation.id}
      data-seed={generation.seed}
      aria-label="Result details"
    >
      <dl>
        {items.map(([key, label, value]) => (
          <div key={key} className="info-item" data-field={key}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

type Item = [key: string, label: string, value: string];

function textureItems(generation: Generation, styles: readonly TextureStyle[]): Item[] {
  const p = readTextureParams(generation.params);
  return [
    ['seed', 'Seed', String(generation.seed)],
    [
      'style',
      'Style',
      styleName(styles, p.style) +
        (p.blend ? ` + ${styleName(styles, p.blend.style)} ${Math.round(p.blend.amount * 100)}%` : ''),
    ],
    ['size', 'Size', formatDimensions(generation.width, generation.height)],
    ['scale', 'Feature scale', `${p.scale ?? 1}×`],
    ['model', 'Model', generation.modelId],
    ['provider', 'Provider', formatProvider(generation.provider)],
    ['duration', 'Duration', formatDuration(generation.durationMs)],
    ['created', 'Created', formatDateTime(generation.createdAt)],
  ];
}

/** A latent point sent from the Latent Explorer: what it shows, not texture parameters. */
function latentItems(generation: Generation): Item[] {
  const view = generation.params.view as { kind?: unknown; text?: unknown } | undefined;
  const point = generation.params.point;
  const shows = view?.kind === 'text' && typeof view.text === 'string' ? `Text “${view.text}”` : 'Image';
  return [
    ['kind', 'From', 'Latent Explorer'],
    ['view', 'Shows', shows],
    ['point', 'Latent point', Array.isArray(point) ? `${point.length} numbers` : '—'],
    ['size', 'Size', formatDimensions(generation.width, generation.height)],
    ['model', 'Model', generation.modelId],
    ['provider', 'Provider', formatProvider(generation.provider)],
    ['duration', 'Duration', formatDuration(generation.durationMs)],
    ['created', 'Created', formatDateTime(generation.createdAt)],
  ];
}
