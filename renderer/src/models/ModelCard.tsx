/**
 * A hub model card (README.md) for reading: the YAML front matter folded apart, the Markdown body
 * through react-markdown with GitHub tables (remark-gfm). Cards come from strangers, so nothing in
 * one runs or loads: raw HTML is dropped (react-markdown's default, never rehype-raw), images show
 * as their alt text (no request leaves the page), and only absolute http(s) links are links,
 * opened in a new tab.
 */
import type { ReactElement } from 'react';
import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { safeHref, splitFrontMatter } from './detail';

const components: Components = {
  a: ({ href, children }) => {
    const to = safeHref(href);
    return to ? (
      <a href={to} target="_blank" rel="noopener noreferrer nofollow">
        {children}
      </a>
    ) : (
      <span className="models-card-link">{children}</span>
    );
  },
  img: ({ alt }) => (alt ? <span className="models-card-image">[image: {alt}]</span> : null),
};

export function ModelCard({ markdown }: { markdown: string }): ReactElement {
  const { yaml, body } = splitFrontMatter(markdown);
  return (
    <section className="models-card" aria-label="Model card">
      <h3 className="section-title">Model card</h3>
      {yaml !== null ? (
        <details className="models-card-yaml">
          <summary>Metadata (YAML front matter)</summary>
          <pre>{yaml}</pre>
        </details>
      ) : null}
      {body.trim() === '' ? (
        <p className="muted">This repository has no model card.</p>
      ) : (
        <div className="models-markdown" data-testid="models-card">
          <Markdown remarkPlugins={[remarkGfm]} components={components} skipHtml>
            {body}
          </Markdown>
        </div>
      )}
    </section>
  );
}
