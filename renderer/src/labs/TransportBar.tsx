/**
 * Play / Pause, one step, reset, speed and the iteration counter with the last losses. Subscribes
 * to the live store itself, so the studio does not re-render per snapshot.
 */
import { useCallback, type ReactElement, type ReactNode } from 'react';
import { Icon } from '../shell/icons';
import type { LabDef } from './lab-def';
import type { Live } from './live';
import { formatMetric } from './metrics-text';
import { SPEEDS } from './prefs';
import { useStoreValue, useThrottledValue, type Store } from './store';

interface Props {
  store: Store<Live>;
  def: LabDef;
  ready: boolean;
  speed: number;
  onPlay: () => void;
  onPause: () => void;
  onStep: () => void;
  onReset: () => void;
  onSpeed: (n: number) => void;
}

const selectPlaying = (l: Live): boolean => l.playing;
const selectIteration = (l: Live): number => l.iteration;
const selectTraining = (l: Live): boolean => l.training;
const selectLosses = (l: Live): Live['losses'] => l.losses;

export function TransportBar({
  store,
  def,
  ready,
  speed,
  onPlay,
  onPause,
  onStep,
  onReset,
  onSpeed,
}: Props): ReactElement {
  const playing = useStoreValue(store, selectPlaying);
  return (
    <div className="labs-transport" role="group" aria-label="Training">
      {playing ? (
        <TransportButton primary testId="lab-pause" onClick={onPause} title="Pause (Space)">
          <Icon name="stop" size={14} /> Pause <kbd className="shortcut">Space</kbd>
        </TransportButton>
      ) : (
        <TransportButton
          primary
          testId="lab-play"
          disabled={!ready}
          onClick={onPlay}
          title="Train continuously (Space)"
        >
          <Icon name="play" size={14} /> Play <kbd className="shortcut">Space</kbd>
        </TransportButton>
      )}
      <TransportButton testId="lab-step" disabled={!ready} onClick={onStep} title="One training step (S)">
        Step <kbd className="shortcut">S</kbd>
      </TransportButton>
      <TransportButton
        testId="lab-reset"
        disabled={!ready}
        onClick={onReset}
        title="A new model from the seed, with these settings and data (R)"
      >
        <Icon name="reset" size={14} /> Reset
      </TransportButton>
      <label className="labs-speed" title="Iterations trained between two pictures at most">
        <span>Speed</span>
        <select data-testid="lab-speed" value={speed} onChange={(e) => onSpeed(Number(e.target.value))}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s} / frame
            </option>
          ))}
        </select>
      </label>
      <Iteration store={store} />
      <LossReadout store={store} def={def} />
    </div>
  );
}

interface ButtonProps {
  testId: string;
  title: string;
  onClick: () => void;
  disabled?: boolean;
  /** Play and Pause, the bar's main button. */
  primary?: boolean;
  children: ReactNode;
}

function TransportButton({ testId, title, onClick, disabled, primary, children }: ButtonProps): ReactElement {
  return (
    <button
      type="button"
      className={primary ? 'button primary labs-play' : 'button'}
      data-testid={testId}
      disabled={disabled}
      onClick={onClick}
      title={title}
    >
      {children}
    </button>
  );
}

function Iteration({ store }: { store: Store<Live> }): ReactElement {
  const iteration = useThrottledValue(store, selectIteration, 100);
  const training = useStoreValue(store, selectTraining);
  return (
    <span
      className="labs-iteration"
      data-testid="lab-iteration"
      data-iteration={iteration}
      data-training={training}
      aria-live="off"
    >
      <span className="labs-iteration-label">Iteration</span> {iteration.toLocaleString('en-US')}
    </span>
  );
}

function LossReadout({ store, def }: { store: Store<Live>; def: LabDef }): ReactElement {
  const losses = useThrottledValue(store, selectLosses, 250);
  const label = useCallback((k: string) => def.series.find((s) => s.key === k)?.label ?? k, [def]);
  const keys = Object.keys(losses);
  return (
    <span className="labs-losses" data-testid="lab-losses">
      {keys.map((k) => (
        <span key={k} className="labs-loss">
          <span className="labs-loss-label">{label(k)}</span> {formatMetric(losses[k]!)}
        </span>
      ))}
    </span>
  );
}
