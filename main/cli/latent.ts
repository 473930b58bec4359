import type { ModelStatus } from '../../preload/contract';
import type { Atelier } from '../services/atelier';
import { flags, intFlag, num, readInput } from './args';
import { UsageError } from './errors';
import { checkOutFile, numbered, writeImage } from './output';
import { withAtelier } from './session';

export const name = 'latent';

export const usage = [
  'latent sample --model ID --seed N --out FILE.png [--count K] [--temperature T] [--text "Hello"] [--scale S]',
  "[--prior normal|flow]   (flow: the model's flow prior, for models that have one, e.g. glyphs)",
  'latent encode --model ID --in IMAGE --out RECON.png [--char A] [--scale S]   (prints the posterior mean as JSON;',
  '--char is required for models that draw characters, such as glyphs)',
  'latent encode --model glyphs --in a.png --char a [--in g.png --char g …] --text "Hamburgefonts" --out SHEET.png',
  '(several glyphs of one font: their posteriors multiplied; draws the text in that style and prints',
  '{"mean", "std", "chars"} as JSON)',
];

/** The alphabet sheet a glyph model's sample shows by default. */
export const ALPHABET_SHEET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ\nabcdefghijklmnopqrstuvwxyz';

type Values = ReturnType<typeof parse>;

function parse(args: string[]) {
  return flags(args, {
    model: { type: 'string' },
    seed: { type: 'string' },
    count: { type: 'string', default: '1' },
    temperature: { type: 'string', default: '1' },
    prior: { type: 'string', default: 'normal' },
    text: { type: 'string' },
    scale: { type: 'string' },
    in: { type: 'string', multiple: true },
    char: { type: 'string', multiple: true },
    out: { type: 'string' },
    'data-dir': { type: 'string' },
  });
}

type LatentModel = ModelStatus & { latent: NonNullable<ModelStatus['latent']> };

function latentModel(atelier: Atelier, id: string): LatentModel {
  const all = atelier.registry.status();
  const m = all.find((x) => x.id === id);
  const latent = all.filter((x) => x.latent).map((x) => x.id);
  if (!m) throw new UsageError(`unknown model "${id}" (latent models: ${latent.join(', ') || 'none'})`);
  if (!m.ok) throw new Error(`model "${id}" cannot be used: ${m.error}`);
  if (!m.latent)
    throw new UsageError(`model "${id}" is not a latent model (latent models: ${latent.join(', ')})`);
  return { ...m, latent: m.latent };
}

export async function run(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== 'sample' && sub !== 'encode')
    throw new UsageError(`latent needs a subcommand: sample or encode${sub ? ` (got "${sub}")` : ''}`);
  const values = parse(rest);
  if (!values.model) throw new UsageError('--model ID is required (e.g. glyphs, texture-vae)');
  if (!values.out) throw new UsageError('--out FILE.png is required');
  const scale = intFlag('scale', values.scale, 1, 8);
  const target = { model: values.model, out: checkOutFile(values.out, 'png'), scale };
  await (sub === 'sample' ? sample(values, target) : encode(values, target));
}

interface Target {
  model: string;
  out: string;
  scale: number | undefined;
}

async function sample(values: Values, { model, out, scale }: Target): Promise<void> {
  const seed = values.seed;
  if (seed === undefined) throw new UsageError('--seed N is required');
  const count = intFlag('count', values.count, 1, 64);
  const prior = values.prior;
  if (prior !== 'normal' && prior !== 'flow')
    throw new UsageError(`--prior must be normal or flow (got "${prior}")`);
  await withAtelier(values['data-dir'], async ({ atelier, call }) => {
    const m = latentModel(atelier, model);
    const { points } = await call('latent.sample', {
      model: m.id,
      seed: num('seed', seed),
      count,
      temperature: num('temperature', values.temperature),
      prior,
    });
    const view = m.latent.charset
      ? { kind: 'text' as const, text: values.text ?? ALPHABET_SHEET }
      : { kind: 'image' as const };
    if (!m.latent.charset && values.text)
      throw new UsageError(`model "${m.id}" draws images, not text: drop --text`);
    const { images } = await call('latent.decode', { model: m.id, points, view, lane: 'sheet' });
    const files = images.map((img, k) => {
      const path = count === 1 ? out : numbered(out, k, 'png');
      // Glyph sheets are small text; image models are tiny tiles: enlarge so both are visible.
      writeImage(path, img, scale ?? (view.kind === 'text' ? 2 : 4));
      return path;
    });
    console.log(
      files.length === 1 ? `Wrote ${files[0]}` : `Wrote ${files.length} files: ${files.join(', ')}`,
    );
  });
}

async function encode(values: Values, target: Target): Promise<void> {
  const ins = values.in ?? [];
  const chars = values.char ?? [];
  if (ins.length === 0) throw new UsageError('--in IMAGE (a PNG or JPEG file) is required');
  if (ins.length > 1 || values.text !== undefined) return encodeGlyphs(values, target, ins, chars);
  if (chars.length > 1)
    throw new UsageError(`one --in with ${chars.length} --char: give one --char per --in`);
  const bytes = readInput(ins[0]!);
  const { model, out, scale } = target;
  await withAtelier(values['data-dir'], async ({ atelier, call }) => {
    const m = latentModel(atelier, model);
    // A character-conditioned model encodes "which letter" apart from "what style": guessing the
    // letter would give a wrong point without a word.
    if (m.latent.charset && chars.length === 0)
      throw new UsageError(
        `--char is required: model "${m.id}" draws characters, say which one the image shows (e.g. --char A)`,
      );
    const r = await call('latent.encode', {
      model: m.id,
      image: bytes,
      ...(chars[0] !== undefined ? { char: chars[0] } : {}),
      samples: 0,
    });
    writeImage(out, r.reconstruction, scale ?? 4);
    // stdout carries only the JSON, so it can be piped.
    console.error(`Wrote ${out}`);
    console.log(JSON.stringify(r.mean.map((v) => Number(v.toFixed(6)))));
  });
}

/**
 * Several glyphs of one font (--in / --char in pairs, in order): the style their posteriors give
 * together, the text drawn in it (the alphabet when --text is left out), the posterior as JSON.
 */
async function encodeGlyphs(values: Values, { model, out, scale }: Target, ins: string[], chars: string[]) {
  if (chars.length !== ins.length)
    throw new UsageError(
      `give one --char per --in, in the same order (${ins.length} --in, ${chars.length} --char)`,
    );
  const glyphs = ins.map((path, i) => ({ image: readInput(path), char: chars[i]! }));
  await withAtelier(values['data-dir'], async ({ atelier, call }) => {
    const m = latentModel(atelier, model);
    if (!m.latent.charset)
      throw new UsageError(`model "${m.id}" draws images, not characters: give one --in and no --text`);
    const r = await call('latent.encodeGlyphs', { model: m.id, glyphs }).catch(
      (e: Error & { field?: string }) => {
        // "glyphs.2.image" → the file the user named.
        const i = Number(/^glyphs\.(\d+)\./.exec(e.field ?? '')?.[1]);
        throw Number.isInteger(i) ? new UsageError(`--in ${ins[i]}: ${e.message}`) : e;
      },
    );
    const text = values.text ?? ALPHABET_SHEET;
    const view = { kind: 'text' as const, text };
    const { images } = await call('latent.decode', {
      model: m.id,
      points: [r.combined.mean],
      view,
      lane: 'sheet',
    });
    writeImage(out, images[0]!, scale ?? 2);
    console.error(
      `Wrote ${out} (${glyphs.length} glyph${glyphs.length === 1 ? '' : 's'}: ${chars.join('')})`,
    );
    const round = (v: number[]) => v.map((x) => Number(x.toFixed(6)));
    console.log(
      JSON.stringify({ mean: round(r.combined.mean), std: round(r.combined.std), chars: chars.join('') }),
    );
  });
}
