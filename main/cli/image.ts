import { randomUUID } from 'node:crypto';
import { flags, num, readInput } from './args';
import { UsageError } from './errors';
import { checkOutFile, numbered, writeBytes } from './output';
import { cancelOnInterrupt, deliverRecords, withAtelier } from './session';

export const name = 'image';

export const usage = [
  'image --prompt "..." --seed N --out FILE.png [--negative "..."] [--steps N] [--guidance G] [--sampler ddim|euler|euler-ancestral|lcm]',
  '[--size PX | --width PX --height PX] [--batch K] [--model ID] [--init FILE.png --strength S]',
  '(K > 1 writes FILE-1.png … FILE-K.png)',
];

export async function run(args: string[]): Promise<void> {
  const values = flags(args, {
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
  });
  if (values.prompt === undefined) throw new UsageError('--prompt "..." is required');
  if (values.seed === undefined) throw new UsageError('--seed N is required');
  if (!values.out) throw new UsageError('--out FILE.png is required');
  if (values.strength !== undefined && values.init === undefined)
    throw new UsageError('--strength needs --init FILE');
  const side = values.size !== undefined ? num('size', values.size) : undefined;
  // Only the flags given: the service fills in the model's own defaults for the rest.
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
  // Before anything runs: a folder that is not there or a .jpg name would waste the generation.
  const out = checkOutFile(values.out, 'png');
  await withAtelier(values['data-dir'], async (session) => {
    const { atelier, call } = session;
    const jobId = `cli-${randomUUID()}`;
    const unhook = cancelOnInterrupt(atelier, jobId);
    try {
      const r = await call('image.generate', { jobId, params });
      const files = r.results.map((_, k) => (r.results.length === 1 ? out : numbered(out, k, 'png')));
      await deliverRecords(
        session,
        r.results.map((g, k) => ({
          id: g.id,
          write: async () => {
            const { bytes } = await call('library.asset', { id: g.id, role: 'image' });
            writeBytes(files[k]!, bytes);
          },
        })),
      );
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
      unhook();
    }
  });
}
