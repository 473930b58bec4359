import type { ReactElement } from 'react';
import { ROLL_SHORTCUTS } from './roll/shortcuts';
import { STUDIO_SHORTCUTS } from './shortcuts';

function Rows({ list }: { list: readonly { keys: string[]; what: string }[] }): ReactElement {
  return (
    <>
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
    </>
  );
}

/** How the studio works and every shortcut: the studio's and the roll's. */
export function MelodyHelp(): ReactElement {
  return (
    <details className="latent-help melody-help" data-testid="melody-help">
      <summary>Help &amp; shortcuts</summary>
      <div className="latent-help-body">
        <p>
          Draw notes in the roll, or let the models write them: <strong>Generate</strong> new melodies,{' '}
          <strong>Continue</strong> the selected notes, make <strong>Variations</strong> of the roll, or{' '}
          <strong>Interpolate</strong> between two clips. Audition a take with ▶; <em>Use</em> puts it in the
          roll as one undo step. The <strong>Latent</strong> tab moves the roll’s melody along the melody
          VAE’s main directions.
        </p>
        <p>
          The key and scale lock keep every model note in the scale; the roll shades the rows outside it.
          Unsaved work is kept in this browser and offered back after a reload.
        </p>
        <table className="shortcut-table">
          <caption className="section-title">Studio (when no text field has the focus)</caption>
          <tbody>
            <Rows list={STUDIO_SHORTCUTS} />
          </tbody>
        </table>
        <table className="shortcut-table">
          <caption className="section-title">Piano roll</caption>
          <tbody>
            <Rows list={ROLL_SHORTCUTS} />
          </tbody>
        </table>
      </div>
    </details>
  );
}
