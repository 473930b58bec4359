"""Tests for the exported flow prior (models/glyphs-prior/). Need no download and no checkpoint: the PyTorch flow is
rebuilt from forward.onnx's weights; the codes are heldout.json's font styles, flow samples and random points.

  cd models/training && /usr/bin/python3 -m unittest glyph-prior.test_export -v

* model.json: files (sha256, bytes, roles), opset 13-17, float32, no external data, < 2 MB, the manifest layout, the
  prior section (for "glyphs", dim = the glyph model's latent dim, 101 strictly increasing quantiles)
* inverse(forward(z)) = z to 1e-4 (PyTorch and ONNX on onnxruntime-node), on held-out font styles and flow samples
  at T = 1 and 1.5; forward(inverse(u)) = u too
* logdet = log |det| of the Jacobian du/dz: autograd (float64) and a central-difference numerical Jacobian
* ONNX == PyTorch for both graphs (batch sizes other than the traced one; a row does not depend on its batch)
* heldout.json's log q and percentiles follow from the graphs, the manifest's formula and quantiles; the quantiles
  follow from the training codes (only where codes.py's cache exists)
* density: a real font style is more likely than a far-out point; shrinking u towards 0 raises log q (flow samples
  at T = 1.5 and N(0, I) draws)
"""
import json
import math
import os
import unittest

import numpy as np
import torch

from common import have_ort_node, run_onnx
from common.flow_testing import assert_graph_files, assert_logdet_is_jacobian, assert_onnx_parity, flow_from_onnx

from .model import LatentFlow

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "glyphs-prior"))
GLYPHS_MANIFEST = os.path.normpath(os.path.join(HERE, "..", "..", "glyphs", "model.json"))
MANIFEST = os.path.join(MODEL_DIR, "model.json")
FWD = os.path.join(MODEL_DIR, "forward.onnx")
INV = os.path.join(MODEL_DIR, "inverse.onnx")
HELDOUT = os.path.join(MODEL_DIR, "heldout.json")
CODES = os.path.join(HERE, ".cache", "codes.npz")
LOG_2PI = math.log(2 * math.pi)


def torch_from_onnx(cfg):
    """The PyTorch flow with forward.onnx's weights."""
    return flow_from_onnx(LatentFlow(**cfg), FWD)


def log_q(u, logdet):
    """The manifest's formula."""
    u = np.asarray(u, np.float64)
    return -0.5 * (u ** 2).sum(1) - 0.5 * u.shape[1] * LOG_2PI + np.asarray(logdet, np.float64)


class TestExport(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(MANIFEST) as f:
            cls.man = json.load(f)
        cls.pri = cls.man["prior"]
        cls.D = cls.pri["dim"]
        cls.model = torch_from_onnx(cls.man["training"]["config"])
        with open(HELDOUT) as f:
            cls.fonts = json.load(f)["fonts"]
        cls.styles = np.array([r["z"] for r in cls.fonts], np.float32)
        rng = np.random.default_rng(0)
        with torch.no_grad():
            cls.flow_samples = cls.model.inverse(torch.from_numpy(rng.standard_normal((64, cls.D)).astype(np.float32))
                                                 ).numpy()
            cls.wide = cls.model.inverse(torch.from_numpy(1.5 * rng.standard_normal((64, cls.D)).astype(np.float32))
                                         ).numpy()
        # N(0, I) draws: the VAE's prior, far from where the encoder puts real glyphs in the ignored dimensions
        cls.normal = rng.standard_normal((64, cls.D)).astype(np.float32)
        cls.z = np.concatenate([cls.styles, cls.flow_samples, cls.wide])

    def test_manifest_files(self):
        assert_graph_files(self, self.man["files"], self.pri["io"], FWD, INV)

    def test_manifest_layout(self):
        man, pri = self.man, self.pri
        for k, v in (("id", "glyphs-prior"), ("family", "flow"), ("task", "latent-prior"), ("license", "OFL-1.1")):
            self.assertEqual(man[k], v)
        self.assertEqual(set(pri), {"for", "dim", "forward", "inverse", "io", "logDensity", "quantilesOver",
                                    "logDensityQuantiles", "heldOutMeanLogDensity"})
        with open(GLYPHS_MANIFEST) as f:
            glyphs = json.load(f)
        self.assertEqual((pri["for"], pri["dim"]), ("glyphs", glyphs["latent"]["dim"]))
        self.assertEqual((pri["forward"], pri["inverse"]), ("forward.onnx", "inverse.onnx"))
        self.assertEqual(man["inputs"], pri["io"]["forward"]["inputs"])
        self.assertEqual(man["outputs"], pri["io"]["forward"]["outputs"])
        q = pri["logDensityQuantiles"]
        self.assertEqual(len(q), 101)
        self.assertTrue(all(b > a for a, b in zip(q, q[1:])), "quantiles must increase")
        self.assertTrue(q[0] < pri["heldOutMeanLogDensity"] < q[100])
        tr = man["training"]
        self.assertEqual(tr["code"], "models/training/glyph-prior")
        for k in ("data", "dataLicense", "steps", "durationMinutes", "device", "config"):
            self.assertIn(k, tr)
        self.assertTrue(all(isinstance(v, (int, float)) for v in man["metrics"].values()))

    def test_round_trip_torch(self):
        with torch.no_grad():
            u, _ = self.model(torch.from_numpy(self.z))
            back = self.model.inverse(u).numpy()
            u2 = torch.from_numpy(np.random.default_rng(1).standard_normal((50, self.D)).astype(np.float32))
            u_back, _ = self.model(self.model.inverse(u2))
        self.assertLess(float(np.abs(back - self.z).max()), 1e-4)
        self.assertLess(float((u_back - u2).abs().max()), 1e-4)

    def test_logdet_is_log_abs_det_jacobian(self):
        m = torch_from_onnx(self.man["training"]["config"]).double()
        pts = np.concatenate([self.styles[:3], self.wide[:2]]).astype(np.float64)
        ld_graph = assert_logdet_is_jacobian(self, m, pts, delta=1e-6)
        for i in range(len(pts)):  # and a numerical Jacobian: central differences
            z = torch.from_numpy(pts[i:i + 1])
            h = 1e-5
            num = np.zeros((self.D, self.D))
            with torch.no_grad():
                for d in range(self.D):
                    e = torch.zeros_like(z)
                    e[0, d] = h
                    num[:, d] = ((m(z + e)[0] - m(z - e)[0]) / (2 * h)).numpy()[0]
            self.assertAlmostEqual(float(np.linalg.slogdet(num)[1]), float(ld_graph[i]), delta=1e-4)

    @unittest.skipUnless(have_ort_node(), "needs node and onnxruntime-node (npm install at the repository root)")
    def test_onnx_round_trip_and_parity(self):
        assert_onnx_parity(self, self.model, FWD, INV, self.z, ("z", "u"), seed=2)

    def test_heldout_fixture_follows_from_the_formula(self):
        self.assertGreaterEqual(len(self.fonts), 16)
        if have_ort_node():
            out, _, _ = run_onnx(FWD, {"z": self.styles})
            u, ld = out["u"], out["logdet"]
        else:
            with torch.no_grad():
                u, ld = (t.numpy() for t in self.model(torch.from_numpy(self.styles)))
        lq = log_q(u, ld)
        np.testing.assert_allclose(lq, [r["logDensity"] for r in self.fonts], atol=1e-3)
        pct = np.interp(lq, self.pri["logDensityQuantiles"], np.arange(101))
        np.testing.assert_allclose(pct, [r["percentile"] for r in self.fonts], atol=0.05)
        normal = -0.5 * (self.styles.astype(np.float64) ** 2).sum(1) - 0.5 * self.D * LOG_2PI
        np.testing.assert_allclose(normal, [r["normalLogDensity"] for r in self.fonts], atol=1e-3)

    def test_density_ranks_real_styles_above_far_points_and_shrinking_u_raises_it(self):
        with torch.no_grad():
            lq_real = self.model.log_prob(torch.from_numpy(self.styles)).numpy()
            far = self.model.log_prob(torch.full((1, self.D), 4.0)).numpy()
            self.assertTrue((lq_real > far[0]).all())
            for pts in (self.wide, self.normal):
                u, _ = self.model(torch.from_numpy(pts))
                before = self.model.log_prob(torch.from_numpy(pts)).numpy()
                after = self.model.log_prob(self.model.inverse(0.5 * u)).numpy()
                self.assertGreater(float(np.mean(after > before)), 0.9)

    @unittest.skipUnless(os.path.exists(CODES), "needs glyph-prior/.cache/codes.npz (python3 -m glyph-prior.codes)")
    def test_quantiles_follow_from_the_training_codes(self):
        d = np.load(CODES)
        tr = d["split"] != 2
        mu = d["mean"][tr].reshape(-1, self.D)
        sd = np.exp(0.5 * d["logvar"][tr].reshape(-1, self.D))
        if self.man["training"]["codes"].startswith("the posterior mean"):
            z = mu.astype(np.float32)
        else:
            rng = np.random.default_rng(7)
            z = (mu + sd * rng.standard_normal(mu.shape)).astype(np.float32)   # other draws than evaluate.py's
        with torch.no_grad():
            lq = self.model.log_prob(torch.from_numpy(z)).double().numpy()
        q = np.percentile(lq, np.arange(101))
        np.testing.assert_allclose(q[5:96], self.pri["logDensityQuantiles"][5:96], atol=0.1)


if __name__ == "__main__":
    unittest.main()
