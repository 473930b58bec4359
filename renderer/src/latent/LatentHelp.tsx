import type { ReactElement } from 'react';
import { SHORTCUTS } from './keyboard';

/** How the explorer works and its keyboard shortcuts. */
export function LatentHelp(): ReactElement {
  return (
    <details className="latent-help" data-testid="latent-help">
      <summary>Help &amp; shortcuts</summary>
      <div className="latent-help-body">
        <p>
          Each point of the model’s latent space decodes to an image. The pad and sliders move the point along
          the <em>principal directions</em> of the training set (the directions along which the encoded
          training images vary most), in standard deviations (SD) from their mean.
        </p>
        <p>
          The neighbourhood grid shows the points around the current one along the pad’s two directions; click
          a cell to go there. Bookmarks are kept in the library.
        </p>
        <p>
          <strong>Encode</strong> an image to find where it sits: the encoder gives an approximate posterior
          over latent points for the image (amortized Bayesian inference: one network pass instead of an
          optimisation per image). The samples are draws from that posterior; their spread shows how certain
          the model is.
        </p>
        <table className="shortcut-table">
          <caption className="section-title">Keyboard (when no text field has the focus)</caption>
          <tbody>
            {SHORTCUTS.map((s) => (
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
      </div>
    </details>
  );
}
