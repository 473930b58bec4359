"""Tests of the texture GAN's ONNX export on a tiny randomly initialised model (fast; no data, no checkpoint).

  cd models/training && /usr/bin/python3 -m unittest texture_gan.test_gan_export -v

* the graph has the app's interface: inputs `noise` [1, 16, h, w] and `style` [1, S], output `image`, opset 17
* onnxruntime-node (common/ort.py) == PyTorch at 256 px, 512 px and a non-square size, output in [0, 1]
* seamless by construction: the periodic inputs have a whole number of periods across the canvas, and the wrap
  seam of a 512 px output lies within the range of the interior's latent-cell boundaries
* a blend of two styles is the generator at the blend of their codes
"""
import os
import tempfile
import unittest

import numpy as np
import torch

from .export import check, export_onnx, seam_within_range
from .model import CONFIGS, STRIDE, Generator, StyleGenerator


class TestGanExport(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        torch.manual_seed(0)
        cfg = CONFIGS["tiny"]
        G = Generator(**cfg).eval()
        with torch.no_grad():  # larger wave vectors than at init, so several periods cross the canvas
            G.wave[-1].weight.mul_(8)
        cls.codes = np.random.default_rng(0).standard_normal((3, cfg["code"])).astype(np.float32)
        cls.model = StyleGenerator(G, cls.codes).eval()
        cls.tmp = tempfile.TemporaryDirectory()
        cls.path = os.path.join(cls.tmp.name, "texture.onnx")
        cls.onnx = export_onnx(cls.model, cls.path, latent=8)
        cls.results = check(cls.model, cls.path)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_interface(self):
        g = self.onnx.graph
        dims = lambda v: [d.dim_param or d.dim_value for d in v.type.tensor_type.shape.dim]  # noqa: E731
        self.assertEqual([i.name for i in g.input], ["noise", "style"])
        self.assertEqual(dims(g.input[0]), [1, 16, "h", "w"])
        self.assertEqual(dims(g.input[1]), [1, 3])
        self.assertEqual([o.name for o in g.output], ["image"])
        self.assertEqual(self.onnx.opset_import[0].version, 17)

    def test_onnx_matches_torch(self):
        shapes = [r[0] for r in self.results]
        self.assertEqual(shapes, [(1, 3, 256, 256), (1, 3, 512, 512), (1, 3, 192, 320)])
        for shape, err, backend, img in self.results:
            self.assertLess(err, 1e-4, f"{backend} {shape}")
            self.assertGreaterEqual(float(img.min()), 0.0)
            self.assertLessEqual(float(img.max()), 1.0)

    def test_whole_periods(self):
        G = self.model.G
        for h, w in ((32, 32), (24, 40)):
            noise = torch.randn(1, 16, h, w)
            with torch.no_grad():
                p = G.periodic(noise, torch.from_numpy(self.codes[:1])).numpy()[0]
            self.assertGreater(float(np.abs(p).max()), 0.5)
            # one more row/column continues the sinusoid exactly as the first one: whole periods
            ys, xs = np.meshgrid(np.arange(h + 1), np.arange(w + 1), indexing="ij")
            f = 0.5 * np.tanh(G.wave(torch.from_numpy(self.codes[:1])).detach().numpy()).reshape(2, -1)
            fy, fx = np.round(f[0] * h) / h, np.round(f[1] * w) / w
            ph = np.pi * noise.numpy()[0, :G.P, 0, 0]
            full = np.sin(2 * np.pi * (fy[:, None, None] * ys + fx[:, None, None] * xs) + ph[:, None, None])
            np.testing.assert_allclose(full[:, :h, :w], p, atol=1e-4)
            np.testing.assert_allclose(full[:, h, :w], full[:, 0, :w], atol=1e-4)
            np.testing.assert_allclose(full[:, :h, w], full[:, :h, 0], atol=1e-4)

    def test_seam_within_interior_range(self):
        img = [r[3] for r in self.results if r[0][2] == 512][0]
        for wrap, lo, hi in seam_within_range(img):
            self.assertGreaterEqual(wrap, lo)
            self.assertLessEqual(wrap, hi)

    def test_blend_is_code_blend(self):
        noise = torch.randn(1, 16, 4, 6)
        style = torch.tensor([[0.25, 0.0, 0.75]])
        code = torch.from_numpy(0.25 * self.codes[0] + 0.75 * self.codes[2])[None]
        with torch.no_grad():
            a = self.model(noise, style)
            b = self.model.G(noise, code)
        self.assertEqual(tuple(a.shape), (1, 3, 4 * STRIDE, 6 * STRIDE))
        torch.testing.assert_close(a, b, atol=1e-5, rtol=0)


if __name__ == "__main__":
    unittest.main()
