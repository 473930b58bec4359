/**
 * The Models view's left column: the search box with the task filter (All / Text / Image), the one
 * line saying why the hub did not answer, Atelier's curated list (first, and offline too) and the
 * search results.
 */
import { useId, useState, type ReactElement } from 'react';
import type { HubModelSummary } from '../../../preload/contract';
import { Icon } from '../shell/icons';
import { ModelRow } from './ModelRow';
import { filterLabel, TASK_FILTERS, underFilter } from './search';
import type { HubSearch } from './useHubSearch';

interface Props {
  search: HubSearch;
  curated: HubModelSummary[] | null;
  curatedError: string | null;
  selected: string | null;
  onSelect: (repo: string) => void;
}

export function SearchPanel({ search, curated, curatedError, selected, onSelect }: Props): ReactElement {
  const id = useId();
  const picks = curated ? underFilter(curated, search.filter) : null;
  const results = search.results;
  // Open at first; folded once the user searched for words (the results matter then), reopenable.
  const [curatedOpen, setCuratedOpen] = useState(true);
  const [seenSearch, setSeenSearch] = useState(search.searched);
  if (seenSearch !== search.searched) {
    setSeenSearch(search.searched);
    if (search.searched) setCuratedOpen(false);
  }
  return (
    <section className="models-search" aria-label="Find models">
      <form
        className="models-search-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          search.submit();
        }}
      >
        <label className="field-label" htmlFor={`${id}-q`}>
          Search Hugging Face
        </label>
        <div className="models-search-row">
          <input
            id={`${id}-q`}
            type="search"
            data-testid="models-search"
            placeholder="gpt2, qwen, stable diffusion…"
            value={search.query}
            maxLength={200}
            onChange={(e) => search.setQuery(e.target.value)}
          />
          <button type="submit" className="button" data-testid="models-search-go" disabled={search.busy}>
            Search
          </button>
        </div>
        <fieldset className="models-filter">
          <legend className="visually-hidden">Task</legend>
          {TASK_FILTERS.map((f) => (
            <label key={f} className="models-filter-option">
              <input
                type="radio"
                name={`${id}-task`}
                value={f}
                data-testid={`models-task-${f}`}
                checked={search.filter === f}
                onChange={() => search.setFilter(f)}
              />
              <span>{filterLabel(f)}</span>
            </label>
          ))}
        </fieldset>
      </form>
      {search.error ? (
        <p className="callout callout-bad models-hub-error" data-testid="models-hub-error" role="alert">
          <Icon name="warning" size={14} /> {search.error}
        </p>
      ) : null}
      <div className="models-lists">
        <details
          className="models-curated"
          open={curatedOpen}
          onToggle={(e) => setCuratedOpen(e.currentTarget.open)}
        >
          <summary className="section-title" data-testid="models-curated-toggle">
            Known to run in Atelier{picks ? ` (${picks.length})` : ''}
          </summary>
          {curatedError ? (
            <p className="models-error" data-testid="models-curated-error">
              {curatedError}
            </p>
          ) : null}
          {picks === null && !curatedError ? <p className="muted">Loading…</p> : null}
          {picks !== null && picks.length === 0 ? <p className="muted">None for this task.</p> : null}
          {picks && picks.length > 0 ? (
            <ul className="stack-list models-list" data-testid="models-curated" aria-label="Curated models">
              {picks.map((m) => (
                <ModelRow
                  key={m.repo}
                  model={m}
                  selected={m.repo === selected}
                  onSelect={onSelect}
                  testId="models-curated-item"
                />
              ))}
            </ul>
          ) : null}
        </details>
        <h2 className="section-title models-results-title" aria-live="polite">
          {search.busy
            ? 'Searching…'
            : results === null
              ? 'Search results'
              : search.searched
                ? `Results for “${search.searched}” (${results.length})`
                : `Most downloaded (${results.length})`}
        </h2>
        {results !== null && results.length === 0 ? (
          <p className="muted" data-testid="models-no-results">
            No ONNX models found. Try other words, or another task.
          </p>
        ) : null}
        {results && results.length > 0 ? (
          <ul className="stack-list models-list" data-testid="models-results" aria-label="Search results">
            {results.map((m) => (
              <ModelRow
                key={m.repo}
                model={m}
                selected={m.repo === selected}
                onSelect={onSelect}
                testId="models-result"
              />
            ))}
          </ul>
        ) : null}
      </div>
    </section>
  );
}
