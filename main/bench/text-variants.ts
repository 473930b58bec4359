/**
 * Writer figures per graph variant for `npm run bench -- text-variants`: the same tiny decoder
 * (models/training/text/tiny/onnx-llama, 2 layers, width 32, the onnx/ layout) imported once per
 * variant — fp32, fp16, int8 (dynamic quantization), q4 and q4f16 (MatMulNBits) — and run on the
 * CPU through the inference process exactly as the Writer drives it (one token per request, the
 * key/value cache kept there in the graph's own type): tokens per second and the time to the
 * first token, side by side, with the graph's size.
 */
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ModelStatus } from '../../preload/contract';
import type { Atelier } from '../services/atelier';
import type { Table } from './latent';
import { f, measure, median } from './text';

const FOLDER = 'models/training/text/tiny/onnx-llama';
const VARIANTS = ['fp32', 'fp16', 'quantized', 'q4', 'q4f16'];
const CONTEXTS = [16, 64];
const DRAWN = 48;
const RUNS = 7;
const SOURCE = `Shall I compare thee to a summer's day? Thou art more lovely and more temperate. `.repeat(20);

async function once(atelier: Atelier, id: string, prompt: number[]): Promise<{ ttft: number; tps: number }> {
  const m = atelier.registry.get(id)!;
  const path = join(m.dir, m.manifest!.files.find((x) => x.role === 'model')!.path);
  return measure(atelier, id, path, m.manifest!.text!, prompt, true, DRAWN);
}

export async function benchTextVariants(atelier: Atelier, printTable: Table): Promise<void> {
  const rows: string[][] = [];
  /** fp32's tokens per second at each context, for the ratios. */
  const base = new Map<number, number>();
  for (const variant of VARIANTS) {
    const r = await atelier.router.call('models.import', { path: resolve(FOLDER), variant });
    if (!r.ok) {
      rows.push([variant, '-', '-', '-', '-', '-', r.error.message]);
      continue;
    }
    const id = (r.value as ModelStatus).id;
    const m = atelier.registry.get(id)!;
    const t = m.manifest!.text!;
    const bytes = m.manifest!.files.filter((x) => x.role === 'model' || x.role === 'external-data');
    const size = bytes.reduce((s, x) => s + statSync(join(m.dir, x.path)).size, 0);
    const ids = (await atelier.text.tokenizer(id)).encode(SOURCE);
    for (const context of CONTEXTS) {
      const prompt = ids.slice(0, context);
      await once(atelier, id, prompt); // warm-up: the session loads, first allocations
      const runs = [];
      for (let k = 0; k < RUNS; k++) runs.push(await once(atelier, id, prompt));
      const tps = median(runs.map((x) => x.tps));
      if (variant === 'fp32') base.set(context, tps);
      rows.push([
        variant,
        `${context} + ${DRAWN}`,
        f(tps),
        base.has(context) ? `${f(tps / base.get(context)!, 2)}×` : '-',
        f(median(runs.map((x) => x.ttft))),
        `${f(size / 1024)} KiB`,
        `cache ${t.kvDtype ?? 'float32'}, logits ${t.logitsDtype ?? 'float32'}`,
      ]);
    }
    await atelier.router.call('models.remove', { id });
  }
  printTable(
    '6c. Writer: the same tiny decoder in each published weight format, on the CPU (one token per request, greedy, KV cache)',
    ['variant', 'context', 'tokens/s', 'vs fp32', 'first token ms', 'graph + data', 'types'],
    rows,
    [
      `median of ${RUNS} runs after a warm-up; "context" = prompt tokens + tokens drawn; the first token includes reading the prompt`,
      'the fixture is 2 layers of width 32 with a 512-token vocabulary: per-call overhead dominates, so the figures show what each format costs around the matrix products (casts for fp16 on a CPU without fp16 kernels, activation quantization for int8), not the memory-bandwidth gain 4-bit weights bring to a real model',
    ],
  );
}
