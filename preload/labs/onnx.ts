/**
 * A lab's ONNX graph description (types.ts `OnnxGraphSpec`) encoded as an ONNX ModelProto file
 * (IR version 8, the default opset 13) that onnxruntime loads.
 *
 * Why a writer of our own and not protobufjs with onnx.proto: only six messages are written and
 * never read, the protobuf wire format for them is five primitives (varint, fixed32, length-
 * delimited bytes, strings, nested messages), and this must run in the page's Web Worker too,
 * where protobufjs's reflection builds its coders with `new Function` (refused by the page's
 * CSP) and would add a runtime dependency plus a copy of onnx.proto to ship. Field numbers are
 * those of onnx/onnx.proto (ONNX 1.14); see each message below.
 */
import type { OnnxGraphSpec } from './types';

export const ONNX_IR_VERSION = 8;
export const ONNX_OPSET = 13;
const PRODUCER = 'atelier-labs';

/** TensorProto.DataType values used here. */
const FLOAT = 1;
const INT64 = 7;

/** AttributeProto.AttributeType values used here. */
const ATTR = { FLOAT: 1, INT: 2, STRING: 3, FLOATS: 6, INTS: 7 } as const;

/**
 * Attributes the ONNX operators define as floats: a whole number given for one of them (LeakyRelu
 * alpha 1, Gemm beta 0) must still be written as a float, which onnxruntime checks. Every other
 * number is an int when it is whole.
 */
const FLOAT_ATTRIBUTES = new Set([
  'alpha',
  'beta',
  'gamma',
  'epsilon',
  'momentum',
  'lambd',
  'bias',
  'ratio',
  'scales',
]);

/**
 * An initializer: float32 values (the spec's own), or int64 values for the operators that take
 * integer inputs (Slice's starts/ends/axes, Gather's indices, Reshape's shape).
 */
export type OnnxInitializer =
  | { name: string; dims: number[]; data: Float32Array; dtype?: 'float32' }
  | { name: string; dims: number[]; dtype: 'int64'; data: ArrayLike<number> };

export type OnnxSpec = Omit<OnnxGraphSpec, 'initializers'> & { initializers: readonly OnnxInitializer[] };

/** A growable protobuf message being written. */
class Writer {
  private buf: Uint8Array<ArrayBuffer> = new Uint8Array(256);
  private len = 0;

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  private byte(b: number): void {
    this.reserve(1);
    this.buf[this.len++] = b;
  }

  /** A varint of an int64 (negative numbers as their 64-bit two's complement: 10 bytes). */
  private varint(value: number | bigint): void {
    if (typeof value === 'number' && value >= 0 && value < 2 ** 31) {
      let v = value;
      while (v >= 0x80) {
        this.byte((v & 0x7f) | 0x80);
        v >>>= 7;
      }
      this.byte(v);
      return;
    }
    let v = BigInt.asUintN(64, BigInt(value));
    while (v >= 0x80n) {
      this.byte(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.byte(Number(v));
  }

  private tag(field: number, wire: 0 | 2 | 5): void {
    this.varint((field << 3) | wire);
  }

  int(field: number, value: number): this {
    if (!Number.isSafeInteger(value)) throw new Error(`ONNX: ${value} is not a whole number`);
    this.tag(field, 0);
    this.varint(value);
    return this;
  }

  float(field: number, value: number): this {
    this.tag(field, 5);
    this.reserve(4);
    new DataView(this.buf.buffer).setFloat32(this.len, value, true);
    this.len += 4;
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.tag(field, 2);
    this.varint(value.length);
    this.reserve(value.length);
    this.buf.set(value, this.len);
    this.len += value.length;
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  message(field: number, m: Writer): this {
    return this.bytes(field, m.finish());
  }

  /** Repeated int64 / float written packed (one length-delimited field), as proto3 does. */
  packedInts(field: number, values: readonly number[]): this {
    const w = new Writer();
    for (const v of values) {
      if (!Number.isSafeInteger(v)) throw new Error(`ONNX: ${v} is not a whole number`);
      w.varint(v);
    }
    return this.bytes(field, w.finish());
  }

  packedFloats(field: number, values: readonly number[]): this {
    const raw = new Uint8Array(values.length * 4);
    const view = new DataView(raw.buffer);
    values.forEach((v, i) => view.setFloat32(i * 4, v, true));
    return this.bytes(field, raw);
  }

  finish(): Uint8Array<ArrayBuffer> {
    return this.buf.slice(0, this.len);
  }
}

/** TensorProto: dims 1, data_type 2, name 8, raw_data 9 (little-endian). */
function tensor(init: OnnxInitializer): Writer {
  const size = init.dims.reduce((a, b) => a * b, 1);
  if (init.data.length !== size)
    throw new Error(
      `ONNX: initializer ${init.name} holds ${init.data.length} values, its dims ${init.dims.join('×')} need ${size}`,
    );
  const int64 = init.dtype === 'int64';
  const raw = new Uint8Array(size * (int64 ? 8 : 4));
  const view = new DataView(raw.buffer);
  for (let i = 0; i < size; i++) {
    const v = init.data[i]!;
    if (int64) {
      if (!Number.isSafeInteger(v))
        throw new Error(`ONNX: initializer ${init.name} holds ${v}, not a whole number`);
      view.setBigInt64(i * 8, BigInt(v), true);
    } else view.setFloat32(i * 4, v, true);
  }
  return new Writer()
    .packedInts(1, init.dims)
    .int(2, int64 ? INT64 : FLOAT)
    .string(8, init.name)
    .bytes(9, raw);
}

/** ValueInfoProto (name 1, type 2) of a float tensor; a string dim is a named (dynamic) one. */
function valueInfo(v: { name: string; dims: (number | string)[] }): Writer {
  const shape = new Writer();
  for (const d of v.dims) {
    // TensorShapeProto.Dimension: dim_value 1, dim_param 2
    shape.message(1, typeof d === 'number' ? new Writer().int(1, d) : new Writer().string(2, d));
  }
  // TypeProto.tensor_type 1 → TypeProto.Tensor: elem_type 1, shape 2
  const tensorType = new Writer().int(1, FLOAT).message(2, shape);
  return new Writer().string(1, v.name).message(2, new Writer().message(1, tensorType));
}

/** AttributeProto: name 1, f 2, i 3, s 4, floats 7, ints 8, type 20. */
function attribute(name: string, value: number | number[] | string): Writer {
  const w = new Writer().string(1, name);
  const asFloat = FLOAT_ATTRIBUTES.has(name);
  if (typeof value === 'string') return w.bytes(4, new TextEncoder().encode(value)).int(20, ATTR.STRING);
  if (typeof value === 'number') {
    if (asFloat || !Number.isInteger(value)) return w.float(2, value).int(20, ATTR.FLOAT);
    return w.int(3, value).int(20, ATTR.INT);
  }
  if (asFloat || value.some((v) => !Number.isInteger(v)))
    return w.packedFloats(7, value).int(20, ATTR.FLOATS);
  return w.packedInts(8, value).int(20, ATTR.INTS);
}

/** NodeProto: input 1, output 2, name 3, op_type 4, attribute 5. */
function node(n: OnnxSpec['nodes'][number], index: number): Writer {
  const w = new Writer();
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  w.string(3, `${n.op}_${index}`).string(4, n.op);
  for (const [k, v] of Object.entries(n.attrs ?? {})) w.message(5, attribute(k, v));
  return w;
}

/**
 * The spec as an ONNX file: ModelProto { ir_version 1, producer_name 2, graph 7,
 * opset_import 8 } around GraphProto { node 1, name 2, initializer 5, input 11, output 12 }.
 * Checks what onnxruntime would refuse less clearly: names defined once, every node input
 * defined before use, every output produced.
 */
export function encodeOnnx(spec: OnnxSpec): Uint8Array<ArrayBuffer> {
  const defined = new Set<string>();
  const define = (name: string, what: string): void => {
    if (defined.has(name)) throw new Error(`ONNX: ${what} "${name}" is defined twice`);
    defined.add(name);
  };
  for (const i of spec.inputs) define(i.name, 'input');
  for (const t of spec.initializers) define(t.name, 'initializer');
  spec.nodes.forEach((n) => {
    for (const i of n.inputs)
      if (i !== '' && !defined.has(i))
        throw new Error(`ONNX: node ${n.op} reads "${i}" before anything defines it`);
    for (const o of n.outputs) define(o, 'node output');
  });
  for (const o of spec.outputs)
    if (!defined.has(o.name)) throw new Error(`ONNX: output "${o.name}" is never computed`);

  const graph = new Writer();
  spec.nodes.forEach((n, i) => graph.message(1, node(n, i)));
  graph.string(2, spec.name);
  for (const t of spec.initializers) graph.message(5, tensor(t));
  for (const i of spec.inputs) graph.message(11, valueInfo(i));
  for (const o of spec.outputs) graph.message(12, valueInfo(o));

  // OperatorSetIdProto: domain 1 ('' = the default ONNX domain, so left out), version 2
  const opset = new Writer().int(2, ONNX_OPSET);
  return new Writer()
    .int(1, ONNX_IR_VERSION)
    .string(2, PRODUCER)
    .message(7, graph)
    .message(8, opset)
    .finish();
}
