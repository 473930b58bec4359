/** A labelled checkbox that switches one layer of a lab's picture on or off. */
import type { ReactElement, ReactNode } from 'react';

interface Props {
  testId: string;
  checked: boolean;
  onChange: () => void;
  /** What the layer shows (the tooltip). */
  title?: string;
  className?: string;
  children: ReactNode;
}

export function Toggle({ testId, checked, onChange, title, className, children }: Props): ReactElement {
  return (
    <label className={className} title={title}>
      <input type="checkbox" data-testid={testId} checked={checked} onChange={onChange} />
      {children}
    </label>
  );
}
