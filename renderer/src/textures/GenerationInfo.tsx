import type { ReactElement } from 'react';
import type { Generation, TextureStyle } from '../../../preload/contract';
import { formatDateTime, formatDimensions, formatDuration, formatProvider } from '../library/format';
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
  const p = readTextureParams(generation.params);
  const items: [string, string, string][] = [
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
