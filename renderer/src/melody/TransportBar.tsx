/**
 * The bar above the roll: play/stop, loop, metronome, tempo, meter, volume, the clip's name (Enter
 * renames the saved clip) and its drag handle.
 */
import type { DragEvent, ReactElement, ReactNode } from 'react';
import { METERS, meterLabel, type Meter } from '../../../preload/melody';
import { Icon } from '../shell/icons';
import { parseNumber, RULES } from './form';
import type { ClipState } from './useClip';
import type { Transport } from './useTransport';

interface Props {
  transport: Transport;
  clip: ClipState;
  loopOn: boolean;
  /** A loop region is set in the ruler. */
  loopRegion: boolean;
  metronome: boolean;
  volumeDb: number;
  /** The title of the library clip the roll came from (the name's placeholder). */
  openedTitle: string | null;
  onToggleLoop: () => void;
  onToggleMetronome: () => void;
  onVolume: (db: number) => void;
  onDragStart: (e: DragEvent) => void;
  /** Enter in the name field: rename the saved clip (when the name is all that changed). */
  onNameEnter: () => void;
}

/** A toolbar button that stays pressed while its setting is on. */
function ToggleButton({
  on,
  testId,
  shortcut,
  title,
  onClick,
  children,
}: {
  on: boolean;
  testId: string;
  shortcut: string;
  title?: string;
  onClick: () => void;
  children: ReactNode;
}): ReactElement {
  return (
    <button
      type="button"
      className={`button${on ? ' is-on' : ''}`}
      data-testid={testId}
      aria-pressed={on}
      aria-keyshortcuts={shortcut}
      title={title}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

export function TransportBar({
  transport,
  clip,
  loopOn,
  loopRegion,
  metronome,
  volumeDb,
  openedTitle,
  onToggleLoop,
  onToggleMetronome,
  onVolume,
  onDragStart,
  onNameEnter,
}: Props): ReactElement {
  const { notes, bpm, bpmText, dirty, name, meter } = clip;
  const meters: readonly Meter[] = METERS.some((m) => m[0] === meter[0] && m[1] === meter[1])
    ? METERS
    : [...METERS, meter];
  const bpmOk = parseNumber(bpmText, RULES.bpm).ok;
  return (
    <div className="melody-transport" role="toolbar" aria-label="Transport">
      {transport.playing ? (
        <button
          type="button"
          className="button primary melody-play"
          data-testid="melody-stop"
          aria-keyshortcuts="Space"
          onClick={transport.stop}
        >
          <Icon name="stop" />
          Stop
        </button>
      ) : (
        <button
          type="button"
          className="button primary melody-play"
          data-testid="melody-play"
          aria-keyshortcuts="Space"
          disabled={notes.length === 0}
          onClick={() => void transport.play()}
        >
          <Icon name="play" />
          Play
        </button>
      )}
      <ToggleButton
        on={loopOn}
        testId="melody-loop"
        shortcut="L"
        title={loopRegion ? 'Loop the region set in the ruler' : 'Loop the whole clip'}
        onClick={onToggleLoop}
      >
        Loop{loopOn && loopRegion ? ' region' : ''}
      </ToggleButton>
      <ToggleButton on={metronome} testId="melody-metronome" shortcut="M" onClick={onToggleMetronome}>
        Metronome
      </ToggleButton>
      <label className="melody-transport-field">
        <span>Tempo</span>
        <input
          type="number"
          data-testid="melody-bpm"
          min={20}
          max={300}
          step={1}
          value={bpmText}
          aria-invalid={bpmOk ? undefined : true}
          title="Tempo in beats per minute (20–300)"
          onChange={(e) => {
            const t = e.target.value;
            const p = parseNumber(t, RULES.bpm);
            clip.typeBpm(t, p.ok ? p.value : null);
          }}
          onBlur={() => clip.typeBpm(String(bpm), null)}
        />
        <span className="muted">bpm</span>
      </label>
      <label
        className="melody-transport-field"
        title="Time signature: written into the clip’s MIDI files (the roll’s grid stays in 4/4)"
      >
        <span>Meter</span>
        <select
          data-testid="melody-meter"
          value={meterLabel(meter)}
          onChange={(e) => {
            const m = meters.find((x) => meterLabel(x) === e.target.value);
            if (m) clip.setMeter(m);
          }}
        >
          {meters.map((m) => (
            <option key={meterLabel(m)} value={meterLabel(m)}>
              {meterLabel(m)}
            </option>
          ))}
        </select>
      </label>
      <label className="melody-transport-field" title="Volume">
        <span>Vol</span>
        <input
          type="range"
          data-testid="melody-volume"
          min={-40}
          max={6}
          step={1}
          value={volumeDb}
          onChange={(e) => onVolume(e.target.valueAsNumber)}
        />
      </label>
      <span className="melody-transport-spacer" />
      <span className="melody-clip-name">
        {dirty ? (
          <span
            className="melody-dirty"
            data-testid="melody-dirty"
            title="Unsaved changes"
            aria-label="Unsaved changes"
          >
            ●
          </span>
        ) : null}
        <input
          type="text"
          data-testid="melody-name"
          className="melody-name-input"
          placeholder={openedTitle ?? 'Untitled clip'}
          maxLength={120}
          value={name}
          aria-label="Clip name"
          title={
            clip.onlyRenamed
              ? 'Enter (or Save) renames the saved clip'
              : 'The clip’s name (saved with it; Enter renames a saved clip)'
          }
          onChange={(e) => clip.setName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            onNameEnter();
          }}
        />
      </span>
      <span
        className={`melody-drag${notes.length === 0 ? ' is-disabled' : ''}`}
        data-testid="melody-drag"
        draggable={notes.length > 0}
        role="button"
        tabIndex={-1}
        title="Drag the clip out of the window as a .mid file"
        onDragStart={onDragStart}
      >
        ⠿ .mid
      </span>
    </div>
  );
}
