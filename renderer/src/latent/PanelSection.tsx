import { useId, type ReactElement, type ReactNode } from 'react';

/** A side panel's section under its title (the section is labelled by it). */
export function PanelSection({ title, children }: { title: string; children: ReactNode }): ReactElement {
  const id = useId();
  return (
    <section className="panel-section" aria-labelledby={id}>
      <h2 id={id} className="section-title">
        {title}
      </h2>
      {children}
    </section>
  );
}
