import type { ReactElement } from 'react';
import { HelpDetails, ShortcutTable } from '../shell/HelpDetails';
import { ROLL_SHORTCUTS } from './roll/shortcuts';
import { STUDIO_SHORTCUTS } from './shortcuts';

/** How the studio works and every shortcut: the studio's and the roll's. */
export function MelodyHelp(): ReactElement {
  return (
    <HelpDetails testId="melody-help" className="melody-help">
      <p>
        Draw notes in the roll, or let the models write them: <strong>Generate</strong> new melodies,{' '}
        <strong>Continue</strong> the selected notes, make <strong>Variations</strong> of the roll, or{' '}
        <strong>Interpolate</strong> between two clips. Audition a take with ▶; <em>Use</em> puts it in the
        roll as one undo step. The <strong>Latent</strong> tab moves the roll’s melody along the melody VAE’s
        main directions.
      </p>
      <p>
        The key and scale lock belong to the clip: saved with it, read from a MIDI file’s key signature, or
        estimated from its notes, and the same in every tab. They keep every model note in the scale; the roll
        shades the rows outside it. The clip’s time signature (Meter) sets the roll’s bars and beat lines (in
        6/8 two dotted-quarter beats, the eighths lighter), the Bar and Beat snaps, the metronome’s clicks and
        what Generate’s and Continue’s bars are; the models write 4/4, 2/2, 2/4, 3/4, 6/8 and 9/8. MIDI files
        the studio writes carry the clip’s key and time signature. A new clip is named after how it was made;
        rename it with ✎ on the shelf or in the name field (Enter). Unsaved work is kept in this browser and
        offered back after a reload.
      </p>
      <ShortcutTable caption="Studio (when no text field has the focus)" list={STUDIO_SHORTCUTS} />
      <ShortcutTable caption="Piano roll" list={ROLL_SHORTCUTS} />
    </HelpDetails>
  );
}
