"""common.ort.run_onnx on onnxruntime-node: the kept-session server and a fresh process per call agree, errors
are reported and do not break later calls, and a rewritten model file is reloaded; run_typed feeds and gives back
float16, int32 and bool in their own types and names an input of a type it cannot feed.

    cd models/training && /usr/bin/python3 -m unittest common.test_ort -v
"""
import os
import tempfile
import unittest

import numpy as np

from common import ort

try:
    import onnx
    from onnx import TensorProto, helper, numpy_helper
except ImportError:
    onnx = None


def affine_model(path, scale):
    """y = x @ W * scale + idx (float32 x [n, 3], int64 idx [n, 1] cast to float), saved to path."""
    w = numpy_helper.from_array((np.arange(6, dtype=np.float32).reshape(3, 2) * scale), "W")
    nodes = [helper.make_node("MatMul", ["x", "W"], ["xw"]),
             helper.make_node("Cast", ["idx"], ["idx_f"], to=TensorProto.FLOAT),
             helper.make_node("Add", ["xw", "idx_f"], ["y"])]
    g = helper.make_graph(nodes, "affine", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["n", 3]),
                                            helper.make_tensor_value_info("idx", TensorProto.INT64, ["n", 1])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["n", 2])], [w])
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 8
    onnx.save(m, path)


@unittest.skipUnless(onnx is not None and ort.have_ort_node(),
                     "needs python3-onnx, node and onnxruntime-node (npm install at the repository root)")
class TestRunOnnx(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.tmp.name, "affine.onnx")
        affine_model(self.path, 1.0)
        rng = np.random.default_rng(0)
        self.feeds = {"x": rng.standard_normal((4, 3)).astype(np.float32), "idx": np.arange(4, dtype=np.int64)[:, None]}

    def tearDown(self):
        self.tmp.cleanup()

    def want(self, scale):
        return self.feeds["x"] @ (np.arange(6, dtype=np.float32).reshape(3, 2) * scale) + self.feeds["idx"]

    def test_server_and_one_shot_agree(self):
        outs, backend, t = ort.run_onnx(self.path, self.feeds)
        self.assertEqual(backend, "onnxruntime-node")
        np.testing.assert_allclose(outs["y"], self.want(1.0), rtol=1e-6)
        self.assertEqual(t["runs"], [])
        again, _, _ = ort.run_onnx(self.path, self.feeds, threads=1)  # another session in the same server
        np.testing.assert_array_equal(again["y"], outs["y"])
        timed, _, t = ort.run_onnx(self.path, self.feeds, repeats=3)  # a fresh process
        np.testing.assert_array_equal(timed["y"], outs["y"])
        self.assertEqual(len(t["runs"]), 3)
        self.assertIsNotNone(t["msMedian"])
        os.environ["ORT_RUN_SERVER"] = "0"
        try:
            one, _, _ = ort.run_onnx(self.path, self.feeds)
        finally:
            del os.environ["ORT_RUN_SERVER"]
        np.testing.assert_array_equal(one["y"], outs["y"])

    def test_error_then_recovers(self):
        with self.assertRaises(RuntimeError) as e:
            ort.run_onnx(self.path, {"x": self.feeds["x"]})  # missing input
        self.assertIn("affine.onnx", str(e.exception))
        outs, _, _ = ort.run_onnx(self.path, self.feeds)
        np.testing.assert_allclose(outs["y"], self.want(1.0), rtol=1e-6)

    def test_rewritten_model_is_reloaded(self):
        ort.run_onnx(self.path, self.feeds)
        affine_model(self.path, 2.0)
        st = os.stat(self.path)
        os.utime(self.path, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000))  # a new mtime even on coarse clocks
        outs, _, _ = ort.run_onnx(self.path, self.feeds)
        np.testing.assert_allclose(outs["y"], self.want(2.0), rtol=1e-6)


def typed_model(path):
    """(x float16, n int32, on bool) -> y = on ? x + n : x (float16), n2 = n * 2 (int32), off = not on (bool)."""
    nodes = [helper.make_node("Cast", ["n"], ["n_h"], to=TensorProto.FLOAT16),
             helper.make_node("Add", ["x", "n_h"], ["xn"]),
             helper.make_node("Where", ["on", "xn", "x"], ["y"]),
             helper.make_node("Add", ["n", "n"], ["n2"]),
             helper.make_node("Not", ["on"], ["off"])]
    g = helper.make_graph(nodes, "typed", [helper.make_tensor_value_info("x", TensorProto.FLOAT16, [2, 3]),
                                           helper.make_tensor_value_info("n", TensorProto.INT32, [1]),
                                           helper.make_tensor_value_info("on", TensorProto.BOOL, [])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT16, [2, 3]),
                           helper.make_tensor_value_info("n2", TensorProto.INT32, [1]),
                           helper.make_tensor_value_info("off", TensorProto.BOOL, [])])
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 8
    onnx.save(m, path)


@unittest.skipUnless(onnx is not None and ort.have_ort_node(),
                     "needs python3-onnx, node and onnxruntime-node (npm install at the repository root)")
class TestRunTyped(unittest.TestCase):
    def test_float16_int32_bool_in_and_out(self):
        with tempfile.TemporaryDirectory() as d:
            p = os.path.join(d, "typed.onnx")
            typed_model(p)
            x = (np.arange(6, dtype=np.float32).reshape(2, 3) / 4).astype(np.float16)
            for on in (True, False):
                out = ort.run_typed(p, {"x": x, "n": np.array([3], np.int32), "on": np.array(on)})
                self.assertEqual({k: v.dtype for k, v in out.items()},
                                 {"y": np.float16, "n2": np.int32, "off": np.bool_})
                np.testing.assert_array_equal(out["y"], x + 3 if on else x)
                np.testing.assert_array_equal(out["n2"], [6])
                self.assertEqual((out["off"].shape, bool(out["off"])), ((), not on))

    def test_unsupported_dtype_names_the_input(self):
        with self.assertRaises(TypeError) as e:
            ort.run_typed("unused.onnx", {"x": np.zeros(2, np.float64)})
        self.assertIn("'x'", str(e.exception))
        self.assertIn("float64", str(e.exception))


if __name__ == "__main__":
    unittest.main()
