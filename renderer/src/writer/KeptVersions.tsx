/**
 * The notice for versions kept aside: two tabs changed the draft at the same time, so both
 * versions were kept. The person decides: show the other version instead (the editor's text is
 * kept in its place), add it below, or discard it.
 */
import type { ReactElement } from 'react';
import { excerpt } from './draft';
import type { Draft } from './useDraft';
import { countWords } from './words';

const time = (ms: number): string =>
  ms > 0 ? new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }) : '';

export function KeptVersions({ draft, disabled }: { draft: Draft; disabled: boolean }): ReactElement | null {
  const list = draft.kept.filter((k) => k.text !== draft.text);
  const k = list[0];
  if (!k) return null;
  const words = countWords(k.text);
  const when = time(k.savedAt);
  return (
    <div
      className="callout writer-confirm writer-kept"
      role="group"
      aria-label="Another version of this draft"
      data-testid="writer-kept"
      data-count={list.length}
    >
      <span>
        Two tabs changed this draft at the same time, so both versions are kept: one is in the editor, the
        other ({words.toLocaleString('en')} word{words === 1 ? '' : 's'}
        {when ? `, saved ${when}` : ''}) waits here:{' '}
        <q className="writer-kept-excerpt" data-testid="writer-kept-excerpt">
          {excerpt(k.text)}
        </q>
        {list.length > 1 ? ` (and ${list.length - 1} more)` : ''}
      </span>
      <span className="button-row">
        <button
          type="button"
          className="button small"
          data-testid="writer-kept-show"
          disabled={disabled}
          title="Put it in the editor; the editor's text is kept aside in its place"
          onClick={() => draft.showKept(k.id)}
        >
          Show it instead
        </button>
        <button
          type="button"
          className="button small"
          data-testid="writer-kept-append"
          disabled={disabled}
          onClick={() => draft.appendKept(k.id)}
        >
          Add it below
        </button>
        <button
          type="button"
          className="button small ghost"
          data-testid="writer-kept-discard"
          onClick={() => draft.discardKept(k.id)}
        >
          Discard it
        </button>
      </span>
    </div>
  );
}
