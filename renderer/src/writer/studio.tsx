import type { ReactNode } from 'react';
import type { Generation } from '../../../preload/contract';
import type { StudioDef } from '../shell/studio';
import { textMeta, textModelLabel } from './card';
import { documentFromParams, excerpt } from './document';
import { WriterStudio } from './WriterStudio';

/**
 * A text card's thumbnail: the prompt's tail and the first lines of the continuation; for an Ask
 * answer, the instruction and the answer's first lines.
 */
function textExcerpt(gen: Generation): ReactNode {
  const doc = documentFromParams(gen);
  if (!doc) return 'No preview';
  const { mode, instruction } = gen.params as { mode?: unknown; instruction?: unknown };
  const asked = mode === 'ask' && typeof instruction === 'string' ? instruction : null;
  return (
    <>
      {asked !== null ? (
        <span className="card-text-prompt" data-testid="library-text-instruction">
          Asked: {asked.length > 80 ? `${asked.slice(0, 79)}…` : asked}
        </span>
      ) : doc.prompt !== '' ? (
        <span className="card-text-prompt">…{doc.prompt.slice(-60)}</span>
      ) : null}
      {excerpt(doc.text)}
    </>
  );
}

/** The Writer: text records open in it; a card shows an excerpt and exports the whole document. */
export const writerStudio: StudioDef = {
  id: 'writer',
  label: 'Writer',
  icon: 'pen',
  group: 'studios',
  title: 'Writer',
  component: WriterStudio,
  keepMounted: true,
  cards: {
    text: {
      thumbnail: textExcerpt,
      meta: { label: 'Length', text: textMeta },
      modelLabel: textModelLabel,
      exportTitle: 'Export the whole text as a .txt file',
    },
  },
};
