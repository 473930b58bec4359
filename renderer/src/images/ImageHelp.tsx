import type { ReactElement } from 'react';
import { HelpDetails, ShortcutTable } from '../shell/HelpDetails';
import { BOARD_SHORTCUTS, IMAGE_SHORTCUTS } from './shortcuts';

/** How the Image studio works and its shortcuts. */
export function ImageHelp(): ReactElement {
  return (
    <HelpDetails testId="image-help">
      <p>
        Describe the image and press <strong>Generate</strong>: the batch appears on the board as the model
        draws it, step by step, and each result is kept in the Library. Image <em>k</em> of a batch uses seed
        +<em>k</em>; lock the seed to replay a result. More clicks queue jobs behind the running one; Cancel
        stops a running job within one step, or takes a waiting one off the queue.
      </p>
      <p>
        Select an image on the board to move or scale it. <strong>Use seed</strong> puts its seed in the form
        (locked), <strong>Vary</strong> draws it again with the next seed, <strong>img2img</strong> starts the
        next generation from it (strength: how much of it is replaced). You can also open or drop a PNG or
        JPEG.
      </p>
      <ShortcutTable caption="Image studio" list={IMAGE_SHORTCUTS} />
      <ShortcutTable caption="Board" list={BOARD_SHORTCUTS} />
    </HelpDetails>
  );
}
