import { randomUUID } from 'node:crypto';
import { flags, num } from './args';
import { UsageError } from './errors';
import { checkOutFile, copyOut } from './output';
import { deliverRecords, withAtelier } from './session';

export const name = 'texture';

export const usage = [
  'texture --seed N --size PX --out FILE.png [--style ID] [--blend ID:AMOUNT] [--scale 1|2|4] [--data-dir DIR]',
];

export async function run(args: string[]): Promise<void> {
  const values = flags(args, {
    seed: { type: 'string' },
    size: { type: 'string', default: '512' },
    out: { type: 'string' },
    style: { type: 'string' },
    blend: { type: 'string' },
    scale: { type: 'string', default: '1' },
    model: { type: 'string', default: 'texture' },
    'data-dir': { type: 'string' },
  });
  if (!values.out) throw new UsageError('--out FILE.png is required');
  const seed = values.seed;
  if (seed === undefined) throw new UsageError('--seed N is required');
  let blend: { style: string; amount: number } | undefined;
  if (values.blend) {
    const m = /^([^:]+):(\d*\.?\d+)$/.exec(values.blend);
    if (!m)
      throw new UsageError(`--blend must look like STYLE:AMOUNT (e.g. marble:0.3), got "${values.blend}"`);
    blend = { style: m[1]!, amount: Number(m[2]) };
  }
  // Before anything runs: a folder that is not there or a .jpg name would waste the generation.
  const out = checkOutFile(values.out, 'png');
  await withAtelier(values['data-dir'], async (session) => {
    const { atelier, call } = session;
    // Without --style, the model's first style: the manifest, not the CLI, knows the names.
    const model = atelier.registry.status().find((m) => m.id === values.model);
    const style = values.style ?? model?.texture?.styles[0]?.id ?? '';
    const jobId = randomUUID();
    // Progress redraws one line; in a pipe or a log it would only be noise.
    const showProgress = process.stderr.isTTY;
    const off = atelier.events.on('job.progress', (p) => {
      if (showProgress && p.jobId === jobId)
        process.stderr.write(`\r${p.message} ${Math.round(p.fraction * 100)}%   `);
    });
    try {
      const gen = await call('texture.generate', {
        jobId,
        params: {
          model: values.model,
          seed: num('seed', seed),
          size: num('size', values.size),
          style,
          scale: num('scale', values.scale),
          ...(blend ? { blend } : {}),
        },
      });
      if (showProgress) process.stderr.write('\r\x1b[K');
      await deliverRecords(session, [
        { id: gen.id, write: () => copyOut(atelier.library.assetPath(gen.id, 'image'), out) },
      ]);
      console.log(
        `Wrote ${out} (${gen.width}×${gen.height}, ${gen.title}; ${Math.round(gen.durationMs)} ms on ${gen.provider}; library id ${gen.id})`,
      );
    } finally {
      off();
    }
  });
}
