/** The images on the board, newest first: thumbnail, seed, Use this seed / Vary / img2img, and their info. */
import type { ReactElement } from 'react';
import type { AtelierApi, Generation } from '../../../preload/contract';
import { useThumbnail } from '../shell/useThumbnail';
import { infoRows } from './info';

export interface ResultActions {
  useSeed: (g: Generation) => void;
  vary: (g: Generation) => void;
  img2img: (g: Generation) => void;
}

/**
 * Use this seed / Vary / img2img for one result: in each results-list entry (`image-*` test ids)
 * and in the board's selection toolbar (`image-selected-*`).
 */
export function ResultButtons({
  g,
  actions,
  canVary,
  idPrefix,
  useSeedLabel,
}: {
  g: Generation;
  actions: ResultActions;
  canVary: boolean;
  idPrefix: 'image' | 'image-selected';
  useSeedLabel: string;
}): ReactElement {
  return (
    <>
      <button
        type="button"
        className="button small"
        data-testid={`${idPrefix}-use-seed`}
        onClick={() => actions.useSeed(g)}
      >
        {useSeedLabel}
      </button>
      <button
        type="button"
        className="button small"
        data-testid={`${idPrefix}-vary`}
        disabled={!canVary}
        onClick={() => actions.vary(g)}
      >
        Vary
      </button>
      <button
        type="button"
        className="button small"
        data-testid={`${idPrefix}-img2img`}
        onClick={() => actions.img2img(g)}
      >
        img2img
      </button>
    </>
  );
}

interface Props {
  api: AtelierApi;
  ids: readonly string[];
  records: ReadonlyMap<string, Generation>;
  selected: string | null;
  onSelect: (id: string) => void;
  actions: ResultActions;
  canVary: boolean;
}

export function ResultsList({
  api,
  ids,
  records,
  selected,
  onSelect,
  actions,
  canVary,
}: Props): ReactElement {
  return (
    <section className="image-results" aria-label="Results">
      <h2 className="section-title">On the board ({ids.length})</h2>
      <ul className="image-result-list">
        {[...ids].reverse().map((id) => {
          const g = records.get(id);
          return g ? (
            <ResultEntry
              key={id}
              api={api}
              g={g}
              selected={selected === id}
              onSelect={onSelect}
              actions={actions}
              canVary={canVary}
            />
          ) : null;
        })}
      </ul>
    </section>
  );
}

function ResultEntry({
  api,
  g,
  selected,
  onSelect,
  actions,
  canVary,
}: {
  api: AtelierApi;
  g: Generation;
  selected: boolean;
  onSelect: (id: string) => void;
  actions: ResultActions;
  canVary: boolean;
}): ReactElement {
  const thumb = useThumbnail(api, g.id);
  return (
    <li
      className={`image-result${selected ? ' is-selected' : ''}`}
      data-testid="image-result"
      data-id={g.id}
      data-seed={g.seed}
      data-parent={g.parentId ?? undefined}
    >
      <button
        type="button"
        className="image-result-thumb"
        onClick={() => onSelect(g.id)}
        aria-label={`Select ${g.title}`}
      >
        {thumb.url ? <img src={thumb.url} alt="" draggable={false} /> : <span />}
      </button>
      <div className="image-result-body">
        <span className="image-result-title" title={g.title}>
          Seed {g.seed}
          {g.parentId ? ' · img2img/vary' : ''}
        </span>
        <div className="button-row">
          <ResultButtons g={g} actions={actions} canVary={canVary} idPrefix="image" useSeedLabel="Use seed" />
        </div>
        <details className="image-result-info">
          <summary>Info</summary>
          <dl>
            {infoRows(g).map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </details>
      </div>
    </li>
  );
}
