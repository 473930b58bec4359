/**
 * The CLI through the real services: writes the PNG, records it in the library, one-line errors;
 * --out is checked before anything runs, and nothing undelivered stays in the library.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PNG } from 'pngjs';
import { inScale, scalePitchClasses } from '../preload/melody';
import { runCli } from './cli';
import { readMidi } from './services/melody/midi';
import { readSignatures } from './services/melody/signatures';
import { Library } from './services/library/library';
import { tempDir } from './testing/atelier';

const dir = tempDir('atelier-cli-');
afterAll(() => dir.remove());

let out: string[] = [];
let err: string[] = [];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});
afterEach(() => vi.restoreAllMocks());

/** A bad command line: exactly one line on stderr, matching `message`, and exit `code`. */
function itRefuses(name: string, args: string[], code: number, message: RegExp): void {
  it(`refuses ${name} with one line and exit ${code}`, async () => {
    expect(await runCli(args)).toBe(code);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(message);
  });
}

describe('atelier texture', () => {
  it('writes the PNG, says where, and records the generation in the library', async () => {
    const file = join(dir.path, 'texture.png');
    const code = await runCli([
      'texture',
      '--seed',
      '7',
      '--size',
      '256',
      '--out',
      file,
      '--data-dir',
      join(dir.path, 'data'),
    ]);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out.join('\n')).toContain(`Wrote ${file}`);
    const png = PNG.sync.read(readFileSync(file));
    expect([png.width, png.height]).toEqual([256, 256]);
    const lib = Library.open(join(dir.path, 'data'));
    try {
      const [gen] = lib.list();
      expect(gen).toMatchObject({ kind: 'texture', seed: 7, width: 256 });
      expect(readFileSync(lib.assetPath(gen!.id, 'image')).equals(readFileSync(file))).toBe(true);
    } finally {
      lib.close();
    }
  });

  const bad: Array<[string, string[], RegExp]> = [
    ['a missing --out', ['texture', '--seed', '1'], /--out FILE.png is required/],
    ['a non-numeric seed', ['texture', '--seed', 'abc', '--out', 'x.png'], /--seed must be a number/],
    [
      'a negative seed',
      ['texture', '--seed=-1', '--out', 'x.png'],
      /^atelier: Seed must be a whole number from 0 to 4294967295\.$/,
    ],
    [
      'an invalid size',
      ['texture', '--seed', '1', '--size', '100', '--out', 'x.png'],
      /^atelier: Size must be at least 256 px\.$/,
    ],
    [
      'an unknown style',
      ['texture', '--seed', '1', '--style', 'nope', '--out', 'x.png'],
      /Unknown style "nope"/,
    ],
    ['an unknown flag', ['texture', '--bogus'], /Unknown option '--bogus'/],
    [
      'a malformed blend',
      ['texture', '--seed', '1', '--blend', 'x', '--out', 'x.png'],
      /--blend must look like/,
    ],
    ['an unknown command', ['paint'], /unknown command "paint"/],
  ];
  for (const [name, args, message] of bad) {
    it(`rejects ${name} with one line and exit code 2`, async () => {
      const code = await runCli([...args, '--data-dir', join(dir.path, 'data-bad')]);
      expect(code).toBe(2);
      expect(err).toHaveLength(1);
      expect(err[0]).toMatch(/^atelier: /);
      expect(err[0]).toMatch(message);
      expect(err[0]).not.toContain('\n');
      expect(existsSync(join(process.cwd(), 'x.png'))).toBe(false);
    });
  }
});

describe('atelier texture without its model', () => {
  it('says the model is missing in one line, exits 1, and records nothing', async () => {
    const empty = tempDir('atelier-no-models-');
    process.env.ATELIER_MODELS_DIR = empty.path;
    try {
      const code = await runCli([
        'texture',
        '--seed',
        '1',
        '--style',
        'any',
        '--out',
        join(dir.path, 'none.png'),
        '--data-dir',
        join(dir.path, 'data-nomodel'),
      ]);
      expect(code).toBe(1);
      expect(err).toEqual(['atelier: There is no model "texture" installed.']);
      expect(existsSync(join(dir.path, 'none.png'))).toBe(false);
    } finally {
      delete process.env.ATELIER_MODELS_DIR;
      empty.remove();
    }
  });
});

describe('atelier --out', () => {
  const data = join(dir.path, 'out-data');
  const gone = join(dir.path, 'no-such-folder');
  const refused: Array<[string, string[], RegExp]> = [
    [
      'a folder that does not exist',
      ['texture', '--seed', '1', '--size', '256', '--out', join(gone, 't.png')],
      /^atelier: --out .*t\.png: the folder .*no-such-folder does not exist \(create it first\)$/,
    ],
    [
      'a .jpg name for a PNG',
      ['texture', '--seed', '1', '--size', '256', '--out', join(dir.path, 't.jpg')],
      /^atelier: --out .*t\.jpg: this command writes PNG images, so the name must end in \.png \(not \.jpg\)$/,
    ],
    [
      'a folder as the file',
      ['texture', '--seed', '1', '--size', '256', '--out', dir.path],
      /is a folder: give a file name/,
    ],
    [
      'an image as .jpeg',
      ['image', '--prompt', 'x', '--seed', '1', '--out', join(dir.path, 'i.jpeg')],
      /must end in \.png \(not \.jpeg\)/,
    ],
    [
      'a latent sample as .webp',
      ['latent', 'sample', '--model', 'glyphs', '--seed', '1', '--out', join(dir.path, 's.webp')],
      /must end in \.png \(not \.webp\)/,
    ],
    [
      'a melody as .wav',
      ['melody', 'generate', '--bars', '2', '--seed', '1', '--out', join(dir.path, 'm.wav')],
      /this command writes MIDI files, so the name must end in \.mid \(not \.wav\)/,
    ],
    [
      'a melody into a missing folder',
      ['melody', 'generate', '--bars', '2', '--seed', '1', '--out', join(gone, 'm.mid')],
      /the folder .*no-such-folder does not exist/,
    ],
    [
      'interpolation steps into a file',
      [
        'melody',
        'interpolate',
        '--from',
        'a.mid',
        '--to',
        'b.mid',
        '--steps',
        '3',
        '--out',
        join(dir.path, 'f'),
      ],
      /--out .* is a file: give a folder/,
    ],
  ];
  for (const [name, args, message] of refused)
    it(`refuses ${name} before anything runs: one line, exit 2, nothing recorded`, async () => {
      writeFileSync(join(dir.path, 'f'), 'a file');
      expect(await runCli([...args, '--data-dir', data])).toBe(2);
      expect(err).toHaveLength(1);
      expect(err[0]).toMatch(message);
      // Refused before Atelier even opened its data dir: no generation, no record.
      expect(existsSync(data)).toBe(false);
      expect(existsSync(gone)).toBe(false);
    });

  it('deletes the record when the file cannot be written after all, and says so', async () => {
    const folder = join(dir.path, 'vanishing');
    mkdirSync(folder);
    const file = join(folder, 't.png');
    const lost = join(dir.path, 'lost-data');
    const running = runCli(['texture', '--seed', '11', '--size', '256', '--out', file, '--data-dir', lost]);
    // --out was checked when the command started; the folder goes while the texture is made.
    rmSync(folder, { recursive: true });
    expect(await running).toBe(1);
    expect(err).toEqual([
      `atelier: could not write ${file} (its folder no longer exists); the generation was not kept in the library`,
    ]);
    const lib = Library.open(lost);
    try {
      expect(lib.list()).toEqual([]);
    } finally {
      lib.close();
    }
  });
});

describe('atelier models / library', () => {
  it('lists the bundled models and the library', async () => {
    expect(await runCli(['models', '--data-dir', join(dir.path, 'data')])).toBe(0);
    expect(out.join('\n')).toMatch(/^texture\t/m);
    out = [];
    expect(await runCli(['library', '--data-dir', join(dir.path, 'data')])).toBe(0);
    expect(out.join('\n')).toMatch(/texture\t.*seed 7/);
  });
});

describe('atelier latent', () => {
  const data = (): string[] => ['--data-dir', join(dir.path, 'latent-data')];

  it('sample: a glyph sheet of the alphabet in one style, or the given text', async () => {
    const sheet = join(dir.path, 'sheet.png');
    expect(
      await runCli(['latent', 'sample', '--model', 'glyphs', '--seed', '3', '--out', sheet, ...data()]),
    ).toBe(0);
    const a = PNG.sync.read(readFileSync(sheet));
    expect(a.height).toBeGreaterThan(a.width / 20); // two lines of glyphs
    const hello = join(dir.path, 'hello.png');
    expect(
      await runCli([
        'latent',
        'sample',
        '--model',
        'glyphs',
        '--seed',
        '3',
        '--text',
        'Hello',
        '--out',
        hello,
        ...data(),
      ]),
    ).toBe(0);
    const h = PNG.sync.read(readFileSync(hello));
    expect(h.width).toBeLessThan(a.width);
    expect(h.height).toBeLessThan(a.height);
  });

  it('sample --count K writes FILE-1.png … FILE-K.png, the same seed the same bytes', async () => {
    const base = join(dir.path, 'tex.png');
    expect(
      await runCli([
        'latent',
        'sample',
        '--model',
        'texture-vae',
        '--seed',
        '9',
        '--count',
        '3',
        '--out',
        base,
        ...data(),
      ]),
    ).toBe(0);
    for (const k of [1, 2, 3]) expect(existsSync(join(dir.path, `tex-${k}.png`))).toBe(true);
    expect(existsSync(base)).toBe(false);
    const again = join(dir.path, 'again.png');
    expect(
      await runCli(['latent', 'sample', '--model', 'texture-vae', '--seed', '9', '--out', again, ...data()]),
    ).toBe(0);
    expect(readFileSync(again).equals(readFileSync(join(dir.path, 'tex-1.png')))).toBe(true);
  });

  it('encode: writes the reconstruction and prints the posterior mean as JSON', async () => {
    const src = join(dir.path, 'src.png');
    expect(
      await runCli([
        'latent',
        'sample',
        '--model',
        'glyphs',
        '--seed',
        '1',
        '--text',
        'R',
        '--out',
        src,
        ...data(),
      ]),
    ).toBe(0);
    out = [];
    const recon = join(dir.path, 'recon.png');
    expect(
      await runCli([
        'latent',
        'encode',
        '--model',
        'glyphs',
        '--in',
        src,
        '--char',
        'R',
        '--out',
        recon,
        ...data(),
      ]),
    ).toBe(0);
    const mean = JSON.parse(out.join('\n')) as number[];
    expect(mean.length).toBeGreaterThanOrEqual(16);
    expect(mean.every((v) => Number.isFinite(v))).toBe(true);
    expect(PNG.sync.read(readFileSync(recon)).width).toBe(256);
  });

  const bad: Array<[string, string[], number, RegExp]> = [
    ['no subcommand', ['latent'], 2, /subcommand: sample or encode/],
    [
      'an unknown model',
      ['latent', 'sample', '--model', 'nope', '--seed', '1', '--out', 'x.png'],
      2,
      /unknown model "nope"/,
    ],
    [
      'a non-latent model',
      ['latent', 'sample', '--model', 'texture', '--seed', '1', '--out', 'x.png'],
      2,
      /not a latent model/,
    ],
    [
      'a missing seed',
      ['latent', 'sample', '--model', 'glyphs', '--out', 'x.png'],
      2,
      /--seed N is required/,
    ],
    [
      'a bad count',
      ['latent', 'sample', '--model', 'glyphs', '--seed', '1', '--count', '0', '--out', 'x.png'],
      2,
      /--count must be a whole number from 1 to 64/,
    ],
    [
      'text the model cannot draw',
      ['latent', 'sample', '--model', 'glyphs', '--seed', '1', '--text', 'ça', '--out', 'x.png'],
      2,
      /cannot draw "ç"/,
    ],
    [
      'a missing input file',
      ['latent', 'encode', '--model', 'glyphs', '--in', '/nonexistent/a.png', '--out', 'x.png'],
      2,
      /cannot read \/nonexistent\/a.png: ENOENT/,
    ],
    [
      'encode without --char for a model that draws characters',
      ['latent', 'encode', '--model', 'glyphs', '--in', 'package.json', '--out', 'x.png'],
      2,
      /^atelier: --char is required: model "glyphs" draws characters, say which one the image shows \(e\.g\. --char A\)$/,
    ],
  ];
  for (const [name, args, code, message] of bad) itRefuses(name, [...args, ...data()], code, message);

  it('refuses a file that is not an image', async () => {
    const txt = join(dir.path, 'notes.png');
    writeFileSync(txt, 'these are notes, not pixels');
    expect(
      await runCli([
        'latent',
        'encode',
        '--model',
        'glyphs',
        '--in',
        txt,
        '--char',
        'A',
        '--out',
        join(dir.path, 'r.png'),
        ...data(),
      ]),
    ).not.toBe(0);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/not a PNG or JPEG/);
  });
});

describe('atelier melody', () => {
  const data = (): string[] => ['--data-dir', join(dir.path, 'melody-data')];
  const midiNotes = (file: string) => readMidi(readFileSync(file)).tracks[0]!.notes;

  it('generate writes a standard single-track MIDI file of the asked length, the same seed the same notes', async () => {
    const a = join(dir.path, 'gen-a.mid');
    const b = join(dir.path, 'gen-b.mid');
    const args = [
      'melody',
      'generate',
      '--bars',
      '8',
      '--seed',
      '5',
      '--key',
      'A',
      '--scale',
      'minor',
      ...data(),
    ];
    expect(await runCli([...args, '--out', a])).toBe(0);
    expect(await runCli([...args, '--out', b])).toBe(0);
    expect(err).toEqual([]);
    expect(out[0]).toContain(`Wrote ${a}`);
    const file = readMidi(readFileSync(a));
    expect(file.tracks).toHaveLength(1);
    const notes = file.tracks[0]!.notes;
    expect(notes.length).toBeGreaterThan(8);
    expect(Math.max(...notes.map((n) => n.start + n.duration))).toBeLessThanOrEqual(32);
    const aMinor = scalePitchClasses('A', 'minor');
    for (const n of notes) expect(inScale(n.pitch, aMinor)).toBe(true);
    expect(midiNotes(b)).toEqual(notes);
    const lib = Library.open(join(dir.path, 'melody-data'));
    try {
      expect(lib.list({ kind: 'melody' })[0]).toMatchObject({
        kind: 'melody',
        seed: 5,
        modelId: 'melody-rnn',
      });
    } finally {
      lib.close();
    }
  });

  it('continue writes the input followed by the continuation', async () => {
    const src = join(dir.path, 'gen-a.mid');
    const outFile = join(dir.path, 'cont.mid');
    expect(
      await runCli([
        'melody',
        'continue',
        '--in',
        src,
        '--bars',
        '4',
        '--seed',
        '2',
        '--out',
        outFile,
        ...data(),
      ]),
    ).toBe(0);
    const before = midiNotes(src);
    const after = midiNotes(outFile);
    expect(after.length).toBeGreaterThan(before.length);
    const end = Math.max(...before.map((n) => n.start + n.duration));
    const added = after.slice(before.length);
    expect(Math.min(...added.map((n) => n.start))).toBeGreaterThanOrEqual(end - 1e-6);
    expect(Math.max(...added.map((n) => n.start + n.duration))).toBeLessThanOrEqual(end + 16 + 0.25);
  });

  it('--meter 6/8 writes 8 bars of 6/8 with their time signature; continue keeps the file’s meter', async () => {
    const jig = join(dir.path, 'jig.mid');
    const more = join(dir.path, 'jig-more.mid');
    const gen = ['melody', 'generate', '--bars', '8', '--seed', '3', '--meter', '6/8', '--out', jig];
    expect(await runCli([...gen, ...data()])).toBe(0);
    const bytes = readFileSync(jig);
    expect(readSignatures(bytes).timeSignature).toEqual([6, 8]);
    const notes = midiNotes(jig);
    expect(Math.max(...notes.map((n) => n.start + n.duration))).toBeLessThanOrEqual(8 * 3);
    expect(notes.some((n) => n.start >= 7 * 3)).toBe(true);
    const cont = ['melody', 'continue', '--in', jig, '--bars', '2', '--seed', '1', '--out', more];
    expect(await runCli([...cont, ...data()])).toBe(0);
    expect(readSignatures(readFileSync(more)).timeSignature).toEqual([6, 8]);
    const added = midiNotes(more).slice(notes.length);
    expect(Math.max(...added.map((n) => n.start + n.duration))).toBeLessThanOrEqual(10 * 3);
  });

  it('interpolate writes DIR/step-1.mid … step-K.mid', async () => {
    const outDir = join(dir.path, 'interp');
    const args = ['--from', join(dir.path, 'gen-a.mid'), '--to', join(dir.path, 'cont.mid')];
    expect(await runCli(['melody', 'interpolate', ...args, '--steps', '4', '--out', outDir, ...data()])).toBe(
      0,
    );
    for (let k = 1; k <= 4; k++) expect(midiNotes(join(outDir, `step-${k}.mid`)).length).toBeGreaterThan(0);
    expect(existsSync(join(outDir, 'step-5.mid'))).toBe(false);
  });

  const bad: Array<[string, string[], RegExp]> = [
    ['no subcommand', ['melody'], /needs a subcommand/],
    ['bars out of range', ['melody', 'generate', '--bars', '100', '--seed', '1', '--out', 'x.mid'], /bars/],
    ['bars 0', ['melody', 'generate', '--bars', '0', '--seed', '1', '--out', 'x.mid'], /bars/i],
    [
      'a meter the models do not know',
      ['melody', 'generate', '--bars', '2', '--seed', '1', '--meter', '7/8', '--out', 'x.mid'],
      /^atelier: Meter must be a meter the melody models know: 4\/4, 2\/2, 2\/4, 3\/4, 6\/8, 9\/8/,
    ],
    [
      'a bad scale',
      ['melody', 'generate', '--bars', '2', '--seed', '1', '--scale', 'weird', '--out', 'x.mid'],
      /^atelier: Scale must be one of "chromatic", "major", /,
    ],
    [
      'a missing input',
      ['melody', 'continue', '--in', 'no-such.mid', '--bars', '2', '--out', 'x.mid'],
      /cannot read/,
    ],
    ['no --steps', ['melody', 'interpolate', '--from', 'a.mid', '--to', 'b.mid', '--out', 'd'], /--steps/],
  ];
  for (const [name, args, message] of bad) itRefuses(name, [...args, ...data()], 2, message);

  it('refuses a file that is not MIDI with one line', async () => {
    const notMidi = join(dir.path, 'notes.txt');
    writeFileSync(notMidi, 'C D E F G');
    expect(
      await runCli(['melody', 'continue', '--in', notMidi, '--bars', '2', '--out', 'x.mid', ...data()]),
    ).toBe(2);
    expect(err).toEqual([
      `atelier: --in ${notMidi}: notes.txt is not a MIDI file (it does not start with "MThd").`,
    ]);
  });
});

describe('atelier models import / text', () => {
  const data = join(dir.path, 'text-data');
  const tinyGpt2 = join(process.cwd(), 'models/training/text/tiny/gpt2');
  const stdout = (): { text: () => string; restore: () => void } => {
    const chunks: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => {
      chunks.push(typeof c === 'string' ? c : new TextDecoder().decode(c));
      return true;
    });
    return { text: () => chunks.join(''), restore: () => spy.mockRestore() };
  };

  it('imports an Optimum folder, lists it, streams a continuation with it, and removes it', async () => {
    expect(await runCli(['models', 'import', tinyGpt2, '--data-dir', data])).toBe(0);
    expect(err).toEqual([]);
    expect(out.join('\n')).toMatch(/Imported gpt2 \(gpt2, 2 layers, context 128/);
    out = [];
    expect(await runCli(['models', '--data-dir', data])).toBe(0);
    expect(out.join('\n')).toMatch(/^gpt2\t.*\(imported\)$/m);

    const run = async (seed: string): Promise<string> => {
      const s = stdout();
      try {
        const args = [
          'text',
          '--model',
          'gpt2',
          '--prompt',
          'Hello',
          '--seed',
          seed,
          '--max-tokens',
          '12',
          '--data-dir',
          data,
        ];
        expect(await runCli(args)).toBe(0);
      } finally {
        s.restore();
      }
      return s.text();
    };
    const a = await run('5');
    const b = await run('5');
    // The continuation only (the prompt is not repeated), then a newline; stats go to stderr.
    expect(a.endsWith('\n')).toBe(true);
    expect(a.startsWith('Hello')).toBe(false);
    expect(b).toBe(a);
    expect(err.at(-1)).toMatch(/12 tokens \(max-tokens\).*seed 5, model gpt2/);
    const lib = Library.open(data);
    try {
      const texts = lib.list({ kind: 'text' });
      expect(texts).toHaveLength(2);
      expect(texts[0]!.params).toMatchObject({
        prompt: 'Hello',
        sampling: expect.objectContaining({ seed: 5, maxTokens: 12 }),
      });
    } finally {
      lib.close();
    }
    out = [];
    expect(await runCli(['models', 'remove', 'gpt2', '--data-dir', data])).toBe(0);
    expect(existsSync(join(data, 'models', 'gpt2'))).toBe(false);
  });

  itRefuses('text without --prompt', ['text', '--seed', '1'], 2, /--prompt "\.\.\." is required/);
  itRefuses(
    'max tokens -1',
    ['text', '--prompt', 'x', '--max-tokens', '-1'],
    2,
    /^atelier: Max tokens must be at least 1\.$/,
  );
  itRefuses(
    'max tokens 10^9',
    ['text', '--prompt', 'x', '--max-tokens', '1000000000'],
    2,
    /^atelier: Max tokens must be at most 4096\.$/,
  );
  itRefuses(
    'a non-numeric temperature',
    ['text', '--prompt', 'x', '--temperature', 'NaN'],
    2,
    /--temperature must be a number/,
  );
  itRefuses(
    'an unknown preset',
    ['text', '--prompt', 'x', '--preset', 'limerick'],
    2,
    /--preset must be one of/,
  );
  itRefuses('an unknown flag', ['text', '--prompt', 'x', '--bogus', '1'], 2, /bogus/);
  itRefuses(
    'an unknown model',
    ['text', '--prompt', 'x', '--model', 'nope', '--data-dir', join(dir.path, 'd2')],
    2,
    /no model "nope"/,
  );
  itRefuses(
    'an import of a folder that is not there',
    ['models', 'import', join(dir.path, 'missing'), '--data-dir', join(dir.path, 'd3')],
    2,
    /does not exist/,
  );
  itRefuses('an import without a folder', ['models', 'import'], 2, /needs one FOLDER/);
});

describe('atelier image', () => {
  const data = join(dir.path, 'image-data');
  const tinySd = join(process.cwd(), 'models/training/images/tiny-sd');

  it('imports a Stable Diffusion folder, writes the image (and a batch), and img2img from a file', async () => {
    expect(await runCli(['models', 'import', tinySd, '--data-dir', data])).toBe(0);
    expect(out.join('\n')).toMatch(/Imported tiny-sd \(a diffusion pipeline.*atelier image --model tiny-sd/);
    const file = join(dir.path, 'apple.png');
    const args = ['image', '--model', 'tiny-sd', '--prompt', 'a red apple', '--seed', '3', '--steps', '4'];
    expect(
      await runCli([...args, '--width', '64', '--height', '48', '--out', file, '--data-dir', data]),
    ).toBe(0);
    expect(err).toEqual([]);
    const png = PNG.sync.read(readFileSync(file));
    expect([png.width, png.height]).toEqual([64, 48]);
    expect(out.join('\n')).toMatch(/Wrote .*apple\.png: 64×48, seed 3, 4 euler steps/);

    const batch = join(dir.path, 'batch.png');
    expect(await runCli([...args, '--size', '64', '--batch', '2', '--out', batch, '--data-dir', data])).toBe(
      0,
    );
    expect(existsSync(join(dir.path, 'batch-1.png')) && existsSync(join(dir.path, 'batch-2.png'))).toBe(true);

    const i2i = join(dir.path, 'i2i.png');
    const init = join(dir.path, 'batch-1.png');
    expect(
      await runCli([
        ...args,
        '--size',
        '64',
        '--init',
        init,
        '--strength',
        '0.5',
        '--out',
        i2i,
        '--data-dir',
        data,
      ]),
    ).toBe(0);
    expect(PNG.sync.read(readFileSync(i2i)).width).toBe(64);
    const lib = Library.open(data);
    try {
      const images = lib.list({ kind: 'image' });
      expect(images).toHaveLength(4);
      expect(images[0]!.params).toMatchObject({ strength: 0.5, init: 'file' });
    } finally {
      lib.close();
    }
  });

  itRefuses(
    'image without --prompt',
    ['image', '--seed', '1', '--out', 'x.png'],
    2,
    /--prompt "\.\.\." is required/,
  );
  itRefuses(
    'image without --out',
    ['image', '--prompt', 'x', '--seed', '1'],
    2,
    /--out FILE\.png is required/,
  );
  itRefuses(
    'steps 0',
    ['image', '--prompt', 'x', '--seed', '1', '--steps', '0', '--out', 'x.png'],
    2,
    /^atelier: Steps must be at least 1\.$/,
  );
  itRefuses(
    'a size off the 8 px grid',
    ['image', '--prompt', 'x', '--seed', '1', '--size', '100', '--out', 'x.png'],
    2,
    /multiple of 8/,
  );
  itRefuses(
    'a batch of 10^4',
    ['image', '--prompt', 'x', '--seed', '1', '--batch', '10000', '--out', 'x.png'],
    2,
    /^atelier: Batch must be at most 8\.$/,
  );
  itRefuses(
    '--strength without --init',
    ['image', '--prompt', 'x', '--seed', '1', '--strength', '0.5', '--out', 'x.png'],
    2,
    /--strength needs --init/,
  );
  itRefuses(
    'an init file that is not there',
    ['image', '--prompt', 'x', '--seed', '1', '--init', join(dir.path, 'missing.png'), '--out', 'x.png'],
    2,
    /cannot read --init/,
  );
});
