import type { ReactElement } from 'react';
import type { MelodyTake } from '../../../preload/contract';
import { Icon } from '../shell/icons';
import { MiniRoll } from './MiniRoll';
import { notesAttr } from './notes';
import { takePreview, type TakePreview } from './preview';

export interface TakeRun {
  /** Unique per run, so audition keys never repeat. */
  id: string;
  takes: MelodyTake[];
  model: string;
  seed: number;
  durationMs: number;
  provider: string;
  /** Beats in a bar of the takes' meter (their `bars` count these): where the pictures' bar lines are. */
  barBeats: number;
}

interface Props {
  run: TakeRun | null;
  /** The key of the take being auditioned. */
  auditioning: string | null;
  /** The take picked on the interpolation scrub (highlighted). */
  current?: number;
  useLabel: string;
  labelFor?: (index: number, count: number) => string;
  /** What a take's picture shows (default: the take from the clip's start, in the run's bars). */
  preview?: (take: MelodyTake) => TakePreview;
  onAudition: (key: string, take: MelodyTake) => void;
  onUse: (take: MelodyTake, index: number) => void;
}

export const takeKey = (run: TakeRun, i: number): string => `${run.id}:${i}`;

/** A model answer's takes: a picture, ▶ to hear one alone, Use to put it in the roll. */
export function TakeList({
  run,
  auditioning,
  current,
  useLabel,
  labelFor,
  preview,
  onAudition,
  onUse,
}: Props): ReactElement | null {
  if (!run) return null;
  if (run.takes.length === 0) return <p className="muted">The model wrote no notes this time.</p>;
  return (
    <div className="melody-takes">
      <div className="melody-takes-head muted">
        {run.takes.length} take{run.takes.length === 1 ? '' : 's'} · seed {run.seed} ·{' '}
        {Math.round(run.durationMs)} ms
      </div>
      <ol className="stack-list melody-take-list" aria-label="Takes">
        {run.takes.map((t, i) => {
          const key = takeKey(run, i);
          const playing = auditioning === key;
          const label = labelFor ? labelFor(i, run.takes.length) : `Take ${i + 1}`;
          const pic = preview ? preview(t) : takePreview(t, run.barBeats);
          return (
            <li
              key={key}
              className={`melody-take${current === i ? ' is-current' : ''}`}
              data-testid="melody-take"
              data-notes={t.notes.length}
              data-music={notesAttr(t.notes)}
              aria-label={label}
            >
              <button
                type="button"
                className="icon-button bordered"
                data-testid="melody-take-play"
                aria-label={playing ? `Stop ${label}` : `Play ${label}`}
                aria-pressed={playing}
                title={playing ? 'Stop' : 'Play this take alone'}
                onClick={() => onAudition(key, t)}
              >
                <Icon name={playing ? 'stop' : 'play'} size={14} />
              </button>
              <div className="melody-take-body">
                <span className="melody-take-label">
                  {label} <span className="muted">· {t.notes.length} notes</span>
                </span>
                <MiniRoll
                  notes={pic.notes}
                  from={pic.from}
                  bars={pic.bars}
                  barBeats={pic.barBeats}
                  highlightFrom={pic.highlightFrom}
                  testId="melody-take-preview"
                />
              </div>
              <button
                type="button"
                className="button small"
                data-testid="melody-take-use"
                onClick={() => onUse(t, i)}
                disabled={t.notes.length === 0}
              >
                {useLabel}
              </button>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
