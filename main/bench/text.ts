/**
 * Writer figures for `npm run bench` (section 6):
 *   a. tokens per second with and without the key/value cache at context 32, 128 and 512 tokens,
 *      and the time to the first token (reading the prompt), through the inference process
 *      exactly as the Writer drives it (one token per request). The bundled model has a
 *      256-token context, so its last row is 224 (+32 drawn); the 512 row uses the small
 *      random-weight Llama fixture, whose rotary positions have no learned limit;
 *   b. the Writer's own path (router → tokenizer → inference process → events): time to first
 *      token and tokens per second of a 120-token continuation, and the main process's share.
 */
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ModelStatus, TextResult } from '../../preload/contract';
import type { Atelier } from '../services/atelier';
import type { TextSection } from '../services/models/manifest';
import { decoderLayout } from '../services/text/text';
import type { Table } from './latent';

const DRAWN = 32;
const RUNS = 3;
export const f = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '-');
export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Text to cut prompts from (any English will do: the model only has to read it). */
const SOURCE =
  `Because I could not stop for Death, He kindly stopped for me; The carriage held but just ourselves
And Immortality. We slowly drove, he knew no haste, And I had put away My labor, and my leisure too, For his civility.
We passed the school where children played At wrestling in a ring; We passed the fields of gazing grain, We passed
the setting sun. `.repeat(40);

interface Row {
  model: string;
  context: number;
  cachedTps: number;
  plainTps: number;
  cachedTtft: number;
  plainTtft: number;
}

/**
 * One generation of `drawn` tokens (greedy, no end token) through the inference process exactly
 * as the Writer drives it (one token per request): the time to the first token, which includes
 * reading the prompt, and the tokens per second after it.
 */
export async function measure(
  atelier: Atelier,
  id: string,
  path: string,
  text: TextSection,
  prompt: number[],
  cache: boolean,
  drawn = DRAWN,
): Promise<{ ttft: number; tps: number }> {
  const genId = `bench-${id}-${prompt.length}-${cache ? 'kv' : 'plain'}-${performance.now()}`;
  const t0 = performance.now();
  await atelier.inference.decodeStart(
    { id, path },
    {
      genId,
      layout: decoderLayout(text),
      promptIds: prompt,
      // Greedy, and no end token: every run draws exactly `drawn` tokens.
      sampling: { seed: 0, temperature: 0, topK: 0, topP: 1, repetitionPenalty: 1 },
      eosIds: [],
      maxTokens: drawn,
      cache,
    },
  );
  const ttft = performance.now() - t0;
  const t1 = performance.now();
  for (let k = 1; k < drawn; k++) await atelier.inference.decodeStep(genId, 1);
  const ms = performance.now() - t1;
  await atelier.inference.decodeEnd(genId);
  return { ttft, tps: ((drawn - 1) * 1000) / ms };
}

export async function benchText(atelier: Atelier, printTable: Table): Promise<void> {
  const rows: Row[] = [];
  const bundled = atelier.registry.get('text');
  let tiny: ModelStatus | undefined;
  try {
    const r = await atelier.router.call('models.import', {
      path: resolve('models/training/text/tiny/llama'),
    });
    if (r.ok) tiny = r.value as ModelStatus;
  } catch {
    tiny = undefined;
  }
  const plans: { id: string; label: string; contexts: number[]; contextLength?: number }[] = [];
  if (bundled && !bundled.error)
    plans.push({ id: 'text', label: 'text (bundled)', contexts: [32, 128, 224] });
  if (tiny) plans.push({ id: tiny.id, label: 'tiny Llama', contexts: [32, 128, 512], contextLength: 4096 });
  for (const plan of plans) {
    const m = atelier.registry.get(plan.id)!;
    const section = {
      ...m.manifest!.text!,
      ...(plan.contextLength ? { contextLength: plan.contextLength } : {}),
    };
    const path = `${m.dir}/${m.manifest!.files.find((x) => x.role === 'model')!.path}`;
    const tok = await atelier.text.tokenizer(plan.id);
    const ids = tok.encode(SOURCE);
    for (const context of plan.contexts) {
      const prompt = ids.slice(0, context);
      if (prompt.length < context) continue;
      // One warm-up per setting (model load, first allocations).
      await measure(atelier, plan.id, path, section, prompt, true);
      const kv = [];
      const plain = [];
      for (let r = 0; r < RUNS; r++) {
        kv.push(await measure(atelier, plan.id, path, section, prompt, true));
        plain.push(await measure(atelier, plan.id, path, section, prompt, false));
      }
      rows.push({
        model: plan.label,
        context,
        cachedTps: median(kv.map((x) => x.tps)),
        plainTps: median(plain.map((x) => x.tps)),
        cachedTtft: median(kv.map((x) => x.ttft)),
        plainTtft: median(plain.map((x) => x.ttft)),
      });
    }
  }
  printTable(
    '6a. Writer: tokens per second with and without the key/value cache (one token per request, greedy)',
    [
      'model',
      'context',
      'KV cache tok/s',
      'no cache tok/s',
      'ratio',
      'first token ms (KV)',
      'first token ms (no cache)',
    ],
    rows.map((r) => [
      r.model,
      `${r.context} + ${DRAWN}`,
      f(r.cachedTps),
      f(r.plainTps),
      `${f(r.cachedTps / r.plainTps, 2)}×`,
      f(r.cachedTtft),
      f(r.plainTtft),
    ]),
    [
      `median of ${RUNS} runs after a warm-up; "context" = prompt tokens + tokens drawn; the first token includes reading the prompt`,
      'no cache = every step re-reads the whole context with an empty past (the same graph)',
      'the bundled model reads at most 256 tokens; the 512 row runs the random-weight Llama fixture (2 layers, width 32), whose cost is mostly per-call overhead',
    ],
  );

  if (!bundled || bundled.error) return;
  const service: TextResult[] = [];
  for (let r = 0; r < RUNS + 1; r++) {
    const res = await atelier.router.call('text.generate', {
      jobId: `bench-writer-${r}-${Date.now()}`,
      model: 'text',
      prompt: 'Hope is the thing with feathers\nThat perches in the soul,\n',
      sampling: { seed: r, maxTokens: 120, stop: [] },
    });
    if (res.ok && r > 0) service.push(res.value as TextResult);
  }
  printTable(
    '6b. Writer: the whole path (router → tokenizer → inference process → stream events), bundled model, 120 tokens asked',
    ['', 'first token ms', 'tokens/s', 'tokens drawn', 'stop'],
    service.map((s, i) => [
      `run ${i + 1} (seed ${s.seed})`,
      f(s.firstTokenMs),
      f(s.tokensPerSecond),
      String(s.tokens),
      s.stopReason,
    ]),
    [
      'default sampling (temperature 0.8, top-k 50, top-p 0.95, repetition penalty 1.1); runs end early at the model’s end token',
    ],
  );
}
