/** A repository's files with their sizes; the ones the chosen variant downloads stand out (the others are faint). */
import type { ReactElement } from 'react';
import type { HubFile } from '../../../preload/contract';
import { formatBytes } from './downloads';

export function FileTable({ files, chosen }: { files: readonly HubFile[]; chosen: ReadonlySet<string> }): ReactElement {
  return (
    <details className="models-files" open={files.length <= 12}>
      <summary className="section-title">
        Files ({files.length}
        {chosen.size > 0 ? `, ${chosen.size} in this variant` : ''})
      </summary>
      <table className="models-table" data-testid="models-files">
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col" className="is-number">
              Size
            </th>
          </tr>
        </thead>
        <tbody>
          {files.map((f) => (
            <tr
              key={f.path}
              data-testid="models-file"
              data-path={f.path}
              data-in-variant={chosen.has(f.path)}
              className={chosen.size > 0 && !chosen.has(f.path) ? 'is-other' : undefined}
            >
              <td>
                <code title={f.sha256 ? `sha256 ${f.sha256}` : undefined}>{f.path}</code>
              </td>
              <td className="is-number">{formatBytes(f.size)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
