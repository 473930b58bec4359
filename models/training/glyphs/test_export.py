"""Tests for the exported glyph VAE (models/glyphs/).

  cd models/training && /usr/bin/python3 -m unittest glyphs.test_export -v

* model.json: sha256 + bytes of both ONNX files, size budget, exact latent-manifest layout, graph I/O names,
  dtypes and the dynamic "batch" axis, opset, no external data
* the ONNX weights, loaded back into the PyTorch modules, give the same outputs as the ONNX graphs
  (onnxruntime-node from $ORT_NODE_MODULES, default the repo's node_modules, or onnx.reference) - both graphs,
  batch sizes different from the traced one, tolerance 1e-4
* decoding is deterministic and independent of the batch it is in; output in [0, 1]
* PCA directions are orthonormal (|U U^T - I| < 1e-4), variances sorted descending
* boxes cover the whole charset and lie inside the 64x64 frame
* (if the rendered data set .cache/glyphs.npz exists) held-out glyphs round-trip encode -> decode under the
  manifest's recon.threshold for >= 90% of a sample, through the ONNX graphs
"""
import hashlib
import json
import os
import unittest

import numpy as np
import onnx
import torch
from onnx import numpy_helper

from .model import CHARSET, CONFIGS, GlyphVAE
from .onnx_util import run_onnx

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "glyphs"))
MANIFEST = os.path.join(MODEL_DIR, "model.json")
ENC = os.path.join(MODEL_DIR, "encoder.onnx")
DEC = os.path.join(MODEL_DIR, "decoder.onnx")
NPZ = os.path.join(HERE, ".cache", "glyphs.npz")


def torch_from_onnx():
    dec = {i.name: numpy_helper.to_array(i) for i in onnx.load(DEC).graph.initializer}
    enc = {i.name[len("enc."):]: numpy_helper.to_array(i) for i in onnx.load(ENC).graph.initializer
           if i.name.startswith("enc.")}
    for name in CONFIGS:
        m = GlyphVAE(name)
        sd_d, sd_e = m.decoder.state_dict(), m.encoder.state_dict()
        if set(sd_d) == set(dec) and set(sd_e) == set(enc) and \
                all(sd_d[k].shape == dec[k].shape for k in sd_d) and all(sd_e[k].shape == enc[k].shape for k in sd_e):
            m.decoder.load_state_dict({k: torch.from_numpy(v.copy()) for k, v in dec.items()})
            m.encoder.load_state_dict({k: torch.from_numpy(v.copy()) for k, v in enc.items()})
            return m.eval()
    raise AssertionError("ONNX weights match no config in model.py")


def shape_of(vi):
    return [d.dim_param if d.dim_param else d.dim_value for d in vi.type.tensor_type.shape.dim]


DTYPES = {onnx.TensorProto.FLOAT: "float32", onnx.TensorProto.INT64: "int64"}


class TestExport(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(MANIFEST) as f:
            cls.man = json.load(f)
        cls.model = torch_from_onnx()
        cls.D = cls.man["latent"]["dim"]
        cls.rng = np.random.default_rng(0)

    def test_manifest_files(self):
        total = 0
        for entry, path, role in zip(self.man["files"], (ENC, DEC), ("encoder", "decoder")):
            with open(path, "rb") as fh:
                data = fh.read()
            self.assertEqual(entry["path"], os.path.basename(path))
            self.assertEqual(entry["role"], role)
            self.assertEqual(entry["bytes"], len(data))
            self.assertEqual(entry["sha256"], hashlib.sha256(data).hexdigest())
            total += len(data)
            m = onnx.load(path)
            onnx.checker.check_model(m)
            opset = [o.version for o in m.opset_import if o.domain in ("", "ai.onnx")][0]
            self.assertTrue(13 <= opset <= 17, opset)
            for init in m.graph.initializer:
                self.assertNotEqual(init.data_location, onnx.TensorProto.EXTERNAL)
                self.assertEqual(init.data_type, onnx.TensorProto.FLOAT)
        self.assertLess(total, 8_000_000)

    def test_manifest_layout(self):
        man, D = self.man, self.D
        for k, v in (("id", "glyphs"), ("name", "Glyph Styles"), ("version", "1.1.0"), ("family", "vae"),
                     ("task", "latent")):
            self.assertEqual(man[k], v)
        self.assertTrue(man["license"])
        lat = man["latent"]
        self.assertEqual(set(lat), {"dim", "width", "height", "channels", "ink", "encoder", "preprocess",
                                    "condition", "pca", "recon"})
        self.assertEqual((lat["width"], lat["height"], lat["channels"], lat["ink"], lat["preprocess"]),
                         (64, 64, 1, True, "glyph-box"))
        self.assertTrue(16 <= D <= 32)
        self.assertEqual(man["inputs"], [{"name": "z", "dtype": "float32", "shape": ["batch", D]},
                                         {"name": "char", "dtype": "int64", "shape": ["batch"]}])
        self.assertEqual(man["outputs"], [{"name": "image", "dtype": "float32", "shape": ["batch", 1, 64, 64]}])
        self.assertEqual(lat["encoder"]["inputs"], [{"name": "image", "dtype": "float32", "shape": ["batch", 1, 64, 64]},
                                                    {"name": "char", "dtype": "int64", "shape": ["batch"]}])
        self.assertEqual(lat["encoder"]["outputs"], [{"name": "mean", "dtype": "float32", "shape": ["batch", D]},
                                                     {"name": "logvar", "dtype": "float32", "shape": ["batch", D]}])
        self.assertEqual(set(lat["condition"]), {"input", "charset", "baseline", "boxes"})
        self.assertEqual(lat["condition"]["input"], "char")
        self.assertEqual(lat["condition"]["charset"], CHARSET)
        self.assertTrue(0 < lat["condition"]["baseline"] < 64)
        self.assertEqual(set(lat["pca"]), {"mean", "directions", "variance"})
        self.assertEqual(set(lat["recon"]), {"heldOutMse", "threshold"})
        self.assertTrue(0 < lat["recon"]["heldOutMse"] <= lat["recon"]["threshold"] < 1)
        tr = man["training"]
        self.assertEqual(tr["code"], "models/training/glyphs")
        self.assertEqual(tr["device"], "cpu")
        self.assertGreater(tr["steps"], 0)
        for k in ("data", "dataLicense", "durationMinutes"):
            self.assertIn(k, tr)
        self.assertTrue(all(isinstance(v, (int, float)) for v in man["metrics"].values()))

    def test_graph_io_matches_manifest(self):
        for path, ins, outs in ((DEC, self.man["inputs"], self.man["outputs"]),
                                (ENC, self.man["latent"]["encoder"]["inputs"], self.man["latent"]["encoder"]["outputs"])):
            g = onnx.load(path).graph
            inits = {i.name for i in g.initializer}
            gi = [i for i in g.input if i.name not in inits]
            for vi, spec in list(zip(gi, ins)) + list(zip(g.output, outs)):
                self.assertEqual(vi.name, spec["name"])
                self.assertEqual(DTYPES[vi.type.tensor_type.elem_type], spec["dtype"])
                self.assertEqual(shape_of(vi), spec["shape"])
            self.assertEqual((len(gi), len(g.output)), (len(ins), len(outs)))

    def test_decoder_onnx_matches_torch(self):
        for b in (1, 7):
            z = (self.rng.standard_normal((b, self.D)) * 1.5).astype(np.float32)
            c = self.rng.integers(0, len(CHARSET), b).astype(np.int64)
            with torch.no_grad():
                ref = self.model.decoder(torch.from_numpy(z), torch.from_numpy(c)).numpy()
            got, backend, _ = run_onnx(DEC, {"z": z, "char": c})
            self.assertEqual(got["image"].shape, (b, 1, 64, 64))
            self.assertLess(float(np.abs(got["image"] - ref).max()), 1e-4, backend)
            self.assertGreaterEqual(float(got["image"].min()), 0.0)
            self.assertLessEqual(float(got["image"].max()), 1.0)

    def test_encoder_onnx_matches_torch(self):
        for b in (1, 6):
            x = (self.rng.random((b, 1, 64, 64)) ** 3).astype(np.float32)
            c = self.rng.integers(0, len(CHARSET), b).astype(np.int64)
            with torch.no_grad():
                rm, rl = self.model.encoder(torch.from_numpy(x), torch.from_numpy(c))
            got, backend, _ = run_onnx(ENC, {"image": x, "char": c})
            self.assertLess(float(np.abs(got["mean"] - rm.numpy()).max()), 1e-4, backend)
            self.assertLess(float(np.abs(got["logvar"] - rl.numpy()).max()), 1e-4, backend)

    def test_decode_deterministic_and_batch_independent(self):
        z = self.rng.standard_normal((16, self.D)).astype(np.float32)
        c = np.array([CHARSET.index(ch) for ch in "Atelier studio 1"[:16].replace(" ", "x")], np.int64)
        a, _, _ = run_onnx(DEC, {"z": z, "char": c})
        b, _, _ = run_onnx(DEC, {"z": z, "char": c})
        np.testing.assert_array_equal(a["image"], b["image"])
        one, _, _ = run_onnx(DEC, {"z": z[3:4], "char": c[3:4]})
        np.testing.assert_allclose(one["image"][0], a["image"][3], atol=1e-5)

    def test_pca_orthonormal(self):
        p, D = self.man["latent"]["pca"], self.D
        U = np.array(p["directions"], np.float64)
        self.assertEqual(U.shape, (D, D))
        self.assertEqual(len(p["mean"]), D)
        self.assertEqual(len(p["variance"]), D)
        self.assertLess(float(np.abs(U @ U.T - np.eye(D)).max()), 1e-4)
        v = np.array(p["variance"])
        self.assertTrue(np.all(v >= 0) and np.all(np.diff(v) <= 0))

    def test_boxes_cover_charset(self):
        boxes = self.man["latent"]["condition"]["boxes"]
        self.assertEqual(set(boxes), set(CHARSET))
        for ch, (x0, y0, x1, y1) in boxes.items():
            self.assertTrue(0 <= x0 < x1 <= 64 and 0 <= y0 < y1 <= 64, ch)
        base = self.man["latent"]["condition"]["baseline"]
        self.assertAlmostEqual(boxes["H"][3], base, delta=1.0)   # H sits on the baseline
        self.assertAlmostEqual((boxes["H"][0] + boxes["H"][2]) / 2, 32.0, delta=0.75)

    @unittest.skipUnless(os.path.exists(NPZ), "rendered data set not built (python3 -m glyphs.dataset --rebuild)")
    def test_heldout_roundtrip_under_threshold(self):
        d = np.load(NPZ)
        ho = np.nonzero(d["split"] == 1)[0]
        rng = np.random.default_rng(5)
        f = rng.choice(ho, 40)
        c = rng.integers(0, len(CHARSET), 40).astype(np.int64)
        x = (d["images"][f, c].astype(np.float32) / 255.0)[:, None]
        enc, _, _ = run_onnx(ENC, {"image": x, "char": c})
        dec, _, _ = run_onnx(DEC, {"z": enc["mean"], "char": c})
        mse = ((dec["image"] - x) ** 2).mean(axis=(1, 2, 3))
        self.assertGreaterEqual(float((mse <= self.man["latent"]["recon"]["threshold"]).mean()), 0.9)


if __name__ == "__main__":
    unittest.main()
