import { useEffect, useRef, type ReactElement } from 'react';
import type { MelodyImportOutput } from '../../../preload/contract';
import type { z } from 'zod';

type Imported = z.output<typeof MelodyImportOutput>;

interface Props {
  file: Imported;
  onPick: (index: number) => void;
  onCancel: () => void;
}

/** A MIDI file with several tracks that hold notes: pick the one to bring into the roll. */
export function MidiTrackPicker({ file, onPick, onCancel }: Props): ReactElement {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className="melody-dialog"
      data-testid="midi-track-picker"
      aria-labelledby="midi-track-title"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id="midi-track-title">Pick a track</h2>
      <p className="muted">
        “{file.name || 'The file'}” has {file.tracks.length} tracks with notes · {Math.round(file.bpm)} bpm
      </p>
      <ul className="melody-track-list">
        {file.tracks.map((t) => (
          <li key={t.index}>
            <button
              type="button"
              className="melody-track"
              data-testid={`midi-track-${t.index}`}
              onClick={() => onPick(t.index)}
            >
              <span className="melody-track-name">{t.name}</span>
              <span className="muted">
                {t.instrument || 'no instrument'} · channel {t.channel + 1} · {t.notes.length} note
                {t.notes.length === 1 ? '' : 's'}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <div className="button-row">
        <button type="button" className="button" data-testid="midi-track-cancel" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
