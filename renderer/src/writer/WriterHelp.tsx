import type { ReactElement } from 'react';
import { HelpDetails, ShortcutTable } from '../shell/HelpDetails';
import { WRITER_SHORTCUTS } from './shortcuts';

/** How the Writer works and its shortcuts. */
export function WriterHelp(): ReactElement {
  return (
    <HelpDetails testId="writer-help" className="writer-help">
      <p>
        Write in the editor and press <strong>Continue</strong>: the model reads the text up to the cursor and
        writes on from there. The new text appears marked where it will go; <strong>Accept</strong> puts it in
        your text (and in the Library), <strong>Reject</strong> drops it. <strong>Regenerate</strong> writes
        it again (the same text when the seed is locked); <strong>Try another seed</strong> draws a new one.
        Every try at the same place is kept: flip between them with ‹ ›.
      </p>
      <p>
        With a chat or instruct model, <strong>Ask</strong> does what you tell it with the selected text (or
        the whole text when nothing is selected): type an instruction, or pick Rewrite, Shorten, Continue in
        this style or Fix grammar. The answer appears after the text it is about; <strong>Accept</strong>{' '}
        keeps it there, <strong>Replace selection</strong> puts it in place of the selection. A model without
        a chat template can only Continue.
      </p>
      <p>
        Presets are sampling settings for a kind of writing; with an empty editor they also give you a first
        line. Your text is kept in this browser as you type and comes back after a reload.
      </p>
      <ShortcutTable caption="Writer" list={WRITER_SHORTCUTS} />
    </HelpDetails>
  );
}
