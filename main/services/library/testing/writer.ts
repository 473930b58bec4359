/**
 * Test helper for durability.test.ts: opens the library in `argv[2]` and adds generations in a
 * tight loop, printing `ack <id>` once each `add` has returned (that is, once it is durable).
 * The test SIGKILLs it at an arbitrary point. It stops by itself after `argv[3]` generations
 * (default 5000) or 60 s, so a failed test never leaves it running.
 */
import { randomBytes } from 'node:crypto';
import { writeSync } from 'node:fs';
import { Library } from '../library';

const dataDir = process.argv[2];
if (!dataDir) {
  process.stderr.write('usage: writer.ts <dataDir> [maxGenerations]\n');
  process.exit(2);
}
const max = Number(process.argv[3] ?? 5000);
const deadline = Date.now() + 60_000;

const lib = Library.open(dataDir);
writeSync(1, 'ready\n');
for (let i = 0; i < max && Date.now() < deadline; i++) {
  const gen = await lib.add({
    kind: 'texture',
    modelId: 'texture',
    modelSha256: 'f'.repeat(64),
    provider: 'cpu',
    seed: i,
    params: { seed: i, size: 256, style: 'moss', note: `writer ${process.pid}` },
    parentId: null,
    durationMs: 1,
    width: 256,
    height: 256,
    title: `gen ${i}`,
    assets: [
      { role: 'image', mime: 'image/png', ext: 'png', bytes: randomBytes(200 * 1024) },
      { role: 'thumbnail', mime: 'image/webp', ext: 'webp', bytes: randomBytes(4 * 1024) },
    ],
  });
  // Synchronous, so an ack line is never printed for a generation `add` has not returned.
  writeSync(1, `ack ${gen.id}\n`);
}
lib.close();
