import { describe, expect, it } from 'vitest';
import { downloadUrlData, melodyFileName } from './files';

describe('file names and drag-out data', () => {
  it('names exports atelier-melody-<name>', () => {
    expect(melodyFileName('My Hook!', 'wav')).toBe('atelier-melody-my-hook.wav');
    expect(melodyFileName('', 'mid')).toBe('atelier-melody-clip.mid');
  });

  it('builds Chrome DownloadURL data, keeping the separator out of the file name', () => {
    expect(downloadUrlData('atelier-melody-a.mid', 'blob:http://127.0.0.1:5/x')).toBe(
      'audio/midi:atelier-melody-a.mid:blob:http://127.0.0.1:5/x',
    );
    expect(downloadUrlData('a:b.mid', 'blob:u')).toBe('audio/midi:a-b.mid:blob:u');
  });
});
