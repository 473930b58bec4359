/** The left panel: new / save / import / export, and the shelf of saved clips. */
import { useId, useRef, type DragEvent, type ReactElement } from 'react';
import type { AtelierApi } from '../../../preload/contract';
import { Icon } from '../shell/icons';
import { ClipShelf } from './ClipShelf';
import type { MelodyRecord } from './clips';

interface Props {
  api: AtelierApi;
  records: MelodyRecord[] | null;
  openId: string | null;
  auditioning: string | null;
  hasNotes: boolean;
  /** Notes are selected (MIDI export takes only those). */
  hasSelection: boolean;
  saving: boolean;
  importing: boolean;
  rendering: boolean;
  onNew: () => void;
  onSave: () => void;
  onImport: (file: File) => void;
  onExportMidi: () => void;
  onExportWav: () => void;
  onOpen: (r: MelodyRecord) => void;
  onAudition: (r: MelodyRecord) => void;
  onDelete: (r: MelodyRecord) => Promise<void>;
  onRename: (r: MelodyRecord, name: string) => Promise<boolean>;
  onPrepareDrag: (r: MelodyRecord) => void;
  onDragStart: (r: MelodyRecord, e: DragEvent) => void;
}

export function ShelfPanel(p: Props): ReactElement {
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <aside className="studio-panel melody-shelf" aria-label="Clips">
      <header className="panel-header">
        <h1>Melody Sketcher</h1>
      </header>
      <section className="panel-section melody-shelf-actions">
        <div className="button-row wrap">
          <button type="button" className="button" data-testid="melody-new" onClick={p.onNew}>
            <Icon name="plus" />
            New clip
          </button>
          <button
            type="button"
            className="button primary"
            data-testid="melody-save"
            aria-keyshortcuts="Control+S"
            disabled={p.saving || !p.hasNotes}
            onClick={p.onSave}
          >
            <Icon name="library" />
            {p.saving ? 'Saving…' : 'Save clip'}
          </button>
        </div>
        <div className="button-row">
          <button
            type="button"
            className="button small"
            disabled={p.importing}
            onClick={() => fileInput.current?.click()}
          >
            <Icon name="open" size={14} />
            {p.importing ? 'Reading…' : 'Import MIDI…'}
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".mid,.midi,audio/midi,audio/x-midi"
            className="visually-hidden"
            data-testid="melody-import"
            tabIndex={-1}
            aria-label="Import a MIDI file"
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) p.onImport(f);
            }}
          />
        </div>
        <div className="button-row">
          <button
            type="button"
            className="button small"
            data-testid="melody-export-midi"
            disabled={!p.hasNotes}
            title={
              p.hasSelection ? 'Export the selected notes as a .mid file' : 'Export the clip as a .mid file'
            }
            onClick={p.onExportMidi}
          >
            <Icon name="download" size={14} />
            MIDI
          </button>
          <button
            type="button"
            className="button small"
            data-testid="melody-export-wav"
            disabled={!p.hasNotes || p.rendering}
            aria-busy={p.rendering}
            title="Render the clip with the studio’s sound as a WAV file"
            onClick={p.onExportWav}
          >
            <Icon name="download" size={14} />
            {p.rendering ? 'Rendering…' : 'WAV'}
          </button>
        </div>
        {p.rendering ? (
          <div className="progress" aria-label="Rendering audio">
            <div className="progress-fill melody-indeterminate" />
          </div>
        ) : null}
      </section>
      <section className="panel-section melody-shelf-section" aria-labelledby={`${id}-shelf`}>
        <h2 id={`${id}-shelf`} className="section-title">
          Clips
        </h2>
        <ClipShelf
          api={p.api}
          records={p.records}
          openId={p.openId}
          auditioning={p.auditioning}
          onOpen={p.onOpen}
          onAudition={p.onAudition}
          onDelete={p.onDelete}
          onRename={p.onRename}
          onPrepareDrag={p.onPrepareDrag}
          onDragStart={p.onDragStart}
        />
      </section>
    </aside>
  );
}
