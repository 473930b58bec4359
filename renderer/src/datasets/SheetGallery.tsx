/**
 * A glyph sheet run's contact sheets, big: the font's own first, then each variation
 * (`datasets.samples` with the result's `sheets/…` names; the first 12 are shown).
 */
import { useEffect, useState, type ReactElement } from 'react';
import type { AtelierApi, ErrorInfo } from '../../../preload/contract';
import { toErrorInfo } from '../shell/errors';

const SHOWN = 12;

export function SheetGallery({
  api,
  out,
  sheets,
}: {
  api: AtelierApi;
  out: string;
  sheets: readonly string[];
}): ReactElement {
  const key = `${out}\u0000${sheets.join('\n')}`;
  const [shown, setShown] = useState<{
    key: string;
    items: { name: string; url: string }[];
    error: ErrorInfo | null;
  }>();
  useEffect(() => {
    let live = true;
    const urls: string[] = [];
    const files = sheets.slice(0, SHOWN);
    if (files.length === 0) return;
    api.datasets.samples({ out, files: [...files] }).then(
      (answer) => {
        if (!live) return;
        const items = answer.map((s) => {
          const url = URL.createObjectURL(new Blob([s.png], { type: 'image/png' }));
          urls.push(url);
          return { name: s.fileName, url };
        });
        setShown({ key, items, error: null });
      },
      (err: unknown) => {
        if (live) setShown({ key, items: [], error: toErrorInfo(err) });
      },
    );
    return () => {
      live = false;
      urls.forEach((u) => URL.revokeObjectURL(u));
    };
  }, [api, out, sheets, key]);
  const current = shown?.key === key ? shown : null;
  return (
    <div className="datasets-sheets" data-testid="datasets-sheets" data-count={sheets.length}>
      <h3 className="section-title">
        Sheets{sheets.length > SHOWN ? ` (the first ${SHOWN} of ${sheets.length})` : ''}
      </h3>
      {current?.error ? <div className="callout callout-bad">{current.error.message}</div> : null}
      <div className="datasets-sheet-grid">
        {(current?.items ?? []).map((s, i) => (
          <figure key={s.name} className="datasets-sheet" data-testid="datasets-sheet">
            <img src={s.url} alt={s.name} className="pixelated" />
            <figcaption>
              <code>{s.name}</code>{' '}
              <span className="muted">{i === 0 ? 'the font itself' : `variation ${i}`}</span>
            </figcaption>
          </figure>
        ))}
      </div>
    </div>
  );
}
