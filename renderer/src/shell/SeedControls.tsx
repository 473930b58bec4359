import type { ReactElement } from 'react';
import { Icon } from './icons';
import { MAX_SEED, randomSeed } from './seed';

/** The dice beside a seed field: draws a fresh random seed. */
export function DiceButton({
  testId,
  label,
  onSeed,
}: {
  testId: string;
  label: string;
  onSeed: (seed: number) => void;
}): ReactElement {
  return (
    <button
      type="button"
      className="icon-button bordered"
      data-testid={testId}
      aria-label={label}
      title={label}
      onClick={() => onSeed(randomSeed())}
    >
      <Icon name="dice" />
    </button>
  );
}

/** The seed's Lock checkbox: locked, every run reuses the seed; unlocked, each run draws a new one. */
export function SeedLock({
  testId,
  checked,
  title,
  onChange,
}: {
  testId: string;
  checked: boolean;
  title?: string;
  onChange: (locked: boolean) => void;
}): ReactElement {
  return (
    <label className="check" title={title}>
      <input
        type="checkbox"
        data-testid={testId}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />
      Lock
    </label>
  );
}

/**
 * A seed field's row: the number box, the dice and (where the studio has one) the Lock. Every
 * studio's seed looks and behaves alike; `testId` names the box, `${testId}-dice` and
 * `${testId}-lock` the others unless `testIds` says otherwise.
 */
export function SeedRow({
  id,
  testId,
  testIds,
  value,
  invalid,
  disabled,
  max = MAX_SEED,
  diceLabel,
  onText,
  onSeed,
  lock,
}: {
  id: string;
  testId: string;
  testIds?: { dice: string; lock?: string };
  value: string | number;
  invalid?: boolean;
  disabled?: boolean;
  max?: number;
  diceLabel: string;
  /** What the box holds now, as typed (and as a number: NaN when it is not one). */
  onText: (text: string, asNumber: number) => void;
  onSeed: (seed: number) => void;
  lock?: { checked: boolean; title?: string; onChange: (locked: boolean) => void };
}): ReactElement {
  return (
    <div className="seed-row">
      <input
        id={id}
        data-testid={testId}
        type="number"
        inputMode="numeric"
        min={0}
        max={max}
        step={1}
        value={value}
        aria-invalid={invalid || undefined}
        disabled={disabled}
        onChange={(e) => onText(e.target.value, e.target.valueAsNumber)}
      />
      <DiceButton testId={testIds?.dice ?? `${testId}-dice`} label={diceLabel} onSeed={onSeed} />
      {lock ? (
        <SeedLock
          testId={testIds?.lock ?? `${testId}-lock`}
          checked={lock.checked}
          title={lock.title}
          onChange={lock.onChange}
        />
      ) : null}
    </div>
  );
}
