/**
 * The Melody Sketcher: the melody VAE (generate, variations, interpolate, latent sliders), the
 * autoregressive model (continue), clips in the library, MIDI in and out.
 */
import { z } from 'zod';
import { melodyFileName } from '../names';
import { boundedFreeForm, FileOutput, GenerationId, method, ModelId, Seed } from './common';
import { defineKind, storedParams } from './generation';
import { LatentPathMode, LatentVector } from './latent';

export const MELODY_MAX_NOTES = 10_000;
/** Longest clip: 1,024 bars of 4/4. */
export const MELODY_MAX_BEATS = 4096;
export const MELODY_MAX_BARS = 64;
export const MELODY_MAX_MIDI_BYTES = 4 * 1024 * 1024;
/** The settings a saved clip records (as JSON text). */
const MELODY_MAX_PARAMS_CHARS = 64 * 1024;

/** One note. Times are in beats (quarter notes) from the clip's start. */
export const Note = z
  .object({
    pitch: z
      .number()
      .int('must be a whole MIDI pitch')
      .min(0, 'must be a MIDI pitch from 0 to 127')
      .max(127, 'must be a MIDI pitch from 0 to 127'),
    start: z
      .number('must be a finite number of beats')
      .min(0, 'must not be negative')
      .max(MELODY_MAX_BEATS, `must be at most ${MELODY_MAX_BEATS} beats`),
    duration: z
      .number('must be a finite number of beats')
      .positive('must be longer than 0 beats')
      .max(MELODY_MAX_BEATS, `must be at most ${MELODY_MAX_BEATS} beats`),
    velocity: z.number().int().min(1, 'must be 1–127').max(127, 'must be 1–127').default(96),
  })
  .strict();
export type Note = z.output<typeof Note>;

export const NoteList = z
  .array(Note)
  .max(MELODY_MAX_NOTES, `must hold at most ${MELODY_MAX_NOTES.toLocaleString('en')} notes`);

export const NonEmptyNoteList = NoteList.min(1, 'must hold at least one note');

export const Bpm = z.number().min(20, 'must be at least 20 bpm').max(300, 'must be at most 300 bpm');
export const MusicKey = z.enum(['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B']);
export const MusicScale = z.enum([
  'chromatic',
  'major',
  'minor',
  'dorian',
  'mixolydian',
  'harmonic-minor',
  'major-pentatonic',
  'minor-pentatonic',
  'blues',
]);

/** A time signature: [beats in a bar, the note value of a beat], e.g. [6, 8]. */
export const TimeSignature = z.tuple([
  z.number().int().min(1, 'must be 1–32 beats a bar').max(32, 'must be 1–32 beats a bar'),
  z
    .number()
    .int()
    .refine((v) => [1, 2, 4, 8, 16, 32].includes(v), 'must be a note value: 1, 2, 4, 8, 16 or 32'),
]);

/**
 * The meters the melody models were trained in ("2/2" is drawn as 4/4's whole-note bars). Clips may
 * carry any time signature (a MIDI file's), but the models write only these.
 */
export const MELODY_METERS = ['4/4', '2/2', '2/4', '3/4', '6/8', '9/8'] as const;
export const MelodyMeter = z.enum(MELODY_METERS, {
  message: `must be a meter the melody models know: ${MELODY_METERS.join(', ')}`,
});
export type MelodyMeter = z.infer<typeof MelodyMeter>;

/** How Generate lays out the melody LSTM's parts (see `form` on MelodyGenerateInput). */
export const MelodyPhraseForm = z.enum(['repeat', 'through']);
export type MelodyPhraseForm = z.infer<typeof MelodyPhraseForm>;

/**
 * How the models' tokens are drawn, in TypeScript in the inference process: the same seed and
 * settings give the same notes. Temperature 0 always takes the most likely token. The scale lock
 * masks every note outside `key` + `scale` ("chromatic" = no lock).
 */
export const MelodySampling = {
  seed: Seed,
  temperature: z.number().min(0).max(2, 'must be at most 2').default(1),
  key: MusicKey.default('C'),
  scale: MusicScale.default('chromatic'),
};

/** A melody VAE latent: one vector per segment of the model's length (e.g. 4 bars). */
export const MelodyLatents = z
  .array(LatentVector)
  .min(1, 'must hold at least one segment')
  .max(MELODY_MAX_BARS, `must hold at most ${MELODY_MAX_BARS} segments`);

export const MelodyGenerateInput = z
  .object({
    /** The melody LSTM writes every meter in one pass; the melody VAE chains 4/4 segments. */
    model: ModelId.default('melody-rnn'),
    meter: MelodyMeter.default('4/4'),
    /**
     * The melody LSTM's form: "repeat" plays each 8-bar part (4 under 16 bars) twice, the second
     * time with a new last bar (A A′ B B′, the folk tunes' form); "through" draws every bar anew.
     */
    form: MelodyPhraseForm.default('repeat'),
    bars: z
      .number()
      .int()
      .min(1, 'must be at least 1 bar')
      .max(MELODY_MAX_BARS, `must be at most ${MELODY_MAX_BARS} bars`),
    /** How many melodies (each its own seed stream: take k is the same whatever the count). */
    count: z.number().int().min(1).max(8).default(1),
    /**
     * How alike successive segments are: each segment's latent is `coherence` × the previous
     * one's plus fresh noise (0 = independent phrases, 1 = the same phrase repeated).
     */
    coherence: z.number().min(0).max(1).default(0.6),
    ...MelodySampling,
  })
  .strict();

export const MelodyVariationsInput = z
  .object({
    model: ModelId.default('melody-vae'),
    notes: NonEmptyNoteList,
    count: z.number().int().min(1).max(8).default(4),
    /** How far from the clip's latent, in prior standard deviations. */
    amount: z.number().min(0).max(3).default(0.5),
    ...MelodySampling,
  })
  .strict();

export const MelodyInterpolateInput = z
  .object({
    model: ModelId.default('melody-vae'),
    from: NonEmptyNoteList,
    to: NonEmptyNoteList,
    /** Melodies along the path, both ends included (step 1 ≈ from, step K ≈ to). */
    steps: z.number().int().min(2, 'must be at least 2').max(16, 'must be at most 16'),
    mode: LatentPathMode.default('slerp'),
    ...MelodySampling,
    seed: Seed.default(0),
    temperature: MelodySampling.temperature.default(0),
  })
  .strict();

export const MelodyContinueInput = z
  .object({
    model: ModelId.default('melody-rnn'),
    /** The clip's meter: bar lines fall every bar of it from the clip's start. */
    meter: MelodyMeter.default('4/4'),
    /** The notes to continue (the selection); the continuation starts where the last one ends. */
    notes: NonEmptyNoteList,
    bars: z.number().int().min(1, 'must be at least 1 bar').max(32, 'must be at most 32 bars'),
    count: z.number().int().min(1).max(8).default(1),
    ...MelodySampling,
  })
  .strict();

export const MelodyEncodeInput = z
  .object({ model: ModelId.default('melody-vae'), notes: NonEmptyNoteList })
  .strict();

export const MelodyDecodeInput = z
  .object({
    model: ModelId.default('melody-vae'),
    latents: MelodyLatents,
    /** Cut to this many bars (default: every segment in full). */
    bars: z.number().int().min(1).max(MELODY_MAX_BARS).optional(),
    ...MelodySampling,
    seed: Seed.default(0),
    temperature: MelodySampling.temperature.default(0),
  })
  .strict();

/** One model answer: notes plus what reproduces them. */
export const MelodyTake = z.object({
  notes: z.array(Note),
  /** Length in bars. */
  bars: z.number(),
  /** The melody VAE latents the notes were decoded from (absent for the autoregressive model). */
  latents: z.array(z.array(z.number())).optional(),
  seed: z.number(),
});
export type MelodyTake = z.infer<typeof MelodyTake>;

export const MelodyTakes = z.object({
  takes: z.array(MelodyTake),
  model: z.string(),
  modelSha256: z.string(),
  provider: z.string(),
  durationMs: z.number(),
});
export type MelodyTakes = z.infer<typeof MelodyTakes>;

/** How a clip came to be: recorded with it in the library. */
export const MelodyOrigin = z.enum(['generate', 'variation', 'interpolate', 'continue', 'import', 'edit']);

export const MelodyClip = z
  .object({
    notes: NoteList,
    bpm: Bpm.default(120),
    name: z.string().max(120, 'must be at most 120 characters').default(''),
    /** The clip's key and scale (its scale lock; "chromatic" = none). MIDI files carry it as their key signature. */
    key: MusicKey.optional(),
    scale: MusicScale.optional(),
    /** 4/4 when left out. */
    timeSignature: TimeSignature.optional(),
  })
  .strict();
export type MelodyClip = z.output<typeof MelodyClip>;

export const MelodySaveInput = z
  .object({
    clip: MelodyClip,
    origin: MelodyOrigin.default('edit'),
    /** The model and its settings, when a model made the notes. */
    model: ModelId.optional(),
    seed: Seed.default(0),
    params: boundedFreeForm(z.record(z.string(), z.unknown()), MELODY_MAX_PARAMS_CHARS).default({}),
    latents: z.array(LatentVector).max(MELODY_MAX_BARS).optional(),
    /** Where and how long the model ran (from its answer), when a model made the notes. */
    provider: z.string().max(32).optional(),
    durationMs: z.number().min(0).max(3_600_000).optional(),
    parentId: GenerationId.nullable().default(null),
  })
  .strict();

export const MidiTrackInfo = z.object({
  index: z.number(),
  name: z.string(),
  instrument: z.string(),
  channel: z.number(),
  notes: z.array(Note),
});

export const MelodyImportInput = z
  .object({
    bytes: z
      // An empty file is refused by the import itself, in a sentence that names the file.
      .instanceof(Uint8Array, { message: 'must be the bytes of a MIDI file' })
      .refine(
        (b) => b.byteLength <= MELODY_MAX_MIDI_BYTES,
        `must be at most ${MELODY_MAX_MIDI_BYTES >> 20} MiB`,
      ),
    fileName: z.string().max(260).default(''),
  })
  .strict();

export const MelodyImportOutput = z.object({
  name: z.string(),
  bpm: z.number(),
  /** The file's first key signature, when it has one. */
  key: MusicKey.optional(),
  scale: z.enum(['major', 'minor']).optional(),
  /** The file's first time signature, when it has one. */
  timeSignature: TimeSignature.optional(),
  /** Tracks that hold notes (pick one); times converted to beats of this file's tempo. */
  tracks: z.array(MidiTrackInfo),
});

export const MelodyExportInput = z
  .object({ clip: MelodyClip, format: z.literal('midi').default('midi') })
  .strict();

/** A melody record: the clip's notes, tempo and name, how it came to be, the model's settings. */
export const melodyKind = defineKind(
  'melody',
  storedParams({
    origin: MelodyOrigin,
    name: z.string(),
    notes: z.array(Note),
    bpm: z.number(),
    bars: z.number(),
    latents: z.array(z.array(z.number())),
    modelVersion: z.string(),
    /** The clip's key and scale lock, and its time signature (read back leniently: see the renderer's clips.ts). */
    key: z.string(),
    scale: z.string(),
    timeSignature: z.array(z.number()),
  }),
  {
    exportRole: 'midi',
    extension: 'mid',
    fileName: (g) => melodyFileName(g.params.name || g.id.slice(0, 8), 'mid'),
  },
);
export const MelodyGeneration = melodyKind.record;
export type MelodyGeneration = z.output<typeof MelodyGeneration>;

export const melody = {
  /** New melodies from the melody VAE's prior, `bars` long (segments chained). */
  generate: method(MelodyGenerateInput, MelodyTakes),
  /** Melodies near a clip: its latent plus noise, decoded. */
  variations: method(MelodyVariationsInput, MelodyTakes),
  /** Melodies along the latent path between two clips. */
  interpolate: method(MelodyInterpolateInput, MelodyTakes),
  /** The autoregressive model extends the notes by `bars`. */
  continue: method(MelodyContinueInput, MelodyTakes),
  /** A clip's melody VAE latents (one per segment): for the latent sliders. */
  encode: method(MelodyEncodeInput, z.object({ latents: z.array(z.array(z.number())), bars: z.number() })),
  /** Latents back to notes (interactive: slider moves replace each other, latest wins). */
  decode: method(MelodyDecodeInput, MelodyTake),
  /**
   * Save a clip to the library (notes, tempo, key, meter, model, seed, parameters, the clip it came
   * from). A clip saved without a name is named after how it was made ("Generate · seed 21 ·
   * 8 bars"); a name another clip has gets a number ("Reel (2)").
   */
  save: method(MelodySaveInput, MelodyGeneration),
  /** Rename a saved clip in place (same record; its title, name and MIDI file follow). */
  rename: method(
    z
      .object({
        id: GenerationId,
        name: z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters'),
      })
      .strict(),
    MelodyGeneration,
  ),
  /** Read a .mid file: its tracks with notes, so the user can pick one. */
  importMidi: method(MelodyImportInput, MelodyImportOutput),
  /** A clip as a standard single-track MIDI file. */
  exportMidi: method(MelodyExportInput, FileOutput),
  /** Electron: drag the clip out of the window as a .mid file (browsers use a DownloadURL drag). */
  startDrag: method(z.object({ clip: MelodyClip }).strict(), z.object({ started: z.boolean() })),
};

/** What the model list shows of a melody model. */
export const MelodyModelInfo = z.object({
  /** Lowest and highest pitch the model writes (imported notes outside are folded by octaves). */
  pitchMin: z.number(),
  pitchMax: z.number(),
  /** Melody VAE: segment length in bars, latent size, principal directions (for the sliders). */
  bars: z.number().optional(),
  dim: z.number().optional(),
  pca: z
    .object({
      mean: z.array(z.number()),
      directions: z.array(z.array(z.number())),
      variance: z.array(z.number()),
    })
    .optional(),
});
