/** The MIDI folder scan: label folders, splits, unlabelled files, skipped entries, fixed order. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempRoots } from '../testing';
import { countMidiFolder, scanMidiFolder, type MidiScanEntry } from './scan';
import { tinyMidiFolder } from './testing';

const newRoot = tempRoots();

async function scan(root: string): Promise<MidiScanEntry[]> {
  const out: MidiScanEntry[] = [];
  for await (const e of scanMidiFolder(root)) out.push(e);
  return out;
}

describe('scanMidiFolder', () => {
  it('lists train melodies by label in code-point order, then held-out ones, with skipped entries', async () => {
    const root = newRoot();
    const input = tinyMidiFolder(root);
    const got = (await scan(input)).map((e) =>
      e.kind === 'midi' ? `${e.split} ${e.label} ${e.path}` : `skipped ${e.path}: ${e.reason}`,
    );
    expect(got).toEqual([
      'train march train/march/d.midi',
      'train march train/march/g.mid',
      'skipped train/march/notes.txt: not a MIDI file (.txt)',
      'train reel train/reel/band.mid',
      'train reel train/reel/broken.mid',
      'train reel train/reel/g.mid',
      'test reel test/reel/held.mid',
    ]);
    expect(await countMidiFolder(input)).toEqual({ train: 5, heldOut: 1 });
  });

  it('takes melodies straight in the root as unlabelled, and skips hidden files and nested folders', async () => {
    const root = newRoot();
    mkdirSync(join(root, 'folk', 'deeper'), { recursive: true });
    writeFileSync(join(root, 'a.MID'), 'x');
    writeFileSync(join(root, '.hidden.mid'), 'x');
    writeFileSync(join(root, 'folk', 'b.mid'), 'x');
    const got = (await scan(root)).map((e) =>
      e.kind === 'midi' ? `${e.label}|${e.path}` : `skip ${e.path}`,
    );
    expect(got).toEqual(['skip .hidden.mid', '|a.MID', 'folk|folk/b.mid', 'skip folk/deeper']);
  });
});
