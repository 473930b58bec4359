import { flags, num } from './args';
import { withAtelier } from './session';

export const name = 'library';

export const usage = ['library [--limit N] [--data-dir DIR]'];

export async function run(args: string[]): Promise<void> {
  const values = flags(args, { limit: { type: 'string', default: '20' }, 'data-dir': { type: 'string' } });
  await withAtelier(values['data-dir'], async ({ call }) => {
    const list = await call('library.list', { limit: num('limit', values.limit) });
    for (const g of list)
      console.log(`${g.id}\t${new Date(g.createdAt).toISOString()}\t${g.kind}\t${g.title}`);
    if (list.length === 0) console.log('The library is empty.');
  });
}
