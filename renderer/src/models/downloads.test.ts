import { describe, expect, it } from 'vitest';
import {
  becameDone,
  bytesLine,
  downloadActions,
  formatBytes,
  formatSpeed,
  mergeDownload,
  mergeDownloads,
  orderDownloads,
  progressFraction,
  stateLabel,
  timeLeft,
} from './downloads';
import { download } from './testing';

describe('downloads as the host reports them', () => {
  it('keeps one entry per id, the newer report winning', () => {
    const a1 = download('a', { bytesDone: 1, updatedAt: 10 });
    const a2 = download('a', { bytesDone: 2, updatedAt: 20 });
    const b = download('b');
    expect(mergeDownload([a1], a2)).toEqual([a2]);
    expect(mergeDownload([a2], a1)).toEqual([a2]);
    expect(mergeDownload([a1], b)).toEqual([a1, b]);
    // The listing answering after a newer event does not take the event back.
    expect(mergeDownloads([a2], [a1, b])).toEqual([a2, b]);
  });

  it('notices a download becoming installed once', () => {
    const done = download('a', { state: 'done', updatedAt: 30 });
    expect(becameDone([download('a')], done)).toBe(true);
    expect(becameDone([], done)).toBe(true);
    expect(becameDone([done], { ...done, updatedAt: 40 })).toBe(false);
    expect(becameDone([], download('a', { state: 'paused' }))).toBe(false);
  });

  it('orders moving ones first and leaves out cancelled and superseded failures', () => {
    const list = [
      download('done', { state: 'done', startedAt: 5 }),
      download('paused', { state: 'paused', repo: 'o/p' }),
      download('old-failure', { state: 'failed', startedAt: 1 }),
      download('new-try', { state: 'downloading', startedAt: 9 }),
      download('lone-failure', { state: 'failed', repo: 'o/f', startedAt: 2 }),
      download('gone', { state: 'cancelled', repo: 'o/c' }),
      download('waiting', { state: 'queued', repo: 'o/q' }),
    ];
    expect(orderDownloads(list).map((d) => d.downloadId)).toEqual([
      'download-new-try',
      'download-waiting',
      'download-paused',
      'download-lone-failure',
      'download-done',
    ]);
  });

  it('offers what each state allows', () => {
    expect(downloadActions('downloading')).toEqual({ pause: true, resume: false, retry: false, cancel: true });
    expect(downloadActions('paused')).toEqual({ pause: false, resume: true, retry: false, cancel: true });
    expect(downloadActions('failed')).toEqual({ pause: false, resume: false, retry: true, cancel: true });
    expect(downloadActions('verifying')).toEqual({ pause: false, resume: false, retry: false, cancel: false });
    expect(downloadActions('done')).toEqual({ pause: false, resume: false, retry: false, cancel: false });
    expect(stateLabel('verifying')).toBe('Checking files');
  });
});

describe('the lines a download shows', () => {
  it('measures progress, done when installed and 0 while the total is unknown', () => {
    expect(progressFraction(download('a'))).toBe(0.25);
    expect(progressFraction(download('a', { bytesTotal: 0 }))).toBe(0);
    expect(progressFraction(download('a', { bytesDone: 9, bytesTotal: 3 }))).toBe(1);
    expect(progressFraction(download('a', { state: 'done', bytesTotal: 0 }))).toBe(1);
  });

  it('writes sizes and speeds in decimal units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(12_345)).toBe('12.3 kB');
    expect(formatBytes(2_500_000)).toBe('2.50 MB');
    expect(formatBytes(456_000_000)).toBe('456 MB');
    expect(formatBytes(1_230_000_000)).toBe('1.23 GB');
    expect(formatBytes(Number.NaN)).toBe('—');
    expect(formatSpeed(0)).toBe('');
    expect(formatSpeed(2_100_000)).toBe('2.10 MB/s');
  });

  it('says bytes, speed and time left while downloading, bytes alone otherwise', () => {
    expect(bytesLine(download('a'))).toBe('500 kB of 2.00 MB · 250 kB/s · about 6 s left');
    expect(bytesLine(download('a', { state: 'paused', bytesPerSecond: 0 }))).toBe('500 kB of 2.00 MB');
    expect(bytesLine(download('a', { bytesTotal: 0, bytesPerSecond: 0 }))).toBe('500 kB');
    expect(timeLeft(download('a', { bytesDone: 0, bytesTotal: 30_000_000, bytesPerSecond: 100_000 }))).toBe(
      'about 5 min left',
    );
    expect(timeLeft(download('a', { bytesPerSecond: 0 }))).toBe('');
  });
});
