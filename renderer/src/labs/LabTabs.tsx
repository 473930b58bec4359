/** One tab per lab. */
import type { ReactElement } from 'react';
import type { LabId } from '../../../preload/labs/types';
import '../shell/tabs.css';
import type { LabDef } from './lab-def';

export function LabTabs({
  labs,
  current,
  onSelect,
}: {
  labs: readonly LabDef[];
  current: LabId;
  onSelect: (id: LabId) => void;
}): ReactElement {
  return (
    <div className="studio-tabs labs-tabs" role="tablist" aria-label="Labs">
      {labs.map((d) => (
        <button
          key={d.id}
          type="button"
          role="tab"
          className="studio-tab"
          data-testid={`lab-tab-${d.id}`}
          aria-selected={d.id === current}
          title={d.blurb}
          onClick={() => onSelect(d.id)}
        >
          {d.title}
        </button>
      ))}
    </div>
  );
}
