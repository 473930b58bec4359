import type { ReactElement } from 'react';
import { Icon } from './icons';
import { randomSeed } from './seed';

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
