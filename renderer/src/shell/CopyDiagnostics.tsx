import { useEffect, useState, type ReactElement } from 'react';
import type { AtelierApi } from '../../../preload/contract';
import { downloadBlob } from './download';

type State = 'idle' | 'working' | 'copied' | 'saved' | 'failed';

const LABEL: Record<State, string> = {
  idle: 'Copy diagnostics',
  working: 'Collecting…',
  copied: 'Diagnostics copied',
  saved: 'Saved as a file',
  failed: 'Could not collect diagnostics',
};

/**
 * For bug reports: versions, provider, models and their hashes, the last log lines (no prompts,
 * notes or pictures) onto the clipboard; where the clipboard is refused, a .txt download.
 */
export function CopyDiagnostics({ api }: { api: AtelierApi }): ReactElement {
  const [state, setState] = useState<State>('idle');
  useEffect(() => {
    if (state === 'idle' || state === 'working') return;
    const t = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(t);
  }, [state]);

  const copy = async (): Promise<void> => {
    setState('working');
    let text: string;
    try {
      text = (await api.app.diagnostics()).text;
    } catch {
      setState('failed');
      return;
    }
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      downloadBlob(new Blob([text], { type: 'text/plain' }), 'atelier-diagnostics.txt');
      setState('saved');
    }
  };

  return (
    <button
      type="button"
      className="status-link"
      data-testid="copy-diagnostics"
      data-state={state}
      disabled={state === 'working'}
      title="Versions, provider, models and the last log lines, for a bug report. Nothing you made is included."
      onClick={() => void copy()}
    >
      {LABEL[state]}
    </button>
  );
}
