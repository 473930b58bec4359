"""common.fp16: which types a float16 conversion changes and which it keeps, the clamping, the options, and that
the converted graph runs on onnxruntime-node close to the float32 one.

    cd models/training && /usr/bin/python3 -m unittest common.test_fp16 -v
"""
import os
import tempfile
import unittest

import numpy as np

from common import ort

try:
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    from common import fp16
except ImportError:
    onnx = None

F, H, I64 = (TensorProto.FLOAT, TensorProto.FLOAT16, TensorProto.INT64) if onnx else (None, None, None)


def toy_model():
    """y = Resize(x * w + mask + Cast(t)) by scales 2 (an initializer) and by 1 (a Constant), and an If on `flag`
    whose branches add a float Constant: float initializer, Constant, ConstantOfShape (-1e9), Cast to float,
    value_info and subgraphs, the kinds of thing published graphs hold."""
    w = numpy_helper.from_array(np.array([[[[0.5, -2.0, 3e-9, 7e5]]]], np.float32), "w")
    scales = numpy_helper.from_array(np.array([1, 1, 1, 2], np.float32), "scales")
    shape = numpy_helper.from_array(np.array([1, 1, 1, 4], np.int64), "shape")
    branch = lambda tag, v: helper.make_graph(  # noqa: E731
        [helper.make_node("Constant", [], [f"{tag}_c"], value=numpy_helper.from_array(np.array(v, np.float32))),
         helper.make_node("Add", ["up2", f"{tag}_c"], [f"{tag}_y"])],
        tag, [], [helper.make_tensor_value_info(f"{tag}_y", F, None)])
    nodes = [
        helper.make_node("Mul", ["x", "w"], ["xw"]),
        helper.make_node("ConstantOfShape", ["shape"], ["mask"],
                         value=numpy_helper.from_array(np.array([-1e9], np.float32))),
        helper.make_node("Max", ["mask", "xw"], ["masked"]),
        helper.make_node("Cast", ["t"], ["t_f"], to=F),
        helper.make_node("Add", ["masked", "t_f"], ["h"]),
        helper.make_node("Resize", ["h", "", "scales"], ["up"], mode="nearest"),
        helper.make_node("Constant", [], ["ones"], value=numpy_helper.from_array(np.ones(4, np.float32))),
        helper.make_node("Resize", ["up", "", "ones"], ["up2"], mode="nearest"),
        helper.make_node("If", ["flag"], ["y"], then_branch=branch("then", 1.0), else_branch=branch("else", -1.0)),
    ]
    g = helper.make_graph(nodes, "toy", [helper.make_tensor_value_info("x", F, [1, 1, 1, 4]),
                                         helper.make_tensor_value_info("t", I64, [1]),
                                         helper.make_tensor_value_info("flag", TensorProto.BOOL, [])],
                          [helper.make_tensor_value_info("y", F, [1, 1, 1, 8])], [w, scales, shape],
                          value_info=[helper.make_tensor_value_info("h", F, [1, 1, 1, 4])])
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 8
    onnx.checker.check_model(m)
    return m


def elem(values):
    return {v.name: v.type.tensor_type.elem_type for v in values}


def consts(g):
    """{output name: tensor} of every Constant / ConstantOfShape in g and its subgraphs."""
    out = {}
    for n in g.node:
        for a in n.attribute:
            if a.type == onnx.AttributeProto.TENSOR:
                out[n.output[0]] = a.t
            elif a.type == onnx.AttributeProto.GRAPH:
                out.update(consts(a.g))
    return out


@unittest.skipUnless(onnx is not None, "needs python3-onnx")
class TestToFp16(unittest.TestCase):
    def setUp(self):
        self.src = toy_model()
        self.m = fp16.to_fp16(self.src)
        self.g = self.m.graph

    def test_types_converted(self):
        self.assertEqual(elem(self.g.input), {"x": H, "t": I64, "flag": TensorProto.BOOL})
        self.assertEqual(elem(self.g.output), {"y": H})
        self.assertEqual(elem(self.g.value_info), {"h": H})
        self.assertEqual(next(t for t in self.g.initializer if t.name == "w").data_type, H)
        self.assertEqual(next(t for t in self.g.initializer if t.name == "shape").data_type, I64)
        cast = next(n for n in self.g.node if n.op_type == "Cast")
        self.assertEqual(cast.attribute[0].i, H)
        c = consts(self.g)
        self.assertEqual((c["mask"].data_type, c["then_c"].data_type, c["else_c"].data_type), (H, H, H))
        for b in next(n for n in self.g.node if n.op_type == "If").attribute:
            self.assertEqual(elem(b.g.output)[b.g.output[0].name], H, b.name)
        self.assertEqual(elem(self.src.graph.input)["x"], F)  # the source is left alone

    def test_resize_scales_kept(self):
        self.assertEqual(next(t for t in self.g.initializer if t.name == "scales").data_type, F)
        self.assertEqual(consts(self.g)["ones"].data_type, F)
        bare = fp16.to_fp16(self.src, keep_float32=())
        self.assertEqual(next(t for t in bare.graph.initializer if t.name == "scales").data_type, H)
        self.assertEqual(consts(bare.graph)["ones"].data_type, H)

    def test_clamping(self):
        got = fp16.half_array(np.array([-1e9, 1e9, 7e5, 3e-9, -3e-9, 0.0, 0.5], np.float32))
        self.assertEqual(got.dtype, np.float16)
        np.testing.assert_array_equal(got[:3], [-1e4, 1e4, 1e4])
        self.assertEqual(list(np.sign(got[3:6])), [1, -1, 0])  # tiny magnitudes raised to +-1e-7, not flushed
        self.assertEqual(float(got[6]), 0.5)
        self.assertEqual(float(numpy_helper.to_array(consts(self.g)["mask"])[0]), -1e4)
        w = numpy_helper.to_array(next(t for t in self.g.initializer if t.name == "w")).reshape(-1)
        self.assertEqual((float(w[3]), bool(w[2] > 0)), (1e4, True))
        wide = fp16.to_fp16(self.src, max_finite=6e4)
        self.assertEqual(float(numpy_helper.to_array(consts(wide.graph)["mask"])[0]), -6e4)
        np.testing.assert_array_equal(fp16.half_array(np.array([-1e9, 50.0]), max_finite=20), [-20, 20])

    def test_half_inputs(self):
        m = fp16.to_fp16(self.src, half_inputs=("t",))
        self.assertEqual(elem(m.graph.input)["t"], H)
        self.assertEqual(elem(m.graph.input)["flag"], TensorProto.BOOL)

    def test_save_external(self):
        with tempfile.TemporaryDirectory() as d:
            fp16.save(self.m, os.path.join(d, "model.onnx"), "model.onnx_data")
            self.assertTrue(os.path.getsize(os.path.join(d, "model.onnx_data")) > 0)
            back = onnx.load(os.path.join(d, "model.onnx"))
            self.assertEqual(numpy_helper.to_array(back.graph.initializer[0]).dtype, np.float16)

    @unittest.skipUnless(ort.have_ort_node(), "needs node and onnxruntime-node (npm install at the repository root)")
    def test_runs_like_float32(self):
        with tempfile.TemporaryDirectory() as d:
            p32, p16 = os.path.join(d, "m32.onnx"), os.path.join(d, "m16.onnx")
            onnx.save(self.src, p32)
            onnx.save(self.m, p16)
            x = np.array([[[[1.0, 0.25, -3.0, 2.0]]]], np.float32)
            for flag in (True, False):
                feeds = {"t": np.array([3], np.int64), "flag": np.array(flag)}
                want = ort.run_typed(p32, {"x": x, **feeds})["y"]
                got = ort.run_typed(p16, {"x": x.astype(np.float16), **feeds})["y"]
                self.assertEqual(got.dtype, np.float16)
                self.assertEqual(got.shape, (1, 1, 1, 8))
                bias = 3 + (1 if flag else -1)  # t, then the branch's constant
                np.testing.assert_allclose(want.reshape(-1)[::2], x.reshape(-1) * [0.5, -2, 3e-9, 7e5] + bias,
                                           rtol=1e-6)
                np.testing.assert_allclose(got.astype(np.float32).reshape(-1)[::2],  # 7e5 clamped to 1e4
                                           x.reshape(-1) * [0.5, -2, 3e-9, 1e4] + bias, rtol=2e-3)


if __name__ == "__main__":
    unittest.main()
