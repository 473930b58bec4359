"""Weight quantization of an ONNX decoder, as published `model_quantized.onnx` and `model_q4.onnx` files are made
(test fixtures).

Written here with the `onnx` package alone: onnxruntime.quantization (`quantize_dynamic`, `MatMul4BitsQuantizer`),
which makes the published files, has no Debian package and the fixtures are made offline. The graphs it writes have
the same shape as onnxruntime's:

* `int8(model)`: dynamic quantization. Every linear layer's MatMul (weight W [K, N], an initializer or a Transpose of
  one, as torch exports nn.Linear) becomes DynamicQuantizeLinear(x) -> MatMulInteger(x_q, W_q, x_zp, W_zp) -> Cast
  -> Mul by x_scale * W_scale, with W symmetric int8 per output column (W_scale [N], W_zp = 0 [N]). The activation is
  quantized at run time: uint8, per tensor, the range always holding 0 (the ONNX DynamicQuantizeLinear spec).
* `q4(model, zero_points)`: com.microsoft MatMulNBits (bits 4, block_size 32): B uint8 [N, K/32, 16] holding W's
  transpose row by row, 32 values of K per block, two 4-bit codes a byte, the low nibble first; scales [N * K/32] in
  the activation's type; with zero_points: asymmetric blocks (the range holding 0, codes 0..15), zero points packed
  two a byte, low nibble first, [N * ceil(K/32 / 2)]; without: symmetric blocks around the default zero point 8.
  Dequantized: (code - zero_point) * scale.

Both return (model, {weight initializer name: the dequantized W as the torch layer holds it, [N, K] float32}), so a
PyTorch run with the same weights is the parity reference.
"""
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

BLOCK = 32


def _consumers(g):
    out = {}
    for n in g.node:
        for i in n.input:
            out.setdefault(i, []).append(n)
    return out


def each_linear(g):
    """Yields linear_matmuls(g)'s entries one at a time, looking again after each (the caller rewrites the graph)."""
    done = set()
    while True:
        todo = [f for f in linear_matmuls(g) if f[1] not in done]
        if not todo:
            return
        done.add(todo[0][1])
        yield todo[0]


def linear_matmuls(g):
    """[(MatMul node, weight initializer name, W as [K, N], the Transpose node feeding it or None)]: the MatMuls
    whose B is a weight used by nothing else (a tied embedding, also read by a Gather, is left alone)."""
    inits = {t.name: t for t in g.initializer}
    producer = {o: n for n in g.node for o in n.output}
    uses = _consumers(g)
    found = []
    for n in g.node:
        if n.op_type != "MatMul":
            continue
        b = n.input[1]
        if b in inits and len(uses[b]) == 1:
            found.append((n, b, numpy_helper.to_array(inits[b]), None))
            continue
        t = producer.get(b)
        if t is not None and t.op_type == "Transpose" and t.input[0] in inits and len(uses[t.input[0]]) == 1 \
                and len(uses[b]) == 1:
            w = numpy_helper.to_array(inits[t.input[0]])
            perm = [a.ints for a in t.attribute if a.name == "perm"]
            if w.ndim == 2 and (not perm or list(perm[0]) == [1, 0]):
                found.append((n, t.input[0], w.T, t))
    return found


def _replace(g, old, new_nodes, drop_inits, drop_nodes, add_inits):
    """Puts new_nodes where `old` was (topological order kept), drops initializers / nodes, adds initializers."""
    nodes = []
    for n in g.node:
        if n is old:
            nodes.extend(new_nodes)
        elif not any(n is d for d in drop_nodes):
            nodes.append(n)
    del g.node[:]
    g.node.extend(nodes)
    keep = [t for t in g.initializer if t.name not in drop_inits]
    del g.initializer[:]
    g.initializer.extend(keep + add_inits)


def _copy(model):
    m = onnx.ModelProto()
    m.CopyFrom(model)
    return m


# ---------------------------------------------------------------------------------------------------- int8
def quantize_int8_columns(w):
    """W [K, N] -> (int8 codes [K, N], scale [N] float32): symmetric per column."""
    absmax = np.abs(w).max(axis=0)
    scale = np.where(absmax > 0, absmax / 127.0, 1.0).astype(np.float32)
    q = np.clip(np.rint(w / scale), -127, 127).astype(np.int8)
    return q, scale


def int8(model):
    m = _copy(model)
    g = m.graph
    deq = {}
    for n, name, w, t in each_linear(g):
        q, scale = quantize_int8_columns(w)
        deq[name] = (q.astype(np.float32) * scale).T.copy()
        x, y = n.input[0], n.output[0]
        p = name.replace("/", "_")
        inits = [numpy_helper.from_array(q, p + "_quantized"), numpy_helper.from_array(scale, p + "_scale"),
                 numpy_helper.from_array(np.zeros(q.shape[1], np.int8), p + "_zero_point")]
        new = [
            helper.make_node("DynamicQuantizeLinear", [x], [y + "_xq", y + "_xs", y + "_xzp"], name=n.name + "_dql"),
            helper.make_node("MatMulInteger", [y + "_xq", p + "_quantized", y + "_xzp", p + "_zero_point"],
                             [y + "_int"], name=n.name + "_int"),
            helper.make_node("Cast", [y + "_int"], [y + "_f"], to=TensorProto.FLOAT, name=n.name + "_cast"),
            helper.make_node("Mul", [y + "_xs", p + "_scale"], [y + "_s"], name=n.name + "_scales"),
            helper.make_node("Mul", [y + "_f", y + "_s"], [y], name=n.name + "_mul"),
        ]
        _replace(g, n, new, {name}, [t] if t is not None else [], inits)
    onnx.checker.check_model(m)
    return m, deq


def dynamic_quantize(x):
    """numpy/torch-free reference of DynamicQuantizeLinear + dequantization: what MatMulInteger's A stands for."""
    x = np.asarray(x, np.float32)
    lo, hi = min(0.0, float(x.min())), max(0.0, float(x.max()))
    scale = np.float32((hi - lo) / 255.0) if hi > lo else np.float32(1.0)
    zp = np.clip(np.rint(-lo / scale), 0, 255)
    q = np.clip(np.rint(x / scale) + zp, 0, 255)
    return ((q - zp) * scale).astype(np.float32)


# ---------------------------------------------------------------------------------------------------- q4
def quantize_q4_blocks(wt, zero_points, scale_dtype=np.float32):
    """W^T [N, K] (K a multiple of BLOCK) -> (codes uint8 [N, K/B, B], scales [N, K/B], zero points [N, K/B]).
    scale_dtype float16: the scales are rounded to float16 first (q4f16), so the codes fit the scales stored."""
    n, k = wt.shape
    assert k % BLOCK == 0, f"K={k} is not a multiple of {BLOCK}"
    b = wt.reshape(n, k // BLOCK, BLOCK).astype(np.float32)
    if zero_points:
        lo, hi = np.minimum(b.min(-1), 0), np.maximum(b.max(-1), 0)
        scale = np.where(hi > lo, (hi - lo) / 15.0, 1.0).astype(np.float32)
        zp = np.clip(np.rint(-lo / scale), 0, 15).astype(np.uint8)
    else:
        absmax = np.abs(b).max(-1)
        scale = np.where(absmax > 0, absmax / 7.0, 1.0).astype(np.float32)
        zp = np.full(scale.shape, 8, np.uint8)
    scale = scale.astype(scale_dtype).astype(np.float32)
    q = np.clip(np.rint(b / scale[..., None]) + zp[..., None], 0, 15).astype(np.uint8)
    return q, scale, zp


def pack_nibbles(codes):
    """[..., 2m] values 0..15 -> [..., m] bytes, the even index in the low nibble (odd length: a zero pad)."""
    if codes.shape[-1] % 2:
        codes = np.concatenate([codes, np.zeros(codes.shape[:-1] + (1,), np.uint8)], -1)
    return (codes[..., 0::2] | (codes[..., 1::2] << 4)).astype(np.uint8)


def q4(model, zero_points=True, scale_dtype=np.float32):
    m = _copy(model)
    g = m.graph
    deq = {}
    for n, name, w, t in each_linear(g):
        k, nn = w.shape
        if k % BLOCK:
            continue  # left in float (as MatMul4BitsQuantizer does for shapes it cannot block)
        codes, scale, zp = quantize_q4_blocks(w.T, zero_points, scale_dtype)
        deq[name] = ((codes.astype(np.float32) - zp[..., None]) * scale[..., None]).reshape(nn, k)
        p = name.replace("/", "_")
        inits = [numpy_helper.from_array(pack_nibbles(codes), p + "_Q4"),
                 numpy_helper.from_array(scale.reshape(-1), p + "_scales")]
        ins = [n.input[0], p + "_Q4", p + "_scales"]
        if zero_points:
            inits.append(numpy_helper.from_array(pack_nibbles(zp).reshape(-1), p + "_zp"))
            ins.append(p + "_zp")
        node = helper.make_node("MatMulNBits", ins, [n.output[0]], name=n.name + "_Q4", domain="com.microsoft",
                                K=k, N=nn, bits=4, block_size=BLOCK)
        _replace(g, n, [node], {name}, [t] if t is not None else [], inits)
    if not any(o.domain == "com.microsoft" for o in m.opset_import):
        m.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    onnx.checker.check_model(m)
    return m, deq
