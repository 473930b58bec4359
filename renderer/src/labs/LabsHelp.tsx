/** What the Labs are and how to use them, the lab on show's intro, and the keys. */
import type { ReactElement } from 'react';
import { HelpDetails, ShortcutTable } from '../shell/HelpDetails';
import { LAB_SHORTCUTS } from './keys';
import type { LabDef } from './lab-def';

export function LabsHelp({ def }: { def: LabDef }): ReactElement {
  return (
    <HelpDetails testId="lab-help">
      <p>
        Each lab trains a small model from scratch while you watch, on 2-D points you can see all at once.
        Press Play and watch the picture; change a setting and see what it does. The same seed and settings
        replay the same run, number for number.
      </p>
      <p>
        <strong>{def.title}.</strong> {def.blurb}
      </p>
      {def.guide.length > 0 ? (
        <ol className="labs-help-guide">
          {def.guide.map((g) => (
            <li key={g.title}>{g.title}</li>
          ))}
        </ol>
      ) : null}
      <p>
        Data: pick a preset, draw your own points with the brush (the model keeps learning as you draw), or
        open a CSV of x,y points. Save to library keeps the whole run — data, settings, weights, charts — and
        Export JSON gives it as a file that opens on any machine with the same picture.
      </p>
      <ShortcutTable caption="Keys" list={LAB_SHORTCUTS} />
    </HelpDetails>
  );
}
