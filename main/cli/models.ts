/** `atelier models`: list, import (a folder, `--variant` for one graph variant), remove, and the hub's search and download (./models-hub.ts). */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { flags } from './args';
import { UsageError } from './errors';
import { download, downloadUsage, search, searchUsage, variantArg } from './models-hub';
import { withAtelier, type Session } from './session';

export const name = 'models';

export const usage = [
  'models [--data-dir DIR]',
  'models import FOLDER [--link] [--variant V]     (a Hugging Face Optimum or onnx/ export, checked before it is copied; --link hard-links; --variant picks fp32, fp16, q4, …)',
  'text: a decoder, task text-generation-with-past (model.onnx, config.json, tokenizer.json)',
  'images: Stable Diffusion 1.x (text_encoder/, unet/, vae_decoder/, tokenizer/, scheduler/; vae_encoder/ for --init)',
  'models remove ID',
  searchUsage,
  downloadUsage,
];

export async function run(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'search') return search(rest);
  if (sub === 'download') return download(rest);
  if (sub !== 'import' && sub !== 'remove') return list(args);
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      link: { type: 'boolean', default: false },
      variant: { type: 'string' },
      'data-dir': { type: 'string' },
    },
    strict: true,
    allowPositionals: true,
  });
  const [target, ...extra] = positionals;
  if (!target || extra.length)
    throw new UsageError(sub === 'import' ? 'models import needs one FOLDER' : 'models remove needs one ID');
  if (sub === 'remove' && values.variant !== undefined)
    throw new UsageError('models remove takes no --variant');
  const variant = variantArg(values.variant);
  await withAtelier(values['data-dir'], (s) =>
    sub === 'remove' ? remove(s, target) : importFolder(s, target, values.link, variant),
  );
}

async function list(args: string[]): Promise<void> {
  const values = flags(args, { 'data-dir': { type: 'string' } });
  await withAtelier(values['data-dir'], async ({ atelier }) => {
    // The registry, not models.list: it also shows the models that failed to load, and why.
    for (const m of atelier.registry.status()) {
      const what = m.ok
        ? `${m.family} ${m.task} ${(m.sizeBytes / 1e6).toFixed(1)} MB`
        : `UNAVAILABLE: ${m.error}`;
      console.log(`${m.id}\t${m.name} ${m.version}\t${what}${m.source === 'imported' ? ' (imported)' : ''}`);
      if (m.texture) console.log(`\tstyles: ${m.texture.styles.map((s) => s.id).join(', ')}`);
    }
  });
}

async function remove({ call }: Session, id: string): Promise<void> {
  const r = await call('models.remove', { id });
  if (!r.removed) throw new UsageError(`there is no model "${id}"`);
  console.log(`Removed ${id}.`);
}

async function importFolder(
  { call }: Session,
  folder: string,
  link: boolean,
  variant?: string,
): Promise<void> {
  const m = await call('models.import', { path: resolve(folder), link, ...(variant ? { variant } : {}) });
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
}
