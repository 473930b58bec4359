/**
 * Clips in the library without the models: names a musician can tell apart, renaming in place,
 * the key, scale and meter a clip is saved with. A real SQLite library in a temp dir.
 */
import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MelodySaveInput, type MelodyGeneration, type Note } from '../../../preload/contract';
import { tempDir } from '../../testing/atelier';
import { EventBus } from '../events';
import { Library } from '../library/library';
import type { ServiceDeps } from '../section';
import { createMelodySection } from './melody';
import { readSignatures } from './signatures';

const { Midi } = createRequire(import.meta.url)('@tonejs/midi') as typeof import('@tonejs/midi');

const notes: Note[] = [67, 71, 74, 72, 69, 66, 67, 74].map((pitch, i) => ({
  pitch,
  start: i,
  duration: 1,
  velocity: 96,
}));

let dir: ReturnType<typeof tempDir>;
let library: Library;
let section: ReturnType<typeof createMelodySection>;
let changed: string[];

beforeEach(() => {
  dir = tempDir('atelier-melody-clips-');
  library = Library.open(dir.path);
  const events = new EventBus();
  changed = [];
  events.on('library.changed', (e) => changed.push(e.id));
  const registry = {
    get: (id: string) =>
      id === 'melody-vae' ? { id, sha256: 'abc', manifest: { version: '1' } } : undefined,
  };
  section = createMelodySection({
    library,
    events,
    registry,
    dataDir: dir.path,
    host: {},
  } as unknown as ServiceDeps);
});
afterEach(() => {
  library.close();
  dir.remove();
});

const save = (input: Record<string, unknown>): Promise<MelodyGeneration> =>
  section.save(MelodySaveInput.parse(input)) as Promise<MelodyGeneration>;

describe('clip names', () => {
  it('an unnamed clip is named after how it was made, the seed and its length', async () => {
    const gen = await save({ clip: { notes, name: '' }, origin: 'generate', model: 'melody-vae', seed: 21 });
    expect(gen.title).toBe('Generate · seed 21 · 2 bars');
    expect(gen.params.name).toBe('Generate · seed 21 · 2 bars');
    const take2 = await save({
      clip: { notes },
      origin: 'generate',
      model: 'melody-vae',
      seed: 21,
      params: { take: 1 },
    });
    expect(take2.title).toBe('Generate · seed 21 · take 2 · 2 bars');
    const step = await save({
      clip: { notes },
      origin: 'interpolate',
      model: 'melody-vae',
      params: { take: 2 },
    });
    expect(step.title).toBe('Interpolation · step 3 · 2 bars');
    expect((await save({ clip: { notes } })).title).toBe('Sketch · 2 bars');
  });

  it('no two clips share a name: a taken one gets the next number', async () => {
    const titles: string[] = [];
    for (let i = 0; i < 3; i++)
      titles.push((await save({ clip: { notes }, origin: 'generate', model: 'melody-vae', seed: 8 })).title);
    expect(titles).toEqual([
      'Generate · seed 8 · 2 bars',
      'Generate · seed 8 · 2 bars (2)',
      'Generate · seed 8 · 2 bars (3)',
    ]);
    expect((await save({ clip: { notes, name: 'Reel' } })).title).toBe('Reel');
    expect((await save({ clip: { notes, name: 'reel' } })).title).toBe('reel (2)');
    expect((await save({ clip: { notes, name: 'Reel (2)' } })).title).toBe('Reel (3)');
    expect(new Set(library.list({ kind: 'melody' }).map((g) => g.title)).size).toBe(6);
  });
});

describe('melody.rename', () => {
  it('renames the clip in place: same record, new title and name, its MIDI track follows', async () => {
    const gen = await save({
      clip: { notes, bpm: 100, name: '', key: 'G', scale: 'major', timeSignature: [3, 4] },
      origin: 'generate',
      model: 'melody-vae',
      seed: 3,
    });
    changed = [];
    const renamed = await section.rename({ id: gen.id, name: '  Hornpipe ' });
    expect(renamed).toMatchObject({ id: gen.id, title: 'Hornpipe', createdAt: gen.createdAt, seed: 3 });
    expect(renamed.params).toMatchObject({ name: 'Hornpipe', notes, bpm: 100, key: 'G', scale: 'major' });
    expect(library.list({ kind: 'melody' }).map((g) => [g.id, g.title])).toEqual([[gen.id, 'Hornpipe']]);
    expect(changed).toEqual([gen.id]);
    const midi = await library.readAsset(gen.id, 'midi');
    expect(new Midi(midi.bytes).tracks.find((t) => t.notes.length)?.name).toBe('Hornpipe');
    expect(readSignatures(midi.bytes)).toEqual({ key: 'G', scale: 'major', timeSignature: [3, 4] });
    // The row still records the file it points at (size and hash).
    const row = library.db
      .prepare("SELECT bytes FROM assets WHERE generation_id = ? AND role = 'midi'")
      .get(gen.id) as { bytes: number };
    expect(row.bytes).toBe(midi.bytes.length);
  });

  it('a name another clip has is numbered; its own name is kept', async () => {
    const a = await save({ clip: { notes, name: 'Air' } });
    const b = await save({ clip: { notes, name: 'Jig' } });
    expect((await section.rename({ id: b.id, name: 'Air' })).title).toBe('Air (2)');
    expect((await section.rename({ id: a.id, name: 'Air' })).title).toBe('Air');
  });

  it('a record that is not a melody clip is refused', async () => {
    const other = await library.add({
      kind: 'text',
      modelId: '',
      modelSha256: '',
      provider: '',
      seed: 0,
      params: { text: 'words' },
      parentId: null,
      durationMs: 1,
      width: null,
      height: null,
      title: 'Words',
      assets: [],
    });
    await expect(section.rename({ id: other.id, name: 'Tune' })).rejects.toThrow(/not a melody clip/);
  });
});

describe('a clip’s key, scale and meter', () => {
  it('are saved with it and written into its MIDI file', async () => {
    const gen = await save({
      clip: { notes, name: 'Waltz', key: 'E', scale: 'dorian', timeSignature: [3, 4] },
    });
    expect(gen.params).toMatchObject({ key: 'E', scale: 'dorian', timeSignature: [3, 4], bars: 3 });
    const midi = await library.readAsset(gen.id, 'midi');
    // E dorian is written as its relative minor's signature: B minor (two sharps).
    expect(readSignatures(midi.bytes)).toEqual({ key: 'B', scale: 'minor', timeSignature: [3, 4] });
  });

  it('the export carries them too, 4/4 when the clip says nothing', async () => {
    const six = section.exportMidi({
      clip: { notes, bpm: 120, name: 'Six', timeSignature: [6, 8] },
      format: 'midi',
    });
    expect(readSignatures((await six).bytes).timeSignature).toEqual([6, 8]);
    const plain = await section.exportMidi({ clip: { notes, bpm: 120, name: 'Plain' }, format: 'midi' });
    // No lock: the key its notes suggest (G major).
    expect(readSignatures(plain.bytes)).toEqual({ key: 'G', scale: 'major', timeSignature: [4, 4] });
  });
});
