/** The callouts above the roll: the draft offered back after a reload, and "replace unsaved work?". */
import type { ReactElement } from 'react';
import type { MelodyDraft } from './draft';
import type { Confirm } from './useClipShelf';

export function DraftOffer({
  offer,
  onRestore,
  onDiscard,
}: {
  offer: MelodyDraft;
  onRestore: () => void;
  onDiscard: () => void;
}): ReactElement {
  return (
    <div className="callout melody-offer" role="status" data-testid="melody-draft-offer">
      <span>
        An unsaved clip ({offer.notes.length} notes) was left on {new Date(offer.savedAt).toLocaleString()}.
      </span>
      <button
        type="button"
        className="button small primary"
        data-testid="melody-draft-restore"
        onClick={onRestore}
      >
        Restore
      </button>
      <button type="button" className="button small" data-testid="melody-draft-discard" onClick={onDiscard}>
        Discard
      </button>
    </div>
  );
}

export function ConfirmBar({ confirm, onClose }: { confirm: Confirm; onClose: () => void }): ReactElement {
  return (
    <div
      className="callout melody-offer"
      role="alertdialog"
      aria-label="Confirm"
      data-testid="melody-confirm"
    >
      <span>{confirm.text}</span>
      <button
        type="button"
        className="button small danger"
        data-testid="melody-confirm-ok"
        onClick={() => {
          onClose();
          confirm.run();
        }}
      >
        {confirm.ok}
      </button>
      <button
        type="button"
        className="button small"
        data-testid="melody-confirm-cancel"
        autoFocus
        onClick={onClose}
      >
        Cancel
      </button>
    </div>
  );
}
