/**
 * A decoder graph's inputs and outputs (as onnxruntime reads them) checked against what the
 * Writer's decoder can feed: input_ids and attention_mask (int64), optional position_ids, one
 * past key and value per layer with config.json's heads and head size, in float32 or float16
 * (published fp16 and q4f16 graphs keep their cache in float16), logits in float32 or float16,
 * and, for a merged decoder (`decoder_model_merged.onnx`), the bool `use_cache_branch` [1]; newer
 * exports' `num_logits_to_keep` (int64) is fed too.
 * Every refusal names the graph file and what is wrong.
 */
import type { GraphPort } from '../../inference/protocol';
import { refuseImport as refuse } from '../models/install';
import type { TextSection } from '../models/manifest';

export type FloatType = 'float32' | 'float16';

export interface GraphFacts {
  positionIds: boolean;
  cacheBranch: boolean;
  logitsToKeep: boolean;
  kvDtype: FloatType;
  logitsDtype: FloatType;
}

const FLOATS: readonly string[] = ['float32', 'float16'];
const why = (type: string): string =>
  type === 'bfloat16'
    ? 'bfloat16, which onnxruntime cannot run on this machine’s execution providers; pick the fp32, fp16 or a quantized variant'
    : type;

/** Checks `g` (the file `graph`) for the decoder layout `text` describes. */
export function checkGraph(
  text: Pick<TextSection, 'layers' | 'kvHeads' | 'headDim'>,
  g: { inputs: GraphPort[]; outputs: GraphPort[] },
  graph = 'model.onnx',
): GraphFacts {
  const inputs = new Map(g.inputs.map((p) => [p.name, p]));
  const outputs = new Map(g.outputs.map((p) => [p.name, p]));
  const list = (m: Map<string, GraphPort>): string => [...m.keys()].slice(0, 8).join(', ');
  const merged = /decoder_model_merged/.test(graph);
  for (const name of ['input_ids', 'attention_mask']) {
    const p = inputs.get(name);
    if (!p) throw refuse(`${graph}: the graph has no input "${name}" (it has ${list(inputs)}).`);
    if (p.type !== 'int64') throw refuse(`${graph}: the graph's "${name}" is ${p.type}, not int64.`);
  }
  const position = inputs.get('position_ids');
  if (position && position.type !== 'int64')
    throw refuse(`${graph}: the graph's "position_ids" is ${position.type}, not int64.`);
  const logits = outputs.get('logits');
  if (!logits) throw refuse(`${graph}: the graph has no output "logits" (it has ${list(outputs)}).`);
  if (!FLOATS.includes(logits.type))
    throw refuse(`${graph}: the logits are ${why(logits.type)}; Atelier reads float32 or float16 logits.`);

  const branch = inputs.get('use_cache_branch');
  if (merged && !branch)
    throw refuse(
      `${graph.replace(/^onnx\//, '')}, an older Optimum layout, must take "use_cache_branch" (bool [1]) to choose ` +
        'between its decoders with and without a past, and this one does not; export again with optimum-cli ' +
        '(task text-generation-with-past) to get a single model.onnx.',
    );
  if (branch && (branch.type !== 'bool' || (branch.shape.length !== 1 && branch.shape.length !== 0)))
    throw refuse(
      `${graph}: "use_cache_branch" is ${branch.type} [${branch.shape.join(', ')}], not bool [1].`,
    );

  const keep = inputs.get('num_logits_to_keep');
  if (keep && keep.type !== 'int64')
    throw refuse(`${graph}: "num_logits_to_keep" is ${keep.type}, not int64.`);

  const expected = new Set([
    'input_ids',
    'attention_mask',
    'position_ids',
    'use_cache_branch',
    'num_logits_to_keep',
  ]);
  let kvDtype: FloatType | null = null;
  for (let i = 0; i < text.layers; i++)
    for (const kv of ['key', 'value']) {
      const name = `past_key_values.${i}.${kv}`;
      expected.add(name);
      const p = inputs.get(name);
      if (!p)
        throw refuse(
          `${graph}: the graph has no input "${name}": it must be an Optimum export with past key values ` +
            `(task text-generation-with-past) for a model of ${text.layers} layers.`,
        );
      if (!FLOATS.includes(p.type))
        throw refuse(
          `${graph}: "${name}" is ${why(p.type)}; Atelier keeps key/value caches in float32 or float16.`,
        );
      if (kvDtype && p.type !== kvDtype)
        throw refuse(`${graph}: "${name}" is ${p.type} but the caches before it are ${kvDtype}.`);
      kvDtype = p.type as FloatType;
      const [, h, , d] = p.shape;
      if ((typeof h === 'number' && h !== text.kvHeads) || (typeof d === 'number' && d !== text.headDim))
        throw refuse(
          `${graph}: "${name}" has shape [${p.shape.join(', ')}], but config.json gives ${text.kvHeads} key/value heads of ${text.headDim}.`,
        );
      const present = outputs.get(`present.${i}.${kv}`);
      if (!present) throw refuse(`${graph}: the graph has no output "present.${i}.${kv}".`);
      if (present.type !== p.type)
        throw refuse(`${graph}: "present.${i}.${kv}" is ${present.type} but "${name}" is ${p.type}.`);
    }
  const extra = [...inputs.keys()].filter((n) => !expected.has(n));
  if (extra.length)
    throw refuse(`${graph}: the graph has inputs Atelier does not know how to feed: ${extra.join(', ')}.`);
  return {
    positionIds: inputs.has('position_ids'),
    cacheBranch: branch !== undefined,
    logitsToKeep: keep !== undefined,
    kvDtype: kvDtype ?? 'float32',
    logitsDtype: logits.type as FloatType,
  };
}
