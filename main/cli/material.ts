/**
 * `atelier material --in t.png --out DIR`: a texture's material maps for game engines, written
 * into DIR as `<name>_basecolor.png`, `_height.png`, `_normal_gl.png` (or `_normal_dx.png`),
 * `_roughness.png` and `_ao.png`, seamless like the texture. `--in` is a PNG or JPEG file, or
 * `--id` a library texture, image or latent sheet. The name is the input's unless `--name`.
 * One line per file on stdout; a bad flag or picture is one line on stderr and exit 2.
 */
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AtelierError } from '../../preload/contract';
import { flags, num, readInput } from './args';
import { UsageError } from './errors';
import { checkOutDir, writeBytes } from './output';
import { withAtelier } from './session';

export const name = 'material';

export const usage = [
  'material (--in FILE.png|jpg | --id GENERATION_ID) --out DIR [--normal gl|dx] [--bits 8|16] [--strength S] [--name NAME]',
  '(maps: basecolor, height, normal (OpenGL gl or DirectX dx), roughness, ao; S: normal strength 0–20, default 2)',
  '(more: --roughness MIN:MAX, --contrast C 0–4, --ao A 0–4, --blur PX 0–16)',
];

function choice<T extends string>(flag: string, v: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(v))
    throw new UsageError(`--${flag} must be ${allowed.join(' or ')}, got "${v.slice(0, 24)}"`);
  return v as T;
}

/** "0.3:0.9" → [0.3, 0.9]. */
export function parseRange(v: string): [number, number] {
  const m = /^(\d*\.?\d+):(\d*\.?\d+)$/.exec(v);
  if (!m) throw new UsageError(`--roughness must look like MIN:MAX (e.g. 0.3:0.9), got "${v.slice(0, 24)}"`);
  return [Number(m[1]), Number(m[2])];
}

export async function run(args: string[]): Promise<void> {
  const values = flags(args, {
    in: { type: 'string' },
    id: { type: 'string' },
    out: { type: 'string' },
    normal: { type: 'string', default: 'gl' },
    bits: { type: 'string', default: '8' },
    strength: { type: 'string' },
    roughness: { type: 'string' },
    contrast: { type: 'string' },
    ao: { type: 'string' },
    blur: { type: 'string' },
    name: { type: 'string' },
    'data-dir': { type: 'string' },
  });
  if (!values.out) throw new UsageError('--out DIR is required');
  if ((values.in === undefined) === (values.id === undefined))
    throw new UsageError(
      'give the picture as --in FILE.png (or .jpg) or a library record as --id GENERATION_ID',
    );
  const normal = choice('normal', values.normal, ['gl', 'dx'] as const);
  const bits = Number(choice('bits', values.bits, ['8', '16'] as const)) as 8 | 16;
  const range = values.roughness === undefined ? undefined : parseRange(values.roughness);
  const settings = {
    ...(values.strength !== undefined ? { normalStrength: num('strength', values.strength) } : {}),
    ...(range ? { roughnessMin: range[0], roughnessMax: range[1] } : {}),
    ...(values.contrast !== undefined ? { roughnessContrast: num('contrast', values.contrast) } : {}),
    ...(values.ao !== undefined ? { aoStrength: num('ao', values.ao) } : {}),
    ...(values.blur !== undefined ? { heightBlur: num('blur', values.blur) } : {}),
  };
  const image = values.in === undefined ? undefined : readInput(values.in, 'in');
  // Before anything runs: a file where the folder should be would waste the work.
  const out = checkOutDir(values.out);
  await withAtelier(values['data-dir'], async ({ call }) => {
    const source =
      image && values.in ? { image, fileName: basename(values.in) } : { generationId: values.id ?? '' };
    let r;
    try {
      r = await call('material.export', {
        source,
        settings,
        normal,
        bits,
        ...(values.name !== undefined ? { name: values.name } : {}),
      });
    } catch (e) {
      // Name the flag the user typed rather than the contract's field.
      if (e instanceof AtelierError && e.field === 'source.image')
        throw new UsageError(`--in ${values.in ?? ''}: ${e.message}`);
      if (e instanceof AtelierError && e.field === 'source.generationId')
        throw new AtelierError({ code: e.code, message: `--id: ${e.message}` });
      throw e;
    }
    mkdirSync(out, { recursive: true });
    for (const f of r.files) {
      const path = join(out, f.fileName);
      writeBytes(path, f.bytes);
      console.log(`Wrote ${path}`);
    }
  });
}
