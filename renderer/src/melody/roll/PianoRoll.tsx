/**
 * The Melody Sketcher's piano roll: a toolbar (tools, snap, zoom, quantize, transpose, velocity,
 * undo/redo) over a Konva stage (keyboard, ruler, grid, notes, playhead, velocity lane) that sizes
 * itself to its parent. Editing goes through a useMelodyEditor() state: one undo step per gesture
 * (keys and toolbar buttons in actions.ts). Bars, beat lines, the ruler and the Bar and Beat snaps
 * follow the clip's meter. The stage itself is driven imperatively (stage.ts) so scrolling and
 * dragging do not re-render React; its view is mirrored in data-* attributes of the element with
 * data-testid="melody-roll" (with the meter: data-meter, data-bar-beats, data-pulses, and the
 * ruler's bars in view, data-ruler-bars = "number@beat …").
 */
import {
  Fragment,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactElement,
  type ReactNode,
} from 'react';
import { DEFAULT_METER, meterLabel, type Meter } from '../../../../preload/melody';
import { Icon } from '../../shell/icons';
import { runAction } from './actions';
import type { Tool } from './gestures';
import {
  barGrid,
  DEFAULT_SNAP,
  extentOf,
  quantizeSnap,
  setVelocity,
  SNAPS,
  type RollClip,
  type Snap,
} from './model';
import { isTypingTarget, rollKeyAction, type RollKeyAction } from './shortcuts';
import { RollStage } from './stage';
import type { MelodyEditor, useMelodyEditor } from './useMelodyEditor';

export interface PianoRollProps {
  editor: ReturnType<typeof useMelodyEditor>;
  /** Called when the user clicks a key of the keyboard or draws/selects a single note (audition). */
  onAudition?: (pitch: number, velocity: number) => void;
  /** Polled every animation frame while mounted: the transport position in beats, or null when stopped. */
  getPlayhead?: () => number | null;
  /** Click in the ruler: move the transport here (beats). */
  onSeek?: (beat: number) => void;
  /** Loop region shown in the ruler (drag in the ruler's lower half to set it; null = none). */
  loop?: { start: number; end: number } | null;
  onLoopChange?: (loop: { start: number; end: number } | null) => void;
  /** Key/scale lock: pitch classes 0–11 that are in the scale (rows outside are shaded); null = off. */
  scale?: readonly boolean[] | null;
  /** Length shown (bars) at least this many; the roll grows with the notes. */
  minBars?: number;
  /** The clip's time signature: bar lines, ruler numbers, beat lines, "bar" and "beat" snaps (default 4/4). */
  meter?: Meter;
  /**
   * Notes to scroll into view (e.g. a continuation just appended): each new request (`n`) scrolls
   * once, as soon as the roll holds those notes.
   */
  reveal?: { ids: ReadonlySet<string>; n: number } | null;
  /** Extra toolbar content placed at the right of the roll's own toolbar. */
  toolbarExtra?: ReactNode;
  /** px, default fills the parent */
  height?: number;
}

const SNAP_LABELS: Record<Snap, string> = {
  bar: 'Bar',
  beat: 'Beat',
  '1/4': '1/4',
  '1/8': '1/8',
  '1/16': '1/16',
  off: 'Off',
};

/** The tool buttons. */
const TOOLS: readonly { tool: Tool; text: string; title: string }[] = [
  { tool: 'draw', text: 'Draw', title: 'Draw (B): drag on empty grid to draw a note' },
  { tool: 'select', text: 'Select', title: 'Select (V): drag on empty grid to select a rectangle' },
];

/** The zoom buttons, out then in, around each axis' caption. */
const ZOOMS: readonly {
  axis: 'time' | 'pitch';
  caption: string;
  buttons: readonly { dir: -1 | 1; testId: string; label: string; title: string }[];
}[] = [
  {
    axis: 'time',
    caption: 'Time',
    buttons: [
      { dir: -1, testId: 'roll-zoom-out', label: 'Zoom time out', title: 'Zoom time out (−)' },
      { dir: 1, testId: 'roll-zoom-in', label: 'Zoom time in', title: 'Zoom time in (+)' },
    ],
  },
  {
    axis: 'pitch',
    caption: 'Rows',
    buttons: [
      {
        dir: -1,
        testId: 'roll-zoom-pitch-out',
        label: 'Zoom rows out',
        title: 'Zoom rows out (Alt + wheel)',
      },
      { dir: 1, testId: 'roll-zoom-pitch-in', label: 'Zoom rows in', title: 'Zoom rows in (Alt + wheel)' },
    ],
  },
];

/** The transpose buttons for the selection. */
const TRANSPOSES: readonly { semitones: number; text: string; testId: string; title: string }[] = [
  {
    semitones: -12,
    text: '−12',
    testId: 'roll-transpose-octave-down',
    title: 'Transpose the selection down an octave (Shift + ↓)',
  },
  {
    semitones: -1,
    text: '−1',
    testId: 'roll-transpose-down',
    title: 'Transpose the selection down a semitone (↓)',
  },
  {
    semitones: 1,
    text: '+1',
    testId: 'roll-transpose-up',
    title: 'Transpose the selection up a semitone (↑)',
  },
  {
    semitones: 12,
    text: '+12',
    testId: 'roll-transpose-octave-up',
    title: 'Transpose the selection up an octave (Shift + ↑)',
  },
];

export function PianoRoll({
  editor,
  onAudition,
  getPlayhead,
  onSeek,
  loop = null,
  onLoopChange,
  scale = null,
  minBars = 4,
  meter = DEFAULT_METER,
  reveal = null,
  toolbarExtra,
  height,
}: PianoRollProps): ReactElement {
  const hostRef = useRef<HTMLDivElement>(null);
  const konvaRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<RollStage | null>(null);
  const clipboard = useRef<RollClip | null>(null);
  const [tool, setTool] = useState<Tool>('draw');
  const [snap, setSnap] = useState<Snap>(DEFAULT_SNAP);
  const [beats, unit] = meter;
  const grid = useMemo(() => barGrid([beats, unit]), [beats, unit]);

  const { notes, selection } = editor;

  useEffect(() => {
    const host = hostRef.current;
    const container = konvaRef.current;
    if (!host || !container) return;
    const stage = new RollStage(host, container);
    stageRef.current = stage;
    return () => {
      stage.destroy();
      stageRef.current = null;
    };
  }, []);

  useEffect(() => {
    stageRef.current?.setCallbacks({
      preview: editor.preview,
      apply: editor.apply,
      commit: editor.commit,
      cancel: editor.cancel,
      setSelection: editor.setSelection,
      audition: onAudition,
      seek: onSeek,
      loopChange: onLoopChange,
      getPlayhead,
    });
  }, [editor, onAudition, onSeek, onLoopChange, getPlayhead]);

  useEffect(() => {
    stageRef.current?.setModel({ notes, selection, tool, snap, grid, loop, scale, minBars });
  }, [notes, selection, tool, snap, grid, loop, scale, minBars]);

  // Scroll to the notes on mount and whenever a clip is loaded (reset()).
  useEffect(() => {
    stageRef.current?.fit();
  }, [editor.loads]);

  // Scroll to notes asked for (after the stage has the notes: this effect runs after setModel's).
  const revealed = useRef(0);
  useEffect(() => {
    if (!reveal || reveal.n === revealed.current) return;
    const e = extentOf(notes, reveal.ids);
    if (!e) return; // not in the roll yet
    revealed.current = reveal.n;
    stageRef.current?.reveal(e);
  }, [reveal, notes]);

  const run = (action: RollKeyAction): void => {
    runAction(action, {
      editor,
      snap,
      grid,
      setTool,
      stage: stageRef.current,
      clipboard,
      onAudition,
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (isTypingTarget(e.target as HTMLElement)) return;
    const stage = stageRef.current;
    if (e.key === 'Escape' && stage?.isDragging()) {
      e.preventDefault();
      stage.cancelGesture();
      return;
    }
    const action = rollKeyAction(e);
    if (!action) return;
    e.preventDefault();
    e.stopPropagation();
    run(action);
  };

  const selectedVelocity = commonVelocity(editor);
  const hasSelection = selection.size > 0;

  return (
    <div
      className="melody-roll"
      style={height !== undefined ? { height } : undefined}
      onKeyDown={onKeyDown}
      data-testid="melody-roll-root"
    >
      <div className="melody-roll-toolbar" role="toolbar" aria-label="Piano roll">
        <div className="melody-roll-group" role="group" aria-label="Tool">
          {TOOLS.map((t) => (
            <button
              key={t.tool}
              type="button"
              className="tool-button tool-text"
              data-testid={`roll-tool-${t.tool}`}
              aria-pressed={tool === t.tool}
              title={t.title}
              onClick={() => setTool(t.tool)}
            >
              {t.text}
            </button>
          ))}
        </div>
        <label className="melody-roll-field" title="Snap: the grid that notes snap to">
          <span>Snap</span>
          <select data-testid="roll-snap" value={snap} onChange={(e) => setSnap(e.target.value as Snap)}>
            {SNAPS.map((s) => (
              <option key={s} value={s}>
                {SNAP_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <div className="melody-roll-group" role="group" aria-label="Zoom">
          {ZOOMS.map((z) => (
            <Fragment key={z.axis}>
              {z.buttons.map((b, i) => (
                <Fragment key={b.testId}>
                  {i === 1 ? <span className="melody-roll-caption">{z.caption}</span> : null}
                  <button
                    type="button"
                    className="tool-button"
                    data-testid={b.testId}
                    aria-label={b.label}
                    title={b.title}
                    onClick={() =>
                      z.axis === 'time'
                        ? stageRef.current?.zoomTime(b.dir)
                        : stageRef.current?.zoomPitch(b.dir)
                    }
                  >
                    <Icon name={b.dir < 0 ? 'minus' : 'plus'} />
                  </button>
                </Fragment>
              ))}
            </Fragment>
          ))}
        </div>
        <button
          type="button"
          className="tool-button tool-text"
          data-testid="roll-quantize"
          title={`Quantize ${hasSelection ? 'the selection' : 'all notes'} to ${SNAP_LABELS[quantizeSnap(snap)]} (Q)`}
          disabled={notes.length === 0}
          onClick={() => run({ kind: 'quantize' })}
        >
          Quantize
        </button>
        <div className="melody-roll-group" role="group" aria-label="Transpose">
          {TRANSPOSES.map((t) => (
            <button
              key={t.testId}
              type="button"
              className="tool-button tool-text"
              data-testid={t.testId}
              title={t.title}
              disabled={!hasSelection}
              onClick={() => run({ kind: 'transpose', semitones: t.semitones })}
            >
              {t.text}
            </button>
          ))}
        </div>
        <label className="melody-roll-field" title="Velocity of the selected notes (1–127)">
          <span>Vel</span>
          <VelocityInput
            value={selectedVelocity}
            disabled={!hasSelection}
            onPreview={(v) => editor.preview(setVelocity(editor.notes, editor.selection, v))}
            onCommit={() => editor.commit('Set velocity')}
            onCancel={() => editor.cancel()}
          />
        </label>
        <div className="melody-roll-group" role="group" aria-label="History">
          <button
            type="button"
            className="tool-button tool-text"
            data-testid="roll-undo"
            title={editor.undoLabel ? `Undo ${editor.undoLabel} (Ctrl+Z)` : 'Nothing to undo'}
            disabled={!editor.canUndo}
            onClick={() => editor.undo()}
          >
            Undo
          </button>
          <button
            type="button"
            className="tool-button tool-text"
            data-testid="roll-redo"
            title={editor.redoLabel ? `Redo ${editor.redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo'}
            disabled={!editor.canRedo}
            onClick={() => editor.redo()}
          >
            Redo
          </button>
        </div>
        <output className="melody-roll-count" data-testid="roll-note-count" aria-live="polite">
          {notes.length} {notes.length === 1 ? 'note' : 'notes'}
          {hasSelection ? ` · ${selection.size} selected` : ''}
        </output>
        {toolbarExtra ? <div className="melody-roll-extra">{toolbarExtra}</div> : null}
      </div>
      <div
        ref={hostRef}
        className="melody-roll-stage"
        data-testid="melody-roll"
        data-notes={notes.length}
        data-selected={selection.size}
        data-tool={tool}
        data-snap={snap}
        data-meter={meterLabel(meter)}
        data-bar-beats={grid.bar}
        data-pulses={grid.pulses.join(' ')}
        role="application"
        aria-roledescription="piano roll"
        aria-label={`Piano roll, ${notes.length} notes, ${tool} tool. Keys: B draw, V select, arrows move or transpose, Delete deletes, Ctrl+Z undo.`}
        tabIndex={0}
      >
        <div ref={konvaRef} className="melody-roll-konva" />
      </div>
    </div>
  );
}

/** The velocity shared by every selected note, or null (none selected, or they differ). */
function commonVelocity(editor: MelodyEditor): number | null {
  let v: number | null = null;
  for (const n of editor.notes) {
    if (!editor.selection.has(n.id)) continue;
    if (v === null) v = n.velocity;
    else if (v !== n.velocity) return null;
  }
  return v;
}

interface VelocityInputProps {
  value: number | null;
  disabled: boolean;
  /** Each typed value, live (no undo step). */
  onPreview: (velocity: number) => void;
  /** The edit is done: one undo step. */
  onCommit: () => void;
  onCancel: () => void;
}

/**
 * The selection's velocity. Typing previews live and commits one undo step on Enter or blur
 * (Escape reverts); the spinner arrows commit each step.
 */
function VelocityInput({ value, disabled, onPreview, onCommit, onCancel }: VelocityInputProps): ReactElement {
  const [draft, setDraft] = useState<string | null>(null);
  const finish = (): void => {
    if (draft === null) return;
    setDraft(null);
    onCommit();
  };
  return (
    <input
      type="number"
      className="melody-roll-velocity"
      data-testid="roll-velocity"
      min={1}
      max={127}
      step={1}
      disabled={disabled}
      placeholder={disabled ? '' : '—'}
      aria-label="Velocity of the selected notes"
      value={draft ?? (value === null ? '' : String(value))}
      onChange={(e) => {
        const text = e.target.value;
        const n = Number(text);
        const valid = text.trim() !== '' && Number.isFinite(n);
        const inputType = (e.nativeEvent as InputEvent).inputType ?? '';
        const typing = inputType.startsWith('insert') || inputType.startsWith('delete');
        if (valid) onPreview(n);
        if (typing) {
          setDraft(text);
        } else if (valid) {
          setDraft(null);
          onCommit();
        }
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          finish();
        } else if (e.key === 'Escape' && draft !== null) {
          e.preventDefault();
          setDraft(null);
          onCancel();
        }
      }}
      onBlur={finish}
    />
  );
}
