import type { ReactElement } from 'react';
import { Icon } from './icons';
import type { NavEntry, ViewId } from './nav';

interface Props {
  /** The entries, in order (`navItems(studios)`). */
  items: readonly NavEntry[];
  current: ViewId;
  onSelect: (view: ViewId) => void;
}

export function Nav({ items, current, onSelect }: Props): ReactElement {
  const groups = ['studios', 'collection'] as const;
  return (
    <nav className="nav" aria-label="Studios">
      <div className="nav-brand" aria-hidden="true">
        A
      </div>
      {groups.map((group) => (
        <ul key={group} className="nav-group" aria-label={group === 'studios' ? 'Studios' : 'Collection'}>
          {items
            .filter((e) => e.group === group)
            .map((entry) => (
              <li key={entry.id}>
                <button
                  type="button"
                  className="nav-item"
                  data-testid={entry.testId}
                  aria-current={current === entry.id ? 'page' : undefined}
                  onClick={() => onSelect(entry.id)}
                >
                  <Icon name={entry.icon} size={20} />
                  <span>{entry.label}</span>
                </button>
              </li>
            ))}
        </ul>
      ))}
    </nav>
  );
}
