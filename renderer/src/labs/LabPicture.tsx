/**
 * The lab's picture: its View drawn from the newest snapshot (subscribed here, so only the
 * picture redraws per frame), the fingerprint of the snapshot it shows as `data-hash` (the same
 * for every lab: tests compare pictures by it), and the brush layer over the plane while drawing.
 */
import { memo, useCallback, type ReactElement, type RefObject } from 'react';
import type { Dataset } from '../../../preload/labs/types';
import { BrushLayer } from './BrushLayer';
import type { LabDef } from './lab-def';
import type { Live } from './live';
import { useStoreValue, type Store } from './store';
import type { SessionInfo } from './worker/protocol';

interface Props {
  def: LabDef;
  store: Store<Live>;
  session: SessionInfo | null;
  size: number;
  pictureRef: RefObject<HTMLDivElement | null>;
  setRequest: (request: unknown) => void;
  /** Drawing data: the points drawn so far (plane coordinates, x y pairs), null when not drawing. */
  drawn: Float32Array | null;
  onStroke: (points: number[]) => void;
}

const selectView = (l: Live): unknown => l.view;
const selectHash = (l: Live): string => l.viewHash;
const selectRequest = (l: Live): unknown => l.request;
const selectMetrics = (l: Live): Live['metrics'] => l.metrics;
const selectLab = (l: Live): Live['lab'] => l.lab;

export const LabPicture = memo(function LabPicture({
  def,
  store,
  session,
  size,
  pictureRef,
  setRequest,
  drawn,
  onStroke,
}: Props): ReactElement {
  const view = useStoreValue(store, selectView);
  const hash = useStoreValue(store, selectHash);
  const request = useStoreValue(store, selectRequest);
  const metrics = useStoreValue(store, selectMetrics);
  const lab = useStoreValue(store, selectLab);
  const View = def.View;
  const live = session !== null && session.lab === def.id && lab === def.id;
  const data: Dataset | null = live ? session.data : null;
  const request$ = request ?? def.initialRequest;
  const set = useCallback((next: unknown) => setRequest(next), [setRequest]);
  return (
    <div
      ref={pictureRef}
      className="labs-picture"
      data-testid="lab-view"
      data-lab={def.id}
      data-hash={live ? hash : ''}
      data-ready={live && view !== null ? 'true' : 'false'}
      style={{ width: size, minHeight: size }}
    >
      {live && data ? (
        <View
          view={view}
          data={data}
          request={request$}
          setRequest={set}
          metrics={metrics}
          settings={session.settings}
          size={size}
        />
      ) : (
        <div className="labs-picture-wait">Starting the {def.title} lab…</div>
      )}
      {drawn ? <BrushLayer size={size} drawn={drawn} onStroke={onStroke} /> : null}
    </div>
  );
});
