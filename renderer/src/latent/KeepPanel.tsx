import type { ReactElement } from 'react';
import { Icon } from '../shell/icons';
import { PanelSection } from './PanelSection';
import type { SavePoint } from './useSavePoint';

interface Props {
  disabled: boolean;
  keep: SavePoint;
}

/** The keep section: Bookmark, Save to library, Send to canvas. */
export function KeepPanel({ disabled, keep }: Props): ReactElement {
  // One save at a time: all three wait for it.
  const off = disabled || keep.busy !== null;
  return (
    <PanelSection title="Keep">
      <div className="button-row wrap">
        <button
          type="button"
          className="button primary"
          data-testid="latent-bookmark"
          disabled={off}
          aria-keyshortcuts="B"
          onClick={() => void keep.bookmark()}
        >
          <Icon name="bookmark" />
          {keep.busy === 'bookmark' ? 'Saving…' : 'Bookmark'}
        </button>
        <button
          type="button"
          className="button"
          data-testid="latent-save"
          disabled={off}
          onClick={() => void keep.saveToLibrary()}
        >
          <Icon name="library" />
          Save to library
        </button>
        <button
          type="button"
          className="button"
          data-testid="latent-send-canvas"
          disabled={off}
          onClick={() => void keep.sendToCanvas()}
        >
          <Icon name="send" />
          Send to canvas
        </button>
      </div>
    </PanelSection>
  );
}
