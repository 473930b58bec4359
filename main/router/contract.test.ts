/**
 * The contract at the router: every method rejects malformed payloads (wrong types, huge sizes,
 * negative seeds, unknown fields) with a typed error naming the field (a sentence for a person,
 * the path in `field`), and none crashes the host.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorInfo, methodNames } from '../../preload/contract';
import { realAtelier } from '../testing/atelier';

let env: Awaited<ReturnType<typeof realAtelier>>;
beforeAll(async () => {
  env = await realAtelier();
});
afterAll(async () => env.cleanup());

const call = (method: unknown, input: unknown) => env.atelier.router.call(method, input);

/**
 * `wording`: "service" for refusals a service words itself after validation (some still start with
 * the field's path, e.g. "points.1 has 3 numbers; …"): those are not held to the sentence shape.
 */
function expectError(
  r: Awaited<ReturnType<typeof call>>,
  code: string,
  field?: string,
  wording: 'router' | 'service' = 'router',
): ErrorInfo {
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('expected an error');
  expect(ErrorInfo.parse(r.error)).toEqual(r.error);
  expect(r.error.code).toBe(code);
  if (field !== undefined) expect(r.error.field).toBe(field);
  expect(r.error.message.length).toBeGreaterThan(8);
  // A sentence for a person: capital first, a full stop last, no schema words or dotted paths.
  if (code === 'invalid-input' && wording === 'router') expect(r.error.message).toMatch(/^[A-Z"].*[.!?]$/s);
  expect(r.error.message).not.toMatch(/Invalid input|expected \w+, received|params\.|Too (small|big):/);
  return r.error;
}

const junk: unknown[] = [
  null,
  42,
  'text',
  [],
  true,
  { __proto__: { polluted: 1 } },
  { unknownField: 1 },
  new Uint8Array(4),
];

describe('every method rejects malformed payloads with a typed error', () => {
  for (const method of methodNames) {
    it(`${method}`, async () => {
      for (const input of junk) {
        const r = await call(method, input);
        // Only methods without required input may accept an object with no own fields.
        if (r.ok) {
          expect(['app.info', 'models.list', 'library.list']).toContain(method);
          expect(
            typeof input === 'object' && input !== null && !Array.isArray(input) && Object.keys(input),
          ).toEqual([]);
        } else {
          expect(r.error.code).toBe('invalid-input');
        }
      }
    });
  }
});

describe('texture.generate validation', () => {
  const ok = { seed: 1, size: 256, style: 'x' };
  const cases: Array<[string, unknown, string, RegExp]> = [
    [
      'negative seed',
      { ...ok, seed: -1 },
      'params.seed',
      /^Seed must be a whole number from 0 to 4294967295\.$/,
    ],
    ['fractional seed', { ...ok, seed: 1.5 }, 'params.seed', /^Seed must be a whole number\.$/],
    [
      'seed too large',
      { ...ok, seed: 2 ** 32 },
      'params.seed',
      /^Seed must be a whole number from 0 to 4294967295\.$/,
    ],
    ['seed as string', { ...ok, seed: '7' }, 'params.seed', /^Seed must be a number\.$/],
    ['huge size', { ...ok, size: 1e9 }, 'params.size', /^Size must be at most 2048 px\.$/],
    ['tiny size', { ...ok, size: 100 }, 'params.size', /^Size must be at least 256 px\.$/],
    ['size not a multiple', { ...ok, size: 300 }, 'params.size', /^Size must be a multiple of 64 px\.$/],
    ['NaN size', { ...ok, size: Number.NaN }, 'params.size', /^Size must be a number\.$/],
    [
      'unknown field',
      { ...ok, evil: true },
      'params.evil',
      /^The request has a field Atelier does not know: "evil"\.$/,
    ],
    ['bad scale', { ...ok, scale: 3 }, 'params.scale', /^Scale must be one of 1, 2 or 4\.$/],
    [
      'blend out of range',
      { ...ok, blend: { style: 'y', amount: 2 } },
      'params.blend.amount',
      /^Amount must be from 0 to 1\.$/,
    ],
    [
      'huge style string',
      { ...ok, style: 'x'.repeat(10_000) },
      'params.style',
      /^Style must be at most 64 characters\.$/,
    ],
    ['missing style', { seed: 1, size: 256 }, 'params.style', /^Style is missing\.$/],
  ];
  for (const [name, params, field, message] of cases) {
    it(`rejects ${name}`, async () => {
      const e = expectError(
        await call('texture.generate', { jobId: 'job-validate-1', params }),
        'invalid-input',
        field,
      );
      expect(e.message).toMatch(message);
    });
  }

  it('rejects a bad job id and unknown top-level fields', async () => {
    expectError(await call('texture.generate', { jobId: '../../x', params: ok }), 'invalid-input', 'jobId');
    expectError(
      await call('texture.generate', { jobId: 'job-validate-2', params: ok, extra: 1 }),
      'invalid-input',
      'extra',
    );
  });

  it('answers unknown methods and non-string names with unknown-method', async () => {
    expectError(await call('texture.explode', {}), 'unknown-method');
    expectError(await call('__proto__.constructor', {}), 'unknown-method');
    expectError(await call('toString', {}), 'unknown-method');
    expectError(await call(42, {}), 'unknown-method');
  });

  it('rejects malformed ids for library methods', async () => {
    for (const m of ['library.get', 'library.delete', 'library.export']) {
      expectError(await call(m, { id: "1'; DROP TABLE generations;--" }), 'invalid-input', 'id');
    }
    expectError(await call('library.asset', { id: 'abcdef12', role: 'secret' }), 'invalid-input', 'role');
    expectError(await call('library.list', { limit: 1e9 }), 'invalid-input', 'limit');
    expectError(await call('library.get', { id: 'abcdef12-0000' }), 'not-found', 'id');
  });

  it('still works after all of that (texture)', async () => {
    const info = await call('app.info', undefined);
    expect(info.ok).toBe(true);
    expect(env.atelier.library.integrityCheck()).toBe('ok');
  });
});

describe('latent.* validation', () => {
  const dim = (): number => env.atelier.registry.status().find((m) => m.id === 'glyphs')!.latent!.dim;
  const point = (): number[] => new Array<number>(dim()).fill(0);
  const text = { kind: 'text', text: 'Ab' } as const;

  it('rejects NaN and Infinity in a latent vector, naming the element', async () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const p = point();
      p[3] = bad;
      const e = expectError(
        await call('latent.decode', { model: 'glyphs', points: [p], view: text }),
        'invalid-input',
        'points.0.3',
      );
      expect(e.message).toMatch(/^Item 4 of points must be a finite number\.$/);
    }
  });

  it('rejects vectors of the wrong length for the model', async () => {
    const e = expectError(
      await call('latent.decode', { model: 'glyphs', points: [point(), [0, 1, 2]], view: text }),
      'invalid-input',
      'points.1',
      'service',
    );
    expect(e.message).toMatch(new RegExp(`${dim()}-dimensional`));
    expectError(
      await call('latent.save', { model: 'glyphs', point: [...point(), 0], view: text }),
      'invalid-input',
      'point',
      'service',
    );
    expectError(
      await call('latent.exportPath', {
        model: 'glyphs',
        from: point(),
        to: [1],
        frames: 4,
        format: 'gif',
        view: text,
      }),
      'invalid-input',
      'to',
      'service',
    );
  });

  it('rejects empty, oversized and non-array point lists', async () => {
    expectError(
      await call('latent.decode', { model: 'glyphs', points: [], view: text }),
      'invalid-input',
      'points',
    );
    const many = Array.from({ length: 65 }, () => point());
    expectError(
      await call('latent.decode', { model: 'glyphs', points: many, view: text }),
      'invalid-input',
      'points',
    );
    expectError(
      await call('latent.decode', { model: 'glyphs', points: [new Array(10_000).fill(0)] }),
      'invalid-input',
      'points.0',
    );
    expectError(await call('latent.decode', { model: 'glyphs', points: 'zeros' }), 'invalid-input', 'points');
  });

  it('rejects unknown model ids and models of another task', async () => {
    const e = expectError(
      await call('latent.decode', { model: 'no-such-model', points: [[0]] }),
      'model-unavailable',
    );
    expect(e.message).toMatch(/no-such-model/);
    expectError(await call('latent.sample', { model: 'texture', seed: 1 }), 'invalid-input', 'model');
    expectError(await call('latent.decode', { model: '../etc', points: [[0]] }), 'invalid-input', 'model');
  });

  it('rejects text a glyph model cannot draw, and a view the model does not have', async () => {
    const e = expectError(
      await call('latent.decode', {
        model: 'glyphs',
        points: [point()],
        view: { kind: 'text', text: 'Hé!' },
      }),
      'invalid-input',
      'view.text',
    );
    expect(e.message).toMatch(/"é" "!"/);
    expectError(await call('latent.decode', { model: 'glyphs', points: [point()] }), 'invalid-input', 'view');
    expectError(
      await call('latent.decode', { model: 'glyphs', points: [point()], view: { kind: 'text', text: '' } }),
      'invalid-input',
      'view.text',
    );
  });

  it('rejects bad encode payloads: not bytes, empty, not an image, missing char', async () => {
    expectError(
      await call('latent.encode', { model: 'glyphs', image: 'data:image/png;base64,AAAA', char: 'A' }),
      'invalid-input',
      'image',
    );
    expectError(
      await call('latent.encode', { model: 'glyphs', image: new Uint8Array(0), char: 'A' }),
      'invalid-input',
      'image',
    );
    const notImage = new TextEncoder().encode('%PDF-1.4 definitely not a picture');
    const e = expectError(
      await call('latent.encode', { model: 'glyphs', image: notImage, char: 'A' }),
      'invalid-input',
      'image',
    );
    expect(e.message).toMatch(/not a PNG or JPEG/);
    expectError(await call('latent.encode', { model: 'glyphs', image: notImage }), 'invalid-input', 'char');
    expectError(
      await call('latent.encode', { model: 'glyphs', image: notImage, char: 'AB' }),
      'invalid-input',
      'char',
    );
  });

  it('rejects bad export settings', async () => {
    const ok = { model: 'glyphs', from: point(), to: point(), view: text, format: 'gif' };
    expectError(await call('latent.exportPath', { ...ok, frames: 1 }), 'invalid-input', 'frames');
    expectError(await call('latent.exportPath', { ...ok, frames: 10_000 }), 'invalid-input', 'frames');
    expectError(
      await call('latent.exportPath', { ...ok, frames: 4, format: 'bmp' }),
      'invalid-input',
      'format',
    );
    expectError(await call('latent.exportPath', { ...ok, frames: 4, scale: 100 }), 'invalid-input', 'scale');
  });

  it('still works after all of that (latent)', async () => {
    const r = await call('latent.decode', { model: 'glyphs', points: [point()], view: text });
    expect(r.ok).toBe(true);
  });
});

describe('melody.* validation', () => {
  const n = (over: object = {}) => ({ pitch: 60, start: 0, duration: 1, velocity: 90, ...over });

  it('rejects malformed notes with the field at fault', async () => {
    const cases: Array<[object, string, RegExp]> = [
      [
        n({ duration: -1 }),
        'notes.0.duration',
        /^Duration \(item 1 of notes\) must be longer than 0 beats\.$/,
      ],
      [n({ duration: 0 }), 'notes.0.duration', /longer than 0/],
      [n({ pitch: 128 }), 'notes.0.pitch', /0 to 127/],
      [n({ pitch: -3 }), 'notes.0.pitch', /0 to 127/],
      [n({ pitch: 60.5 }), 'notes.0.pitch', /whole/],
      [n({ start: -0.25 }), 'notes.0.start', /negative/],
      [n({ start: Number.NaN }), 'notes.0.start', /finite/],
      [n({ velocity: 0 }), 'notes.0.velocity', /1–127/],
      [n({ colour: 'red' }), 'notes.0.colour', /does not know: "colour"/],
    ];
    for (const [note, field, message] of cases) {
      const e = expectError(
        await call('melody.continue', { notes: [note], bars: 2, seed: 1 }),
        'invalid-input',
        field,
      );
      expect(e.message).toMatch(message);
    }
  });

  it('rejects 100,000 notes, empty note lists and absurd lengths', async () => {
    const many = Array.from({ length: 100_000 }, (_, i) => n({ start: i / 4, duration: 0.25 }));
    const e = expectError(
      await call('melody.save', { clip: { notes: many } }),
      'invalid-input',
      'clip.notes',
    );
    expect(e.message).toMatch(/at most 10,000 notes/);
    expectError(await call('melody.variations', { notes: [], seed: 1 }), 'invalid-input', 'notes');
    expectError(await call('melody.generate', { bars: 0, seed: 1 }), 'invalid-input', 'bars');
    expectError(await call('melody.generate', { bars: 65, seed: 1 }), 'invalid-input', 'bars');
    expectError(
      await call('melody.generate', { bars: 4, seed: 1, temperature: 5 }),
      'invalid-input',
      'temperature',
    );
    expectError(await call('melody.generate', { bars: 4, seed: 1, key: 'H' }), 'invalid-input', 'key');
    expectError(
      await call('melody.generate', { bars: 4, seed: 1, scale: 'lydian-flat-13' }),
      'invalid-input',
      'scale',
    );
    expectError(
      await call('melody.interpolate', { from: [n()], to: [n()], steps: 1, seed: 1 }),
      'invalid-input',
      'steps',
    );
    expectError(
      await call('melody.save', { clip: { notes: [n()], bpm: 1000 } }),
      'invalid-input',
      'clip.bpm',
    );
  });

  it('rejects latents of the wrong size and non-MIDI bytes', async () => {
    expectError(
      await call('melody.decode', { latents: [[1, 2, 3]] }),
      'invalid-input',
      'latents.0',
      'service',
    );
    expectError(await call('melody.decode', { latents: [] }), 'invalid-input', 'latents');
    const e = expectError(
      await call('melody.importMidi', { bytes: new TextEncoder().encode('hello'), fileName: 'a.txt' }),
      'invalid-input',
      'bytes',
      'service',
    );
    expect(e.message).toMatch(/a\.txt is not a MIDI file/);
    expectError(await call('melody.importMidi', { bytes: new Uint8Array(0) }), 'invalid-input', 'bytes');
    expectError(await call('melody.importMidi', { bytes: 'MThd' }), 'invalid-input', 'bytes');
  });

  it('refuses clips longer than the melody VAE reads, naming the field', async () => {
    const long = [n(), n({ start: 80 * 4, duration: 1 })];
    const e = expectError(
      await call('melody.variations', { notes: long, seed: 1 }),
      'invalid-input',
      'notes',
      'service',
    );
    expect(e.message).toMatch(/at most 64 bars/);
    expectError(
      await call('melody.interpolate', { from: [n()], to: long, steps: 3 }),
      'invalid-input',
      'to',
      'service',
    );
  });

  it('rejects models of another task', async () => {
    expectError(
      await call('melody.generate', { model: 'glyphs', bars: 4, seed: 1 }),
      'invalid-input',
      'model',
    );
    expectError(
      await call('melody.continue', { model: 'melody-vae', notes: [n()], bars: 1, seed: 1 }),
      'invalid-input',
      'model',
    );
  });

  it('still works after all of that (melody)', async () => {
    const r = await call('melody.exportMidi', { clip: { notes: [n()] } });
    expect(r.ok).toBe(true);
  });
});

describe('text.* and models.* validation', () => {
  let n = 0;
  const gen = (patch: Record<string, unknown>, sampling: Record<string, unknown> = {}) => ({
    jobId: `contract-text-${++n}`,
    model: 'text',
    prompt: 'Once',
    sampling: { seed: 1, maxTokens: 4, ...sampling },
    ...patch,
  });

  it('rejects prompts of 0 bytes and of 1 MB', async () => {
    expectError(await call('text.generate', gen({ prompt: '' })), 'invalid-input', 'prompt');
    const mb = 'a'.repeat(1024 * 1024);
    const e = expectError(await call('text.generate', gen({ prompt: mb })), 'invalid-input', 'prompt');
    expect(e.message).toMatch(/at most 256 KiB/);
    expectError(await call('text.generate', gen({ prompt: 42 })), 'invalid-input', 'prompt');
  });

  it('rejects max tokens of -1, 0, 1.5 and 10^9', async () => {
    for (const maxTokens of [-1, 0, 1.5, 1e9])
      expectError(await call('text.generate', gen({}, { maxTokens })), 'invalid-input', 'sampling.maxTokens');
  });

  it('rejects NaN, Infinity and out-of-range sampling settings, naming each', async () => {
    const bad: [string, unknown][] = [
      ['temperature', NaN],
      ['temperature', Infinity],
      ['temperature', -0.1],
      ['temperature', 2.5],
      ['topK', -1],
      ['topK', 2.5],
      ['topK', 1e6],
      ['topP', 0],
      ['topP', 1.01],
      ['topP', NaN],
      ['repetitionPenalty', 0.5],
      ['repetitionPenalty', NaN],
      ['seed', -1],
      ['seed', 2 ** 32],
    ];
    for (const [field, value] of bad)
      expectError(
        await call('text.generate', gen({}, { [field]: value })),
        'invalid-input',
        `sampling.${field}`,
      );
  });

  it('rejects bad stop sequences, presets, job ids and unknown fields', async () => {
    expectError(await call('text.generate', gen({}, { stop: [''] })), 'invalid-input', 'sampling.stop.0');
    expectError(
      await call('text.generate', gen({}, { stop: ['x'.repeat(65)] })),
      'invalid-input',
      'sampling.stop.0',
    );
    expectError(
      await call('text.generate', gen({}, { stop: Array.from({ length: 9 }, (_, i) => `s${i}`) })),
      'invalid-input',
      'sampling.stop',
    );
    expectError(await call('text.generate', gen({ preset: 'limerick' })), 'invalid-input', 'preset');
    expectError(await call('text.generate', gen({ jobId: 'x' })), 'invalid-input', 'jobId');
    expectError(await call('text.generate', gen({ extra: 1 })), 'invalid-input');
    expectError(await call('text.generate', gen({}, { extra: 1 })), 'invalid-input');
  });

  it('rejects a model that is not a text model', async () => {
    expectError(await call('text.generate', gen({ model: 'melody-rnn' })), 'invalid-input', 'model');
  });

  it('rejects bad saves', async () => {
    const save = (patch: Record<string, unknown>) => ({
      model: 'text',
      prompt: 'Once',
      text: ' upon',
      sampling: { seed: 1 },
      stopReason: 'eos',
      tokens: 2,
      ...patch,
    });
    expectError(await call('text.save', save({ text: '' })), 'invalid-input', 'text');
    expectError(await call('text.save', save({ stopReason: 'bored' })), 'invalid-input', 'stopReason');
    expectError(await call('text.save', save({ tokens: -1 })), 'invalid-input', 'tokens');
    expectError(await call('text.save', save({ model: 'nope' })), 'invalid-input', 'model');
    expectError(await call('text.save', save({ parentId: 'not-an-id' })), 'invalid-input', 'parentId');
  });

  it('rejects relative and empty import paths', async () => {
    expectError(await call('models.import', { path: '' }), 'invalid-input', 'path');
    expectError(await call('models.import', { path: 'models/text' }), 'invalid-input', 'path');
    expectError(await call('models.remove', { id: '../etc' }), 'invalid-input', 'id');
  });
});

describe('image.* validation', () => {
  let n = 0;
  const gen = (params: Record<string, unknown>) => ({
    jobId: `contract-image-${++n}`,
    params: { prompt: 'a cat', seed: 1, ...params },
  });

  it('rejects steps of 0, 1.5 and 10^6', async () => {
    for (const steps of [0, 1.5, 1e6])
      expectError(await call('image.generate', gen({ steps })), 'invalid-input', 'params.steps');
  });

  it('rejects sizes that are not multiples of 8, too small or too large', async () => {
    for (const width of [100, 257, 16, 4096, 64.5])
      expectError(await call('image.generate', gen({ width })), 'invalid-input', 'params.width');
    expectError(await call('image.generate', gen({ height: 63 })), 'invalid-input', 'params.height');
  });

  it('rejects a batch of 10^4, 0 or 2.5', async () => {
    for (const batch of [1e4, 0, 2.5])
      expectError(await call('image.generate', gen({ batch })), 'invalid-input', 'params.batch');
  });

  it('rejects NaN, negative and huge guidance, and bad strength, sampler and seeds', async () => {
    for (const guidance of [NaN, -1, 31, Infinity])
      expectError(await call('image.generate', gen({ guidance })), 'invalid-input', 'params.guidance');
    for (const strength of [0, 1.5, NaN])
      expectError(await call('image.generate', gen({ strength })), 'invalid-input', 'params.strength');
    expectError(await call('image.generate', gen({ sampler: 'plms' })), 'invalid-input', 'params.sampler');
    expectError(await call('image.generate', gen({ seed: -1 })), 'invalid-input', 'params.seed');
  });

  it('rejects bad init images and prompts that are too long', async () => {
    expectError(
      await call('image.generate', gen({ init: { bytes: new Uint8Array(0) } })),
      'invalid-input',
      'params.init.bytes',
    );
    expectError(await call('image.generate', gen({ init: { generationId: 'nope' } })), 'invalid-input');
    expectError(
      await call('image.generate', gen({ prompt: 'x'.repeat(1001) })),
      'invalid-input',
      'params.prompt',
    );
    expectError(await call('image.generate', gen({ extra: 1 })), 'invalid-input');
  });

  it('rejects a model of another task', async () => {
    expectError(await call('image.generate', gen({ model: 'text' })), 'invalid-input', 'params.model');
  });
});
