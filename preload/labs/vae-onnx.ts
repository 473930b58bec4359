/**
 * The trained decoder z → x as an ONNX graph: MatMul + Add per layer with the hidden activation
 * between, and a Sigmoid on images (pixel probabilities); on 2-D points the output is the mean
 * of p(x|z) and σ_x rides along as a constant second output.
 */
import type { Activation } from './nn';
import type { OnnxGraphSpec } from './types';
import type { JsMlp } from './vae-js';

const ONNX_ACTIVATION: Record<Activation, { op: string; attrs?: Record<string, number> } | null> = {
  relu: { op: 'Relu' },
  tanh: { op: 'Tanh' },
  leakyRelu: { op: 'LeakyRelu', attrs: { alpha: 0.2 } },
  elu: { op: 'Elu', attrs: { alpha: 1 } },
  linear: null,
};

export function decoderOnnx(net: JsMlp, images: boolean, sigmaX: Float32Array | null): OnnxGraphSpec {
  const latentDim = net.sizes[0]!;
  const dim = net.sizes[net.sizes.length - 1]!;
  const nodes: OnnxGraphSpec['nodes'] = [];
  const initializers: OnnxGraphSpec['initializers'] = [];
  const layers = net.sizes.length - 1;
  let h = 'z';
  for (let l = 0; l < layers; l++) {
    const w = `decoder.${l}.w`;
    const b = `decoder.${l}.b`;
    initializers.push({
      name: w,
      dims: [net.sizes[l]!, net.sizes[l + 1]!],
      data: Float32Array.from(net.w[l]!),
    });
    initializers.push({ name: b, dims: [net.sizes[l + 1]!], data: Float32Array.from(net.b[l]!) });
    const last = l + 1 === layers;
    nodes.push({ op: 'MatMul', inputs: [h, w], outputs: [`h${l}.mm`] });
    const sum = last ? (images ? 'logits' : 'x') : `h${l}.pre`;
    nodes.push({ op: 'Add', inputs: [`h${l}.mm`, b], outputs: [sum] });
    h = sum;
    const a = ONNX_ACTIVATION[net.activation];
    if (!last && a) {
      h = `h${l}`;
      nodes.push({ op: a.op, inputs: [sum], outputs: [h], ...(a.attrs ? { attrs: a.attrs } : {}) });
    }
  }
  if (images) nodes.push({ op: 'Sigmoid', inputs: ['logits'], outputs: ['x'] });
  const outputs: OnnxGraphSpec['outputs'] = [{ name: 'x', dims: ['N', dim] }];
  if (sigmaX) {
    initializers.push({ name: 'sigma_x.value', dims: [dim], data: Float32Array.from(sigmaX) });
    nodes.push({ op: 'Identity', inputs: ['sigma_x.value'], outputs: ['sigma_x'] });
    outputs.push({ name: 'sigma_x', dims: [dim] });
  }
  return {
    name: images ? 'vae-decoder-images' : 'vae-decoder',
    inputs: [{ name: 'z', dims: ['N', latentDim] }],
    outputs,
    nodes,
    initializers,
  };
}
