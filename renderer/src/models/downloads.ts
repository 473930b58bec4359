/**
 * The Downloads panel's logic: the host's downloads kept by id as `hub.downloads` and the
 * `hub.download` events report them (the newer report wins), their order on screen, what each can
 * do in its state, and the lines a person reads (bytes, speed, time left).
 */
import type { HubDownload, HubDownloadState } from '../../../preload/contract';

/** States in which bytes are still moving or the model is being put in place. */
const ACTIVE: readonly HubDownloadState[] = ['queued', 'downloading', 'verifying', 'installing'];

export const isActive = (d: HubDownload): boolean => ACTIVE.includes(d.state);

/** The list with `d` in it: a download already listed is replaced unless the list holds a newer report. */
export function mergeDownload(list: readonly HubDownload[], d: HubDownload): HubDownload[] {
  const i = list.findIndex((x) => x.downloadId === d.downloadId);
  if (i < 0) return [...list, d];
  if (list[i]!.updatedAt > d.updatedAt) return list as HubDownload[];
  const next = list.slice();
  next[i] = d;
  return next;
}

/** Every report of `incoming` merged into `list`. */
export const mergeDownloads = (list: readonly HubDownload[], incoming: readonly HubDownload[]): HubDownload[] =>
  incoming.reduce<HubDownload[]>((acc, d) => mergeDownload(acc, d), list.slice());

const RANK: Record<HubDownloadState, number> = {
  downloading: 0,
  verifying: 0,
  installing: 0,
  queued: 1,
  paused: 2,
  failed: 3,
  done: 4,
  cancelled: 5,
};

/**
 * On screen: cancelled ones and failed ones started again (a newer download of the same repo and
 * variant) left out; moving ones first, then queued, paused, failed, done; the newest first within each.
 */
export function orderDownloads(list: readonly HubDownload[]): HubDownload[] {
  const superseded = (d: HubDownload): boolean =>
    d.state === 'failed' &&
    list.some(
      (x) => x !== d && x.repo === d.repo && x.variant === d.variant && x.startedAt > d.startedAt,
    );
  return list
    .filter((d) => d.state !== 'cancelled' && !superseded(d))
    .sort((a, b) => RANK[a.state] - RANK[b.state] || b.startedAt - a.startedAt);
}

/** Whether the report is a download reaching `done` that `before` did not show done (the models changed). */
export const becameDone = (before: readonly HubDownload[], d: HubDownload): boolean =>
  d.state === 'done' && !before.some((x) => x.downloadId === d.downloadId && x.state === 'done');

export interface DownloadActions {
  pause: boolean;
  resume: boolean;
  /** Start it again from what was kept (a failed download). */
  retry: boolean;
  cancel: boolean;
}

export function downloadActions(state: HubDownloadState): DownloadActions {
  return {
    pause: state === 'queued' || state === 'downloading',
    resume: state === 'paused',
    retry: state === 'failed',
    cancel: state === 'queued' || state === 'downloading' || state === 'paused' || state === 'failed',
  };
}

const STATE_LABELS: Record<HubDownloadState, string> = {
  queued: 'Waiting',
  downloading: 'Downloading',
  paused: 'Paused',
  verifying: 'Checking files',
  installing: 'Installing',
  done: 'Installed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};
export const stateLabel = (state: HubDownloadState): string => STATE_LABELS[state];

/** Done over total, 0…1 (0 while the total is unknown; 1 once installed). */
export function progressFraction(d: HubDownload): number {
  if (d.state === 'done') return 1;
  if (!(d.bytesTotal > 0)) return 0;
  return Math.min(1, Math.max(0, d.bytesDone / d.bytesTotal));
}

/** "0 B", "512 B", "12.3 kB", "45.6 MB", "1.23 GB" (decimal units, as the hub shows sizes). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let u = -1;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u += 1;
  }
  return `${v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : Math.round(v)} ${units[u]}`;
}

/** "2.1 MB/s" (empty when nothing is moving). */
export const formatSpeed = (bytesPerSecond: number): string =>
  bytesPerSecond > 0 ? `${formatBytes(bytesPerSecond)}/s` : '';

/** "about 40 s left", "about 3 min left", "about 2 h left"; empty when unknown. */
export function timeLeft(d: HubDownload): string {
  if (d.state !== 'downloading' || !(d.bytesPerSecond > 0) || !(d.bytesTotal > d.bytesDone)) return '';
  const s = (d.bytesTotal - d.bytesDone) / d.bytesPerSecond;
  if (s < 60) return `about ${Math.max(1, Math.round(s))} s left`;
  if (s < 3600) return `about ${Math.round(s / 60)} min left`;
  return `about ${Math.round(s / 3600)} h left`;
}

/** "12.3 MB of 45.6 MB · 2.1 MB/s · about 20 s left" (the parts that apply). */
export function bytesLine(d: HubDownload): string {
  const parts = [
    d.bytesTotal > 0 ? `${formatBytes(d.bytesDone)} of ${formatBytes(d.bytesTotal)}` : formatBytes(d.bytesDone),
  ];
  if (d.state === 'downloading') {
    const speed = formatSpeed(d.bytesPerSecond);
    if (speed) parts.push(speed);
    const left = timeLeft(d);
    if (left) parts.push(left);
  }
  return parts.join(' · ');
}
