import type { ReactElement, ReactNode } from 'react';

export interface Shortcut {
  keys: readonly string[];
  what: string;
}

/** A studio's folded "Help & shortcuts" block: prose, then its shortcut tables. */
export function HelpDetails({
  testId,
  className,
  children,
}: {
  testId: string;
  className?: string;
  children: ReactNode;
}): ReactElement {
  return (
    <details className={`latent-help${className ? ` ${className}` : ''}`} data-testid={testId}>
      <summary>Help &amp; shortcuts</summary>
      <div className="latent-help-body">{children}</div>
    </details>
  );
}

/** One table of shortcuts: the keys, then what they do. */
export function ShortcutTable({
  caption,
  list,
}: {
  caption: string;
  list: readonly Shortcut[];
}): ReactElement {
  return (
    <table className="shortcut-table">
      <caption className="section-title">{caption}</caption>
      <tbody>
        {list.map((s) => (
          <tr key={s.what}>
            <th scope="row">
              {s.keys.map((k) => (
                <kbd key={k}>{k}</kbd>
              ))}
            </th>
            <td>{s.what}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
