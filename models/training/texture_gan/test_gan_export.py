"""Tests of the texture GAN's ONNX export on a tiny randomly initialised model (fast; no data, no checkpoint).

  cd models/training && /usr/bin/python3 -m unittest texture_gan.test_gan_export -v

* the graph has the app's interface: inputs `noise` [1, 16, h, w] and `style` [1, S], output `image`, opset 17
* onnxruntime-node (common/ort.py) == PyTorch at 256 px, 512 px and a non-square size, output in [0, 1]
* seamless by construction: the periodic inputs have a whole number of periods across the canvas, and the wrap
  seam of a 512 px output lies within the range of the interior's latent-cell boundaries
* a blend of two styles is the generator at the blend of their codes
* config `pattern` starts as the shipped generator: with the shipped styles' codes it gives the shipped images,
  and the code table gives the source patterns those codes and every other pattern its own starting point
"""
import os
import tempfile
import unittest

import numpy as np
import torch

from texture.model import TextureGenerator
from texture.model import CONFIGS as SHIPPED_CONFIGS

from .export import check, export_onnx, seam_within_range
from .model import CONFIGS, STRIDE, Generator, StyleGenerator, init_from_shipped, shipped_codes
from .train import table_start


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


class TestPatternStart(unittest.TestCase):
    """The `pattern` config from a randomly initialised generator of the shipped shape (no ONNX file needed)."""

    @classmethod
    def setUpClass(cls):
        torch.manual_seed(1)
        cls.old = TextureGenerator(24, **SHIPPED_CONFIGS["small"]).eval()
        with torch.no_grad():  # FiLM starts at zero; give it weights so the style matters
            for m in cls.old.modules():
                if isinstance(m, torch.nn.Linear) and m.out_features != 64:
                    m.weight.normal_(0, 0.1)
        cls.G = Generator(**CONFIGS["pattern"]).eval()
        cls.copied = init_from_shipped(cls.G, cls.old)

    def test_shipped_styles_reproduced(self):
        self.assertGreater(self.copied, 40)
        codes = shipped_codes(self.old)
        noise = torch.randn(2, 16, 6, 5)
        outs = []
        for k in (0, 7, 23):
            style = torch.zeros(2, 24)
            style[:, k] = 1
            with torch.no_grad():
                want = self.old(noise, style)
                got = self.G(noise, codes[k:k + 1].expand(2, -1))
            torch.testing.assert_close(got, want, atol=1e-6, rtol=0)
            outs.append(want)
        self.assertGreater(float((outs[0] - outs[1]).abs().max()), 1e-3)  # the styles do differ

    def test_table_start(self):
        import json
        with open(os.path.join(os.path.dirname(__file__), "..", "texture", "styles.json")) as f:
            files = [s["file"] for s in json.load(f)]
        rng = np.random.default_rng(0)
        patterns = [dict(file=f, image=rng.random((8, 8, 3)).astype(np.float32)) for f in files]
        patterns += [dict(file=f"extra{i}", image=patterns[3]["image"] * 0.98) for i in range(3)]
        codes = shipped_codes(self.old)
        rows, is_source = table_start(codes, patterns)
        self.assertEqual(tuple(rows.shape), (27, 64))
        self.assertEqual(is_source.tolist(), [True] * 24 + [False] * 3)
        torch.testing.assert_close(rows[:24], codes)
        for i in range(3):  # each extra pattern at a point of its own
            self.assertGreater(float(torch.cdist(rows[24 + i:25 + i], rows[torch.arange(27) != 24 + i]).min()), 1e-3)
        centred, _ = table_start(codes, patterns, spread=0.0)  # without the offset: the closest source's code
        torch.testing.assert_close(centred[24:], codes[3:4].expand(3, -1))


if __name__ == "__main__":
    unittest.main()
