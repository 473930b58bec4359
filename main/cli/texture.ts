import { randomUUID } from 'node:crypto';
import { AtelierError } from '../../preload/contract';
import { flags, num, readInput } from './args';
import { UsageError } from './errors';
import { checkOutFile, copyOut } from './output';
import { deliverRecords, withAtelier } from './session';

export const name = 'texture';

export const usage = [
  'texture --seed N --size PX --out FILE.png [--style ID] [--blend ID:AMOUNT] [--scale 1|2|4] [--data-dir DIR]',
  'texture --like PHOTO.png|jpg --size PX --out FILE.png [--seed N] [--scale 1|2|4] [--data-dir DIR]',
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
    like: { type: 'string' },
  });
  if (!values.out) throw new UsageError('--out FILE.png is required');
  if (values.like !== undefined && (values.style !== undefined || values.blend !== undefined))
    throw new UsageError('--like finds the styles itself: leave out --style and --blend');
  const photo = values.like === undefined ? undefined : readInput(values.like, 'like');
  const seed = values.seed ?? (photo ? '0' : undefined);
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
    const matchJobId = randomUUID();
    // Progress redraws one line; in a pipe or a log it would only be noise.
    const showProgress = process.stderr.isTTY;
    const off = atelier.events.on('job.progress', (p) => {
      if (showProgress && (p.jobId === jobId || p.jobId === matchJobId))
        process.stderr.write(`\r${p.message} ${Math.round(p.fraction * 100)}%   `);
    });
    try {
      let weights: number[] | undefined;
      let matchedStyle: string | undefined;
      if (photo) {
        const m = await matchPhoto(call, photo, values.model, num('seed', seed), matchJobId);
        if (showProgress) process.stderr.write('\r\x1b[K');
        const mix = m.styles.map((s) => `${s.name} ${Math.round(s.weight * 100)}%`).join(', ');
        console.log(
          `Match: ${m.verdict}, distance ${m.distance.toFixed(3)} (the photo's own halves: ${m.selfDistance.toFixed(3)}); ${mix}`,
        );
        console.log(m.message);
        weights = m.weights;
        matchedStyle = m.styles[0]?.id;
      }
      const gen = await call('texture.generate', {
        jobId,
        params: {
          model: values.model,
          seed: num('seed', seed),
          size: num('size', values.size),
          style: matchedStyle ?? style,
          scale: num('scale', values.scale),
          ...(blend ? { blend } : {}),
          ...(weights ? { weights } : {}),
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

/** `texture.match`, with a bad photo blamed on the flag the user typed. */
async function matchPhoto(
  call: Parameters<Parameters<typeof withAtelier>[1]>[0]['call'],
  image: Uint8Array,
  model: string,
  seed: number,
  jobId: string,
) {
  try {
    return await call('texture.match', { jobId, model, image, seed });
  } catch (e) {
    if (e instanceof AtelierError && e.field === 'image') throw new UsageError(`--like: ${e.message}`);
    throw e;
  }
}
