"""Float32 -> float16 conversion of an ONNX graph, as published `*_fp16.onnx` files are made (test fixtures).

Published fp16 exports (transformers.js / onnx-community decoders, `optimum-cli export onnx --fp16` Stable Diffusion)
come from onnxconverter-common's `convert_float_to_float16`. That package is not packaged for Debian and the fixtures
are made offline, so the conversion is written here with the `onnx` package alone. It does the same thing, in the
same way, for the ops our fixture graphs hold (no op block list is needed: onnxruntime's CPU provider casts the nodes
it has no float16 kernel for around them itself, as it does for the published files):

* every float initializer and float tensor attribute (`Constant`, `ConstantOfShape` values) becomes float16, clamped
  into +-`max_finite` (1e4) with non-zero magnitudes below 1e-7 raised to +-1e-7 (onnxconverter-common's
  `max_finite_val` / `min_positive_val`): an additive attention mask of -1e9 stays finite, so a fully masked row
  never gives NaN;
* except the inputs the ONNX spec types as float32 whatever the data type (`keep_float32`, by default `Resize`'s
  `scales`), when they are initializers or `Constant`s;
* every `Cast` to float32 casts to float16;
* every float32 graph input, output and value_info becomes float16 (a decoder's key/value caches and logits too:
  published fp16 decoders take and give float16 everywhere), and so do the inputs named in `half_inputs` (a UNet's
  integer `timestep`: some exports feed it as float16);
* subgraphs (`If` branches) are converted the same way.

`save(model, path, external=None, size_threshold=0)` writes a graph, its weights optionally in one external file.
"""
import numpy as np
import onnx
from onnx import TensorProto, numpy_helper

MAX_FINITE = 1e4
MIN_POSITIVE = 1e-7
# (op type, input index) that the ONNX spec types as float32 whatever the data type
FLOAT32_INPUTS = frozenset({("Resize", 2)})


def half_array(a, max_finite=MAX_FINITE):
    """float32 array -> float16 with the clamping described above."""
    a = np.asarray(a, np.float32)
    tiny = (np.abs(a) < MIN_POSITIVE) & (a != 0)
    a = np.where(tiny, np.sign(a) * MIN_POSITIVE, a)
    return np.clip(a, -max_finite, max_finite).astype(np.float16)


def _half_tensor(t, max_finite):
    return numpy_helper.from_array(half_array(numpy_helper.to_array(t), max_finite), t.name)


def _subgraphs(n):
    for a in n.attribute:
        if a.type == onnx.AttributeProto.GRAPH:
            yield a.g
        elif a.type == onnx.AttributeProto.GRAPHS:
            yield from a.graphs


def _kept_names(g, keep_float32):
    """Names fed to a (op, input index) of keep_float32, in g and its subgraphs."""
    names = set()
    for n in g.node:
        names.update(n.input[i] for op, i in keep_float32 if n.op_type == op and len(n.input) > i)
        for sub in _subgraphs(n):
            names |= _kept_names(sub, keep_float32)
    return names


def _value_types(values, keep, half_inputs=()):
    for v in values:
        tt = v.type.tensor_type
        if (tt.elem_type == TensorProto.FLOAT and v.name not in keep) or v.name in half_inputs:
            tt.elem_type = TensorProto.FLOAT16


def convert_graph(g, keep=frozenset(), max_finite=MAX_FINITE, half_inputs=()):
    """In place: one graph and its subgraphs; `keep`: value names that stay float32."""
    for i, t in enumerate(g.initializer):
        if t.data_type == TensorProto.FLOAT and t.name not in keep:
            g.initializer[i].CopyFrom(_half_tensor(t, max_finite))
    for n in g.node:
        for a in n.attribute:
            if a.type == onnx.AttributeProto.TENSOR and a.t.data_type == TensorProto.FLOAT \
                    and not (n.output and n.output[0] in keep):
                a.t.CopyFrom(_half_tensor(a.t, max_finite))
            elif n.op_type == "Cast" and a.name == "to" and a.i == TensorProto.FLOAT:
                a.i = TensorProto.FLOAT16
        for sub in _subgraphs(n):
            convert_graph(sub, keep, max_finite)
    _value_types(g.input, keep, half_inputs)
    _value_types(g.output, keep, half_inputs)
    _value_types(g.value_info, keep)


def to_fp16(model, keep_float32=FLOAT32_INPUTS, max_finite=MAX_FINITE, half_inputs=()):
    """A float16 copy of an onnx.ModelProto (checked), see the module comment.

    keep_float32: (op type, input index) pairs whose initializer / Constant inputs stay float32 (default: Resize's
    scales; empty: none). max_finite: the clamp. half_inputs: names of non-float graph inputs to declare float16.
    """
    m = onnx.ModelProto()
    m.CopyFrom(model)
    convert_graph(m.graph, _kept_names(m.graph, keep_float32), max_finite, frozenset(half_inputs))
    onnx.checker.check_model(m)
    return m


def save(model, path, external=None, size_threshold=0):
    """Writes `model`; with `external` its tensors of at least `size_threshold` bytes go to that one file beside it
    (e.g. model.onnx_data, weights.pb)."""
    if external:
        onnx.save_model(model, path, save_as_external_data=True, all_tensors_to_one_file=True, location=external,
                        size_threshold=size_threshold, convert_attribute=False)
    else:
        onnx.save_model(model, path)
