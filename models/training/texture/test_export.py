"""Tests for the exported texture generator.

  cd models/training && /usr/bin/python3 -m unittest texture.test_export -v

* the shipped models/texture/texture.onnx matches model.json (sha256, bytes, input shapes)
* its weights, loaded back into the PyTorch model, give the same output as the ONNX graph
  (onnxruntime-node from $ORT_NODE_MODULES, default: the repo's node_modules, or onnx.reference),
  at a spatial size different from the one used for tracing, non-square
* rolling the noise by one latent cell rolls the image by exactly `stride` px (PyTorch and ONNX)
* a 2x2-tiled noise gives a 2x2-tiled image (seamless tiling) on a 2-latent-cell input
"""
import hashlib
import json
import os
import unittest

import numpy as np
import onnx
import torch
from onnx import numpy_helper

from common import run_onnx

from .model import CONFIGS, STRIDE, TextureGenerator

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "texture"))
ONNX_PATH = os.path.join(MODEL_DIR, "texture.onnx")
MANIFEST = os.path.join(MODEL_DIR, "model.json")


def torch_from_onnx(path):
    """Rebuild the PyTorch generator from the ONNX initializers."""
    m = onnx.load(path)
    inits = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer}
    K = [i for i in m.graph.input if i.name == "style"][0].type.tensor_type.shape.dim[1].dim_value
    for cfg in CONFIGS.values():
        G = TextureGenerator(K, **cfg)
        sd = G.state_dict()
        if all(k not in inits or tuple(inits[k].shape) == tuple(v.shape) for k, v in sd.items()) and \
                sd["in8.conv.weight"].shape == inits["in8.conv.weight"].shape and \
                sum(1 for k in sd if k.startswith("res.")) == sum(1 for k in inits if k.startswith("res.")):
            break
    else:
        raise AssertionError("ONNX weights match no config")
    new = {}
    for k, v in sd.items():
        if k in inits:
            new[k] = torch.from_numpy(inits[k].copy())
        else:  # the bias-free style Linear is exported as MatMul with a transposed, renamed weight
            cands = [a for n, a in inits.items() if n.startswith("onnx::") and a.shape == tuple(v.shape)[::-1]]
            assert len(cands) == 1, k
            new[k] = torch.from_numpy(cands[0].T.copy())
    G.load_state_dict(new)
    return G.eval()


class TestExport(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.G = torch_from_onnx(ONNX_PATH)
        with open(MANIFEST) as f:
            cls.man = json.load(f)
        cls.rng = np.random.default_rng(0)

    def style(self, k=0):
        s = np.zeros((1, self.G.num_styles), np.float32)
        s[0, k] = 1
        return s

    def test_manifest(self):
        f = self.man["files"][0]
        with open(ONNX_PATH, "rb") as fh:
            data = fh.read()
        self.assertEqual(f["bytes"], len(data))
        self.assertEqual(f["sha256"], hashlib.sha256(data).hexdigest())
        self.assertEqual(self.man["inputs"][0]["shape"], [1, self.G.z, "h", "w"])
        self.assertEqual(self.man["inputs"][1]["shape"], [1, self.G.num_styles])
        self.assertEqual(self.man["texture"]["latentChannels"], self.G.z)
        self.assertEqual(self.man["texture"]["latentStride"], STRIDE)
        self.assertEqual(len(self.man["texture"]["styles"]), self.G.num_styles)

    def test_onnx_matches_torch(self):
        noise = self.rng.standard_normal((1, self.G.z, 6, 10)).astype(np.float32)
        style = self.style(3) * 0.6 + self.style(7) * 0.4  # a blend
        with torch.no_grad():
            ref = self.G(torch.from_numpy(noise), torch.from_numpy(style)).numpy()
        outs, backend, _ = run_onnx(ONNX_PATH, {"noise": noise, "style": style})
        got = outs["image"]
        self.assertEqual(got.shape, (1, 3, 6 * STRIDE, 10 * STRIDE))
        self.assertLess(float(np.abs(got - ref).max()), 1e-4, backend)
        self.assertGreaterEqual(float(got.min()), 0.0)
        self.assertLessEqual(float(got.max()), 1.0)

    def _check_roll(self, f):
        noise = self.rng.standard_normal((1, self.G.z, 2, 2)).astype(np.float32)  # 2 latent cells = 16 px
        a = f(noise)
        b = f(np.roll(noise, (1, 1), axis=(2, 3)))
        np.testing.assert_allclose(np.roll(a, (STRIDE, STRIDE), axis=(2, 3)), b, atol=1e-5)
        big = f(np.tile(noise, (1, 1, 2, 2)))  # periodic noise -> periodic image == seamless tiling
        np.testing.assert_allclose(np.tile(a, (1, 1, 2, 2)), big, atol=1e-5)

    def test_roll_torch(self):
        style = torch.from_numpy(self.style(1))

        def f(n):
            with torch.no_grad():
                return self.G(torch.from_numpy(n), style).numpy()
        self._check_roll(f)

    def test_roll_onnx(self):
        self._check_roll(lambda n: run_onnx(ONNX_PATH, {"noise": n, "style": self.style(1)})[0]["image"])


if __name__ == "__main__":
    unittest.main()
