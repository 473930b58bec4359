/** The lab's guided path: one step at a time (what to notice, what to try), with Back and Next. */
import type { ReactElement } from 'react';
import type { LabDef } from './lab-def';

interface Props {
  def: LabDef;
  step: number;
  onStep: (step: number) => void;
}

export function GuidePanel({ def, step, onStep }: Props): ReactElement | null {
  const steps = def.guide;
  if (steps.length === 0) return null;
  const at = Math.min(step, steps.length - 1);
  const s = steps[at]!;
  return (
    <section className="labs-guide" data-testid="lab-guide" data-step={at} aria-label="Guided path">
      <div className="labs-guide-head">
        <h2 className="section-title">Guided path</h2>
        <span className="labs-guide-count">
          {at + 1} / {steps.length}
        </span>
      </div>
      <h3 className="labs-guide-title">{s.title}</h3>
      <p className="labs-guide-body">{s.body}</p>
      <div className="button-row">
        <button
          type="button"
          className="button small"
          data-testid="lab-guide-back"
          disabled={at === 0}
          onClick={() => onStep(at - 1)}
        >
          Back
        </button>
        <button
          type="button"
          className="button small"
          data-testid="lab-guide-next"
          disabled={at === steps.length - 1}
          onClick={() => onStep(at + 1)}
        >
          Next
        </button>
      </div>
    </section>
  );
}
