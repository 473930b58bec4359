/**
 * The dataset card (README.md) as the Hugging Face Hub would show it: the YAML front matter as
 * code, folded, then the Markdown body through react-markdown with GitHub tables (remark-gfm).
 * Raw HTML in the card is not rendered (react-markdown's default), so a card is only text.
 */
import type { ReactElement } from 'react';
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import type { DatasetsCard } from '../../../preload/contract';
import { splitFrontMatter } from './card';

export function CardView({ card, onClose }: { card: DatasetsCard; onClose: () => void }): ReactElement {
  const { yaml, body } = splitFrontMatter(card.markdown);
  return (
    <section
      className="datasets-card"
      data-testid="datasets-card"
      data-real={card.real}
      data-synthetic={card.synthetic}
    >
      <header className="datasets-card-header">
        <h3 className="section-title">Dataset card</h3>
        <span className="muted" data-testid="datasets-card-counts">
          {card.real} real · {card.synthetic} synthetic rows in the manifest
        </span>
        <code className="datasets-card-path">{card.path}</code>
        <button
          type="button"
          className="button small ghost"
          data-testid="datasets-card-close"
          onClick={onClose}
        >
          Close
        </button>
      </header>
      {yaml !== null ? (
        <details className="datasets-card-yaml">
          <summary>Metadata (YAML front matter)</summary>
          <pre>{yaml}</pre>
        </details>
      ) : null}
      <div className="datasets-markdown" data-testid="datasets-card-body">
        <Markdown remarkPlugins={[remarkGfm]}>{body}</Markdown>
      </div>
    </section>
  );
}
