/**
 * The `atelier` command line: the same services and the same contract validation as the app,
 * without Electron. Bad flags get one line on stderr and exit code 2; failures exit 1.
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type {
  Generation,
  ImageOutput,
  MelodyTakes,
  ModelStatus,
  Note,
  PixelImage,
  TextResult,
} from '../preload/contract';
import { TEXT_PRESET_IDS, TEXT_PRESETS, type TextPresetId } from '../preload/text';
import { writeMidi } from './services/melody/midi';
import { encodePng } from './inference/image';
import { enlarge, toRgba } from './inference/pixels';
import { spawnForkWorker } from './inference/fork-transport';
import { createAtelier, type Atelier } from './services/atelier';
import { resolveDataDir } from './services/paths';

export class UsageError extends Error {}

const USAGE = `usage:
  atelier texture --seed N --size PX --out FILE.png [--style ID] [--blend ID:AMOUNT] [--scale 1|2|4] [--data-dir DIR]
  atelier latent sample --model ID --seed N --out FILE.png [--count K] [--temperature T] [--text "Hello"] [--scale S]
  atelier latent encode --model ID --in IMAGE --out RECON.png [--char A] [--scale S]   (prints the posterior mean as JSON)
  atelier melody generate --bars N --seed N --out FILE.mid [--count K] [--temperature T] [--key C --scale major] [--bpm B]
  atelier melody continue --in FILE.mid --bars N --out FILE.mid [--track I] [--seed N] [--temperature T] [--key C --scale major]
  atelier melody interpolate --from A.mid --to B.mid --steps K --out DIR [--seed N] [--temperature T]   (writes DIR/step-1.mid …)
  atelier text --prompt "..." [--seed N] [--max-tokens N] [--temperature T] [--top-k K] [--top-p P]
               [--repetition-penalty R] [--stop S]... [--preset poem|aphorism|story|draft] [--model ID] [--prompt-file F]
               (streams the continuation to stdout; Ctrl+C stops it)
  atelier image --prompt "..." --seed N --out FILE.png [--negative "..."] [--steps N] [--guidance G] [--sampler ddim|euler]
                [--size PX | --width PX --height PX] [--batch K] [--model ID] [--init FILE.png --strength S]
                (K > 1 writes FILE-1.png … FILE-K.png)
  atelier models [--data-dir DIR]
  atelier models import FOLDER [--link]     (a Hugging Face Optimum decoder export: model.onnx, config.json, tokenizer.json)
  atelier models remove ID
  atelier library [--limit N] [--data-dir DIR]`;

function num(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^-?\d+(\.\d+)?$/.test(v.trim())) throw new UsageError(`--${flag} must be a number, got "${v}"`);
  return Number(v);
}

async function withAtelier<T>(dataDir: string | undefined, fn: (a: Atelier) => Promise<T>): Promise<T> {
  const atelier = await createAtelier({
    dataDir: resolveDataDir(dataDir),
    host: 'cli',
    spawnWorker: spawnForkWorker,
  });
  try {
    return await fn(atelier);
  } finally {
    await atelier.close();
  }
}

async function call<T>(atelier: Atelier, method: string, input: unknown): Promise<T> {
  const r = await atelier.router.call(method, input);
  if (!r.ok)
    throw r.error.code === 'invalid-input' ? new UsageError(r.error.message) : new Error(r.error.message);
  return r.value as T;
}

async function texture(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      seed: { type: 'string' },
      size: { type: 'string', default: '512' },
      out: { type: 'string' },
      style: { type: 'string' },
      blend: { type: 'string' },
      scale: { type: 'string', default: '1' },
      model: { type: 'string', default: 'texture' },
      'data-dir': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (!values.out) throw new UsageError('--out FILE.png is required');
  if (values.seed === undefined) throw new UsageError('--seed N is required');
  let blend: { style: string; amount: number } | undefined;
  if (values.blend) {
    const m = /^([^:]+):(\d*\.?\d+)$/.exec(values.blend);
    if (!m)
      throw new UsageError(`--blend must look like STYLE:AMOUNT (e.g. marble:0.3), got "${values.blend}"`);
    blend = { style: m[1]!, amount: Number(m[2]) };
  }
  const out = resolve(values.out);
  await withAtelier(values['data-dir'], async (atelier) => {
    const model = atelier.registry.status().find((m) => m.id === values.model);
    const style = values.style ?? model?.texture?.styles[0]?.id ?? '';
    const jobId = randomUUID();
    const showProgress = process.stderr.isTTY;
    const off = atelier.events.on('job.progress', (p) => {
      if (showProgress && p.jobId === jobId)
        process.stderr.write(`\r${p.message} ${Math.round(p.fraction * 100)}%   `);
    });
    try {
      const gen = await call<Generation>(atelier, 'texture.generate', {
        jobId,
        params: {
          model: values.model,
          seed: num('seed', values.seed),
          size: num('size', values.size),
          style,
          scale: num('scale', values.scale),
          ...(blend ? { blend } : {}),
        },
      });
      if (showProgress) process.stderr.write('\r\x1b[K');
      copyFileSync(atelier.library.assetPath(gen.id, 'image'), out);
      console.log(
        `Wrote ${out} (${gen.width}×${gen.height}, ${gen.title}; ${Math.round(gen.durationMs)} ms on ${gen.provider}; library id ${gen.id})`,
      );
    } finally {
      off();
    }
  });
}

/** The alphabet sheet a glyph model's sample shows by default. */
export const ALPHABET_SHEET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ\nabcdefghijklmnopqrstuvwxyz';

function latentModel(atelier: Atelier, id: string): ModelStatus {
  const all = atelier.registry.status();
  const m = all.find((x) => x.id === id);
  const latent = all.filter((x) => x.latent).map((x) => x.id);
  if (!m) throw new UsageError(`unknown model "${id}" (latent models: ${latent.join(', ') || 'none'})`);
  if (!m.ok) throw new Error(`model "${id}" cannot be used: ${m.error}`);
  if (!m.latent)
    throw new UsageError(`model "${id}" is not a latent model (latent models: ${latent.join(', ')})`);
  return m;
}

function writeImage(path: string, img: PixelImage, scale: number): void {
  writeFileSync(path, encodePng(toRgba(enlarge(img, scale))));
}

function intFlag(flag: string, v: string | undefined, min: number, max: number): number | undefined {
  const n = num(flag, v);
  if (n !== undefined && (!Number.isInteger(n) || n < min || n > max))
    throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}, got "${v}"`);
  return n;
}

async function latent(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== 'sample' && sub !== 'encode')
    throw new UsageError(`latent needs a subcommand: sample or encode${sub ? ` (got "${sub}")` : ''}`);
  const { values } = parseArgs({
    args: rest,
    options: {
      model: { type: 'string' },
      seed: { type: 'string' },
      count: { type: 'string', default: '1' },
      temperature: { type: 'string', default: '1' },
      text: { type: 'string' },
      scale: { type: 'string' },
      in: { type: 'string' },
      char: { type: 'string' },
      out: { type: 'string' },
      'data-dir': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (!values.model) throw new UsageError('--model ID is required (e.g. glyphs, texture-vae)');
  if (!values.out) throw new UsageError('--out FILE.png is required');
  const scale = intFlag('scale', values.scale, 1, 8);
  const out = resolve(values.out);
  if (sub === 'sample') {
    if (values.seed === undefined) throw new UsageError('--seed N is required');
    const count = intFlag('count', values.count, 1, 64)!;
    await withAtelier(values['data-dir'], async (atelier) => {
      const m = latentModel(atelier, values.model!);
      const { points } = await call<{ points: number[][] }>(atelier, 'latent.sample', {
        model: m.id,
        seed: num('seed', values.seed),
        count,
        temperature: num('temperature', values.temperature),
      });
      const view = m.latent!.charset
        ? { kind: 'text', text: values.text ?? ALPHABET_SHEET }
        : { kind: 'image' };
      if (!m.latent!.charset && values.text)
        throw new UsageError(`model "${m.id}" draws images, not text: drop --text`);
      const { images } = await call<{ images: PixelImage[] }>(atelier, 'latent.decode', {
        model: m.id,
        points,
        view,
        lane: 'sheet',
      });
      const files = images.map((img, k) => {
        const path = count === 1 ? out : out.replace(/(\.png)?$/i, `-${k + 1}.png`);
        writeImage(path, img, scale ?? (view.kind === 'text' ? 2 : 4));
        return path;
      });
      console.log(
        files.length === 1 ? `Wrote ${files[0]}` : `Wrote ${files.length} files: ${files.join(', ')}`,
      );
    });
    return;
  }
  if (!values.in) throw new UsageError('--in IMAGE (a PNG or JPEG file) is required');
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(resolve(values.in));
  } catch (e) {
    throw new UsageError(
      `cannot read ${values.in}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  await withAtelier(values['data-dir'], async (atelier) => {
    const m = latentModel(atelier, values.model!);
    const r = await call<{ mean: number[]; reconstruction: PixelImage }>(atelier, 'latent.encode', {
      model: m.id,
      image: bytes,
      ...(values.char !== undefined ? { char: values.char } : m.latent!.charset ? { char: 'A' } : {}),
      samples: 0,
    });
    writeImage(out, r.reconstruction, scale ?? 4);
    console.error(`Wrote ${out}`);
    console.log(JSON.stringify(r.mean.map((v) => Number(v.toFixed(6)))));
  });
}

function readInput(path: string, flag: string): Uint8Array {
  try {
    return readFileSync(resolve(path));
  } catch (e) {
    throw new UsageError(
      `cannot read --${flag} ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
}

/** The notes of one track of a MIDI file (the first that holds notes, or --track I). */
async function midiNotes(
  atelier: Atelier,
  path: string,
  flag: string,
  track: number | undefined,
): Promise<{ notes: Note[]; bpm: number; name: string }> {
  const bytes = readInput(path, flag);
  const file = await call<{ name: string; bpm: number; tracks: { index: number; notes: Note[] }[] }>(
    atelier,
    'melody.importMidi',
    { bytes, fileName: path.split(/[\\/]/).pop() ?? '' },
  ).catch((e: Error) => {
    throw new UsageError(`--${flag} ${path}: ${e.message}`);
  });
  const t = track === undefined ? file.tracks[0] : file.tracks.find((x) => x.index === track);
  if (!t)
    throw new UsageError(
      `--track ${track}: ${path} has notes on track${file.tracks.length > 1 ? 's' : ''} ${file.tracks.map((x) => x.index).join(', ')}`,
    );
  return { notes: t.notes, bpm: file.bpm, name: file.name };
}

function writeClip(path: string, notes: Note[], bpm: number, name: string): void {
  writeFileSync(path, writeMidi({ notes, bpm, name }));
}

async function melody(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== 'generate' && sub !== 'continue' && sub !== 'interpolate')
    throw new UsageError(
      `melody needs a subcommand: generate, continue or interpolate${sub ? ` (got "${sub}")` : ''}`,
    );
  const { values } = parseArgs({
    args: rest,
    options: {
      bars: { type: 'string' },
      seed: { type: 'string', default: '0' },
      count: { type: 'string', default: '1' },
      temperature: { type: 'string' },
      key: { type: 'string', default: 'C' },
      scale: { type: 'string', default: 'chromatic' },
      bpm: { type: 'string', default: '120' },
      in: { type: 'string' },
      track: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      steps: { type: 'string' },
      model: { type: 'string' },
      out: { type: 'string' },
      'data-dir': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (!values.out)
    throw new UsageError(sub === 'interpolate' ? '--out DIR is required' : '--out FILE.mid is required');
  const out = resolve(values.out);
  const sampling = {
    seed: num('seed', values.seed),
    key: values.key,
    scale: values.scale,
    ...(values.temperature !== undefined ? { temperature: num('temperature', values.temperature) } : {}),
    ...(values.model ? { model: values.model } : {}),
  };
  const track = intFlag('track', values.track, 0, 1000);
  await withAtelier(values['data-dir'], async (atelier) => {
    const save = (notes: Note[], bpm: number, name: string, r: MelodyTakes, origin: string, params: object) =>
      call<Generation>(atelier, 'melody.save', {
        clip: { notes, bpm, name },
        origin,
        model: r.model,
        seed: sampling.seed,
        params,
        ...(r.takes[0]?.latents ? { latents: r.takes[0].latents } : {}),
        provider: r.provider,
        durationMs: r.durationMs,
      });
    if (sub === 'generate') {
      if (values.bars === undefined) throw new UsageError('--bars N is required');
      const count = intFlag('count', values.count, 1, 8)!;
      const bpm = num('bpm', values.bpm)!;
      const input = { ...sampling, bars: num('bars', values.bars), count };
      const r = await call<MelodyTakes>(atelier, 'melody.generate', input);
      const files = r.takes.map((take, k) => {
        const path = count === 1 ? out : out.replace(/(\.midi?)?$/i, `-${k + 1}.mid`);
        writeClip(path, take.notes, bpm, `Atelier melody ${input.seed}${count > 1 ? `-${k + 1}` : ''}`);
        return path;
      });
      const gen = await save(r.takes[0]!.notes, bpm, '', r, 'generate', input);
      console.log(
        `Wrote ${files.join(', ')} (${r.takes.map((t) => t.notes.length).join(' / ')} notes, ${input.bars} bars; ${Math.round(r.durationMs)} ms on ${r.provider}; library id ${gen.id})`,
      );
      return;
    }
    if (sub === 'continue') {
      if (!values.in) throw new UsageError('--in FILE.mid is required');
      if (values.bars === undefined) throw new UsageError('--bars N is required');
      const src = await midiNotes(atelier, values.in, 'in', track);
      const input = { ...sampling, notes: src.notes, bars: num('bars', values.bars) };
      const r = await call<MelodyTakes>(atelier, 'melody.continue', input);
      const added = r.takes[0]!.notes;
      const all = [...src.notes, ...added];
      writeClip(out, all, src.bpm, src.name);
      const gen = await save(all, src.bpm, src.name, r, 'continue', { ...input, notes: undefined });
      console.log(
        `Wrote ${out} (${src.notes.length} notes + ${added.length} new over ${input.bars} bars; ${Math.round(r.durationMs)} ms on ${r.provider}; library id ${gen.id})`,
      );
      return;
    }
    if (!values.from || !values.to) throw new UsageError('--from A.mid and --to B.mid are required');
    if (values.steps === undefined) throw new UsageError('--steps K is required');
    const a = await midiNotes(atelier, values.from, 'from', track);
    const b = await midiNotes(atelier, values.to, 'to', track);
    const input = { ...sampling, from: a.notes, to: b.notes, steps: num('steps', values.steps) };
    const r = await call<MelodyTakes>(atelier, 'melody.interpolate', input);
    mkdirSync(out, { recursive: true });
    const files = r.takes.map((take, k) => {
      const path = join(out, `step-${k + 1}.mid`);
      writeClip(path, take.notes, a.bpm, `Interpolation step ${k + 1}`);
      return path;
    });
    console.log(
      `Wrote ${files.length} files to ${out} (step-1.mid … step-${files.length}.mid; ${Math.round(r.durationMs)} ms on ${r.provider})`,
    );
  });
}

async function image(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      prompt: { type: 'string' },
      negative: { type: 'string' },
      seed: { type: 'string' },
      steps: { type: 'string' },
      guidance: { type: 'string' },
      sampler: { type: 'string' },
      size: { type: 'string' },
      width: { type: 'string' },
      height: { type: 'string' },
      batch: { type: 'string', default: '1' },
      model: { type: 'string' },
      init: { type: 'string' },
      strength: { type: 'string' },
      out: { type: 'string' },
      'data-dir': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.prompt === undefined) throw new UsageError('--prompt "..." is required');
  if (values.seed === undefined) throw new UsageError('--seed N is required');
  if (!values.out) throw new UsageError('--out FILE.png is required');
  if (values.strength !== undefined && values.init === undefined)
    throw new UsageError('--strength needs --init FILE');
  const side = values.size !== undefined ? num('size', values.size) : undefined;
  const params = {
    prompt: values.prompt,
    seed: num('seed', values.seed),
    batch: num('batch', values.batch),
    ...(values.negative !== undefined ? { negative: values.negative } : {}),
    ...(values.steps !== undefined ? { steps: num('steps', values.steps) } : {}),
    ...(values.guidance !== undefined ? { guidance: num('guidance', values.guidance) } : {}),
    ...(values.sampler !== undefined ? { sampler: values.sampler } : {}),
    ...(side !== undefined ? { width: side, height: side } : {}),
    ...(values.width !== undefined ? { width: num('width', values.width) } : {}),
    ...(values.height !== undefined ? { height: num('height', values.height) } : {}),
    ...(values.model ? { model: values.model } : {}),
    ...(values.init !== undefined ? { init: { bytes: readInput(values.init, 'init') } } : {}),
    ...(values.strength !== undefined ? { strength: num('strength', values.strength) } : {}),
    previewEvery: 0,
  };
  const out = resolve(values.out);
  await withAtelier(values['data-dir'], async (atelier) => {
    const jobId = `cli-${randomUUID()}`;
    const stop = (): void => {
      atelier.jobs.cancel(jobId);
    };
    process.once('SIGINT', stop);
    try {
      const r = await call<ImageOutput>(atelier, 'image.generate', { jobId, params });
      const files = r.results.map((_, k) =>
        r.results.length === 1 ? out : out.replace(/(\.png)?$/i, `-${k + 1}.png`),
      );
      for (const [k, g] of r.results.entries()) {
        const { bytes } = await call<{ bytes: Uint8Array }>(atelier, 'library.asset', {
          id: g.id,
          role: 'image',
        });
        writeFileSync(files[k]!, bytes);
      }
      if (r.unknownWords.length)
        console.error(
          `atelier: the model does not know ${r.unknownWords.map((w) => `"${w}"`).join(', ')} (ignored)`,
        );
      const g = r.results[0]!;
      console.log(
        `Wrote ${files.length === 1 ? files[0] : `${files.length} files (${files[0]} …)`}: ${g.width}×${g.height}, ` +
          `seed ${r.results.map((x) => x.seed).join(', ')}, ${String(g.params.steps)} ${String(g.params.sampler)} steps, ` +
          `guidance ${String(g.params.guidance)}, ${Math.round(r.durationMs)} ms on ${g.provider}`,
      );
    } finally {
      process.off('SIGINT', stop);
    }
  });
}

/** Turns the two-character escapes people type for stop sequences ("\\n", "\\t") into the characters. */
function unescape(s: string): string {
  return s.replace(/\\(n|t|\\)/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : '\\'));
}

async function text(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      prompt: { type: 'string' },
      'prompt-file': { type: 'string' },
      seed: { type: 'string' },
      'max-tokens': { type: 'string' },
      temperature: { type: 'string' },
      'top-k': { type: 'string' },
      'top-p': { type: 'string' },
      'repetition-penalty': { type: 'string' },
      stop: { type: 'string', multiple: true },
      preset: { type: 'string' },
      model: { type: 'string', default: 'text' },
      'data-dir': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.prompt !== undefined && values['prompt-file'] !== undefined)
    throw new UsageError('give --prompt or --prompt-file, not both');
  const prompt =
    values['prompt-file'] !== undefined
      ? new TextDecoder().decode(readInput(values['prompt-file'], 'prompt-file'))
      : values.prompt;
  if (prompt === undefined) throw new UsageError('--prompt "..." is required');
  let preset: TextPresetId | undefined;
  if (values.preset !== undefined) {
    if (!(TEXT_PRESET_IDS as readonly string[]).includes(values.preset))
      throw new UsageError(`--preset must be one of ${TEXT_PRESET_IDS.join(', ')}, got "${values.preset}"`);
    preset = values.preset as TextPresetId;
  }
  const base = preset ? TEXT_PRESETS[preset].settings : undefined;
  const sampling = {
    ...base,
    seed: values.seed !== undefined ? num('seed', values.seed) : Math.floor(Math.random() * 0xffffffff),
    ...(values['max-tokens'] !== undefined ? { maxTokens: num('max-tokens', values['max-tokens']) } : {}),
    ...(values.temperature !== undefined ? { temperature: num('temperature', values.temperature) } : {}),
    ...(values['top-k'] !== undefined ? { topK: num('top-k', values['top-k']) } : {}),
    ...(values['top-p'] !== undefined ? { topP: num('top-p', values['top-p']) } : {}),
    ...(values['repetition-penalty'] !== undefined
      ? { repetitionPenalty: num('repetition-penalty', values['repetition-penalty']) }
      : {}),
    ...(values.stop ? { stop: values.stop.map(unescape) } : {}),
  };
  await withAtelier(values['data-dir'], async (atelier) => {
    const jobId = `cli-${randomUUID()}`;
    const off = atelier.events.on('text.stream', (s) => {
      if (s.jobId === jobId && s.delta) process.stdout.write(s.delta);
    });
    const stop = (): void => {
      atelier.jobs.cancel(jobId);
    };
    process.once('SIGINT', stop);
    try {
      const r = await call<TextResult>(atelier, 'text.generate', {
        jobId,
        model: values.model,
        prompt,
        sampling,
        ...(preset ? { preset } : {}),
      });
      process.stdout.write('\n');
      if (r.text)
        await call<Generation>(atelier, 'text.save', {
          model: r.model,
          prompt,
          text: r.text,
          sampling,
          ...(preset ? { preset } : {}),
          stopReason: r.stopReason,
          tokens: r.tokens,
          provider: r.provider,
          durationMs: r.durationMs,
        });
      console.error(
        `atelier: ${r.tokens} tokens (${r.stopReason}), first token ${Math.round(r.firstTokenMs)} ms, ` +
          `${r.tokensPerSecond.toFixed(1)} tokens/s on ${r.provider}, seed ${r.seed}, model ${r.model}` +
          (r.truncatedTokens ? `; the model read the last ${r.promptTokens} prompt tokens` : ''),
      );
    } finally {
      off();
      process.off('SIGINT', stop);
    }
  });
}

async function models(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'import' || sub === 'remove') {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { link: { type: 'boolean', default: false }, 'data-dir': { type: 'string' } },
      strict: true,
      allowPositionals: true,
    });
    const [target, ...extra] = positionals;
    if (!target || extra.length)
      throw new UsageError(
        sub === 'import' ? 'models import needs one FOLDER' : 'models remove needs one ID',
      );
    await withAtelier(values['data-dir'], async (atelier) => {
      if (sub === 'remove') {
        const r = await call<{ removed: boolean }>(atelier, 'models.remove', { id: target });
        if (!r.removed) throw new UsageError(`there is no model "${target}"`);
        console.log(`Removed ${target}.`);
        return;
      }
      const m = await call<ModelStatus>(atelier, 'models.import', {
        path: resolve(target),
        link: values.link,
      });
      if (m.image) {
        console.log(
          `Imported ${m.id} (a diffusion pipeline, ${m.image.kind} space, ${(m.sizeBytes / 1e6).toFixed(1)} MB). ` +
            `Use it with: atelier image --model ${m.id} --prompt "..." --seed 1 --out image.png`,
        );
        return;
      }
      console.log(
        `Imported ${m.id} (${m.text?.modelType ?? m.task}, ${m.text?.layers ?? '?'} layers, context ${m.text?.contextLength ?? '?'}, ` +
          `${(m.sizeBytes / 1e6).toFixed(1)} MB). Use it with: atelier text --model ${m.id} --prompt "..."`,
      );
    });
    return;
  }
  const { values } = parseArgs({ args, options: { 'data-dir': { type: 'string' } }, strict: true });
  await withAtelier(values['data-dir'], async (atelier) => {
    for (const m of atelier.registry.status()) {
      const what = m.ok
        ? `${m.family} ${m.task} ${(m.sizeBytes / 1e6).toFixed(1)} MB`
        : `UNAVAILABLE: ${m.error}`;
      console.log(`${m.id}\t${m.name} ${m.version}\t${what}${m.source === 'imported' ? ' (imported)' : ''}`);
      if (m.texture) console.log(`\tstyles: ${m.texture.styles.map((s) => s.id).join(', ')}`);
    }
  });
}

async function library(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { limit: { type: 'string', default: '20' }, 'data-dir': { type: 'string' } },
    strict: true,
  });
  await withAtelier(values['data-dir'], async (atelier) => {
    const list = await call<Generation[]>(atelier, 'library.list', { limit: num('limit', values.limit) });
    for (const g of list)
      console.log(`${g.id}\t${new Date(g.createdAt).toISOString()}\t${g.kind}\t${g.title}`);
    if (list.length === 0) console.log('The library is empty.');
  });
}

/** "--flag -1" → "--flag=-1": node's parseArgs takes a value starting with "-" for another flag. */
export function joinNegativeValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = argv[i + 1];
    if (/^--[a-z-]+$/.test(a) && next !== undefined && /^-\d/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = joinNegativeValues(argv);
  try {
    switch (command) {
      case 'texture':
        await texture(rest);
        return 0;
      case 'latent':
        await latent(rest);
        return 0;
      case 'melody':
        await melody(rest);
        return 0;
      case 'text':
        await text(rest);
        return 0;
      case 'image':
        await image(rest);
        return 0;
      case 'models':
        await models(rest);
        return 0;
      case 'library':
        await library(rest);
        return 0;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        console.log(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(
          `unknown command "${command}" (try: texture, latent, melody, text, image, models, library)`,
        );
    }
  } catch (e) {
    const usage = e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    // One line: some parse errors (node:util) span several.
    console.error(`atelier: ${((e as Error).message.split('\n')[0] ?? '').trim()}`);
    return usage ? 2 : 1;
  }
}

// Run when executed directly (built out/main/cli.js or `tsx main/cli.ts`).
const entry = process.argv[1] ?? '';
if (/[\\/]cli\.(ts|js)$/.test(entry)) {
  void runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
