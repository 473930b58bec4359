/**
 * The writing surface: the textarea, or, while a continuation is running or shown, a read-only page
 * with the same typography showing the draft with the pending text marked where it will go.
 */
import { useLayoutEffect, useRef, type ReactElement } from 'react';
import type { Alternative, Session } from './continuation';
import type { Draft } from './useDraft';

interface Props {
  draft: Draft;
  session: Session | null;
  alt: Alternative | null;
  scrollTop: number;
}

export function WriterEditor({ draft, session, alt, scrollTop }: Props): ReactElement {
  const { attachEditor, text, onChange, onSelect } = draft;
  if (session && alt) return <PendingPage session={session} alt={alt} scrollTop={scrollTop} />;
  return (
    <textarea
      ref={attachEditor}
      className="writer-surface writer-editor"
      data-testid="writer-editor"
      aria-label="Your text"
      placeholder="Write here, then press Continue (Ctrl+Enter): the model continues from the cursor."
      spellCheck
      value={text}
      onChange={onChange}
      onSelect={onSelect}
    />
  );
}

function PendingPage({
  session,
  alt,
  scrollTop,
}: {
  session: Session;
  alt: Alternative;
  scrollTop: number;
}): ReactElement {
  const page = useRef<HTMLDivElement | null>(null);
  const mark = useRef<HTMLElement | null>(null);
  const placed = useRef(false);
  const streaming = alt.status === 'streaming';

  useLayoutEffect(() => {
    const p = page.current;
    if (!p) return;
    if (!placed.current) {
      placed.current = true;
      p.scrollTop = scrollTop;
      p.focus({ preventScroll: true });
    }
    // Keep the end of the pending text in view as it grows.
    const m = mark.current;
    if (!m) return;
    const pr = p.getBoundingClientRect();
    const mr = m.getBoundingClientRect();
    if (mr.bottom > pr.bottom - 24) p.scrollTop += mr.bottom - pr.bottom + 48;
    else if (mr.top < pr.top) p.scrollTop -= pr.top - mr.top + 24;
  }, [alt.text, scrollTop]);

  return (
    <div
      ref={page}
      className="writer-surface writer-page"
      data-testid="writer-page"
      tabIndex={0}
      role="document"
      aria-label="Your text with the continuation marked"
      aria-busy={streaming}
    >
      {session.before}
      <mark
        ref={mark}
        className={`writer-pending${streaming ? ' is-streaming' : ''}`}
        data-testid="writer-pending"
        data-tokens={alt.tokens}
        data-status={alt.status}
        title={streaming ? 'Being written…' : 'Accept (Tab) or reject (Esc)'}
      >
        {alt.text}
      </mark>
      {session.after}
    </div>
  );
}
