"""Tests for the exported palette flow (models/palettes/). Need no download and no checkpoint: the PyTorch flow
is rebuilt from forward.onnx's weights, the palettes come from data/split.json.

  cd models/training && /usr/bin/python3 -m unittest palettes.test_export -v

* colour: sRGB 8-bit -> OKLab -> sRGB 8-bit is exact over a grid; reference OKLab values
* model.json: files (sha256, bytes, roles), opset 13-17, float32, no external data, < 2 MB, the manifest layout,
  the palette section (15 means / stds, 101 strictly increasing quantiles)
* inverse(forward(x)) = x to 1e-4 over every training palette, in PyTorch and in ONNX (onnxruntime-node)
* logdet = log |det| of the autograd Jacobian dz/dx on a few palettes (float64), to 1e-3
* ONNX == PyTorch for both graphs (batch sizes other than the traced one)
* the manifest's quantiles and held-out mean log-likelihood follow from the graphs and the formula;
  heldout.json's palettes reproduce their stored OKLab and log p(x)
"""
import json
import math
import os
import unittest

import numpy as np
import torch

from common import have_ort_node, run_onnx
from common.flow_testing import assert_graph_files, assert_logdet_is_jacobian, assert_onnx_parity, flow_from_onnx

from .color import oklab_to_srgb8, srgb8_to_oklab
from .dataset import arrays, load_split, oklab15
from .model import PaletteFlow

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "palettes"))
MANIFEST = os.path.join(MODEL_DIR, "model.json")
FWD = os.path.join(MODEL_DIR, "forward.onnx")
INV = os.path.join(MODEL_DIR, "inverse.onnx")
HELDOUT = os.path.join(MODEL_DIR, "heldout.json")
LOG_2PI = math.log(2 * math.pi)


def torch_from_onnx(cfg):
    """The PyTorch flow with forward.onnx's weights."""
    return flow_from_onnx(PaletteFlow(**cfg), FWD)


class TestColor(unittest.TestCase):
    def test_round_trip_and_reference(self):
        g = np.stack(np.meshgrid(*[np.arange(0, 256, 5)] * 3, indexing="ij"), -1).reshape(-1, 3)
        np.testing.assert_array_equal(oklab_to_srgb8(srgb8_to_oklab(g)), g)
        # Ottosson's reference: sRGB red, white, black
        np.testing.assert_allclose(srgb8_to_oklab([[255, 0, 0], [255, 255, 255], [0, 0, 0]]),
                                   [[0.627955, 0.224863, 0.125846], [1, 0, 0], [0, 0, 0]], atol=2e-6)


class TestExport(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(MANIFEST) as f:
            cls.man = json.load(f)
        cls.pal = cls.man["palette"]
        cls.mean, cls.std = np.array(cls.pal["mean"]), np.array(cls.pal["std"])
        cls.model = torch_from_onnx(cls.man["training"]["config"])
        cls.split = load_split()
        a = arrays(cls.split)
        cls.x_train = ((oklab15(a["train"]) - cls.mean) / cls.std).astype(np.float32)
        cls.x_held = ((oklab15(a["heldOut"]) - cls.mean) / cls.std).astype(np.float32)

    def log_p(self, z, logdet):
        """The manifest's formula, raw OKLab units."""
        z = np.asarray(z, np.float64)
        return -0.5 * (z ** 2).sum(1) - 7.5 * LOG_2PI + np.asarray(logdet, np.float64) - np.log(self.std).sum()

    def test_manifest_files(self):
        assert_graph_files(self, self.man["files"], self.pal["io"], FWD, INV)

    def test_manifest_layout(self):
        man, pal = self.man, self.pal
        for k, v in (("id", "palettes"), ("name", "Atelier Palettes"), ("family", "flow"), ("task", "palette"),
                     ("license", "MIT")):
            self.assertEqual(man[k], v)
        self.assertEqual(set(pal), {"colors", "space", "mean", "std", "forward", "inverse", "io", "logLikelihood",
                                    "logLikelihoodQuantiles", "heldOutMeanLogLikelihood"})
        self.assertEqual((pal["colors"], pal["space"], pal["forward"], pal["inverse"]),
                         (5, "oklab", "forward.onnx", "inverse.onnx"))
        self.assertEqual(len(pal["mean"]), 15)
        self.assertEqual(len(pal["std"]), 15)
        self.assertTrue(all(s > 0 for s in pal["std"]))
        self.assertEqual(man["inputs"], pal["io"]["inverse"]["inputs"])
        self.assertEqual(man["outputs"], pal["io"]["inverse"]["outputs"])
        q = pal["logLikelihoodQuantiles"]
        self.assertEqual(len(q), 101)
        self.assertTrue(all(b > a for a, b in zip(q, q[1:])), "quantiles must increase")
        self.assertTrue(q[0] < pal["heldOutMeanLogLikelihood"] < q[100])
        tr = man["training"]
        self.assertEqual(tr["code"], "models/training/palettes")
        for k in ("data", "dataLicense", "steps", "durationMinutes", "device", "config"):
            self.assertIn(k, tr)
        self.assertTrue(all(isinstance(v, (int, float)) for v in man["metrics"].values()))

    def test_round_trip_torch(self):
        with torch.no_grad():
            z, _ = self.model(torch.from_numpy(self.x_train))
            back = self.model.inverse(z).numpy()
        self.assertLess(float(np.abs(back - self.x_train).max()), 1e-4)

    def test_logdet_is_log_abs_det_jacobian(self):
        m = torch_from_onnx(self.man["training"]["config"]).double()
        assert_logdet_is_jacobian(self, m, self.x_held[:4].astype(np.float64), delta=1e-3)

    @unittest.skipUnless(have_ort_node(), "needs node and onnxruntime-node (npm install at the repository root)")
    def test_onnx_round_trip_and_parity(self):
        assert_onnx_parity(self, self.model, FWD, INV, self.x_train, ("x", "z"), seed=0)

    def test_quantiles_and_held_out_mean_follow_from_the_formula(self):
        with torch.no_grad():
            lp_train = self.log_p(*self.model(torch.from_numpy(self.x_train)))
            lp_held = self.log_p(*self.model(torch.from_numpy(self.x_held)))
        np.testing.assert_allclose(np.percentile(lp_train, np.arange(101)), self.pal["logLikelihoodQuantiles"],
                                   atol=2e-3)
        self.assertAlmostEqual(float(lp_held.mean()), self.pal["heldOutMeanLogLikelihood"], delta=2e-3)
        self.assertEqual(self.man["metrics"]["heldOutPalettes"], len(lp_held))

    def test_heldout_fixture(self):
        with open(HELDOUT) as f:
            rows = json.load(f)["palettes"]
        self.assertGreaterEqual(len(rows), 16)
        train = {tuple(p["colors"]) for p in self.split["train"]}
        rgb = np.array([[[int(c[1 + 2 * k:3 + 2 * k], 16) for k in range(3)] for c in r["colors"]] for r in rows])
        x_raw = oklab15(rgb)
        np.testing.assert_allclose(x_raw, [r["oklab"] for r in rows], atol=1e-6)
        self.assertFalse(any(tuple(r["colors"]) in train for r in rows))
        x = ((x_raw - self.mean) / self.std).astype(np.float32)
        if have_ort_node():
            out, _, _ = run_onnx(FWD, {"x": x})
            z, ld = out["z"], out["logdet"]
        else:
            with torch.no_grad():
                z, ld = (t.numpy() for t in self.model(torch.from_numpy(x)))
        np.testing.assert_allclose(self.log_p(z, ld), [r["logLikelihood"] for r in rows], atol=1e-3)


if __name__ == "__main__":
    unittest.main()
