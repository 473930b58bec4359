/**
 * The trained flow as an ONNX graph: x [N, 2] → z = f(x) [N, 2] and log_prob = log p(x) [N].
 *
 * Only MatMul, Add, Mul, Tanh and Exp with float32 initializers (valid from opset 13 on). Columns
 * are picked and put back with fixed 2×1 / 1×2 selection matrices instead of Slice/Concat, whose
 * opset-13 forms need int64 inputs; sums over the two columns are MatMuls with a vector, which
 * drops the last axis as numpy's matmul does.
 */
import { LOG_2PI, S_MAX, type FlowModel } from './flow-model';
import type { OnnxGraphSpec } from './types';

type Node = OnnxGraphSpec['nodes'][number];
type Init = OnnxGraphSpec['initializers'][number];

/** Every op the graph uses (the interpreter in the test covers exactly these). */
export const FLOW_ONNX_OPS = ['MatMul', 'Add', 'Mul', 'Tanh', 'Exp'] as const;

export function flowOnnx(model: FlowModel): OnnxGraphSpec {
  const nodes: Node[] = [];
  const initializers: Init[] = [];
  const constant = (name: string, dims: number[], values: number[] | Float32Array): string => {
    initializers.push({ name, dims, data: Float32Array.from(values) });
    return name;
  };
  let serial = 0;
  const op = (kind: (typeof FLOW_ONNX_OPS)[number], inputs: string[], out?: string): string => {
    const output = out ?? `${kind.toLowerCase()}_${serial++}`;
    nodes.push({ op: kind, inputs, outputs: [output] });
    return output;
  };

  // pick[c]: [N, 2] → column c as [N, 1]; put[c]: [N, 1] → [N, 2] with the value in column c.
  const pick = [constant('pick_0', [2, 1], [1, 0]), constant('pick_1', [2, 1], [0, 1])];
  const put = [constant('put_0', [1, 2], [1, 0]), constant('put_1', [1, 2], [0, 1])];
  const inverseSMax = constant('inv_s_max', [], [1 / S_MAX]);
  const sMax = constant('s_max', [], [S_MAX]);

  if (model.couplings.length === 0) throw new Error('A flow needs at least one layer to export.');
  let h = 'x';
  let logDet = '';
  const last = model.couplings.length - 1;
  model.couplings.forEach((c, i) => {
    const kept = op('MatMul', [h, pick[1 - c.moves]!]);
    const moved = op('MatMul', [h, pick[c.moves]!]);
    let a = kept;
    c.net.layers.forEach((l, j) => {
      const w = constant(`coupling${i}_${j}_w`, l.w.shape, l.w.dataSync() as Float32Array);
      const b = constant(`coupling${i}_${j}_b`, l.b.shape, l.b.dataSync() as Float32Array);
      a = op('Add', [op('MatMul', [a, w]), b]);
      if (j + 1 < c.net.layers.length) a = op('Tanh', [a]);
    });
    // Column 0 of the conditioner's output is the raw log-scale, column 1 the shift.
    const raw = op('MatMul', [a, pick[0]!]);
    const shift = op('MatMul', [a, pick[1]!]);
    const s = op('Mul', [op('Tanh', [op('Mul', [raw, inverseSMax])]), sMax]);
    const y = op('Add', [op('Mul', [moved, op('Exp', [s])]), shift]);
    h = op(
      'Add',
      [op('MatMul', [kept, put[1 - c.moves]!]), op('MatMul', [y, put[c.moves]!])],
      i === last ? 'z' : undefined,
    );
    logDet = logDet ? op('Add', [logDet, s]) : s;
  });

  // log N(z; 0, I) = −½(z₁² + z₂²) − log 2π; the [N, 1] log-determinant becomes [N] by a 1-vector.
  const squared = op('Mul', ['z', 'z']);
  const base = op('MatMul', [squared, constant('minus_half', [2], [-0.5, -0.5])]);
  const det = op('MatMul', [logDet, constant('one', [1], [1])]);
  op('Add', [op('Add', [base, det]), constant('minus_log_2pi', [], [-LOG_2PI])], 'log_prob');

  return {
    name: 'realnvp_flow',
    inputs: [{ name: 'x', dims: ['N', 2] }],
    outputs: [
      { name: 'z', dims: ['N', 2] },
      { name: 'log_prob', dims: ['N'] },
    ],
    nodes,
    initializers,
  };
}
