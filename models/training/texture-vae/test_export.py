"""Tests for the exported texture VAE (models/texture-vae/).

  cd models/training && /usr/bin/python3 -m unittest texture-vae.test_export -v

* model.json follows the latent-model contract (keys, names, shapes, unconditional: no `char`, no `condition`)
  and its sha256 / bytes match encoder.onnx and decoder.onnx
* the ONNX weights, loaded back into the PyTorch model, give the same outputs as the ONNX graphs
  (onnxruntime-node from $ORT_NODE_MODULES, default: the repo's node_modules, else onnx.reference),
  for both graphs, at batch sizes other than the traced one
* decoding is deterministic, and a batch of 25 decodes exactly like 25 single decodes (grid == drag)
* latent.pca: D orthonormal unit rows, variances sorted descending, mean of length D
* (if the data is present) held-out center crops reconstruct under recon.threshold mostly
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

from .model import CONFIGS, VAE

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "texture-vae"))
ENC = os.path.join(MODEL_DIR, "encoder.onnx")
DEC = os.path.join(MODEL_DIR, "decoder.onnx")
MANIFEST = os.path.join(MODEL_DIR, "model.json")
LATENT_KEYS = {"dim", "width", "height", "channels", "ink", "encoder", "preprocess", "pca", "recon"}


def vae_from_onnx():
    """Rebuild the PyTorch VAE from the initializers of the two ONNX files (tries every config)."""
    inits = {}
    for prefix, path in (("encoder.", ENC), ("decoder.", DEC)):
        for i in onnx.load(path).graph.initializer:
            inits[prefix + i.name] = numpy_helper.to_array(i)
    for name in CONFIGS:
        vae = VAE(name)
        sd = vae.state_dict()
        if all(k in inits and inits[k].shape == tuple(v.shape) for k, v in sd.items()):
            vae.load_state_dict({k: torch.from_numpy(inits[k].copy()) for k in sd})
            return vae.eval()
    raise AssertionError("ONNX weights match no config in model.py")


class TestExport(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.vae = vae_from_onnx()
        with open(MANIFEST) as f:
            cls.man = json.load(f)
        cls.D = cls.man["latent"]["dim"]
        cls.rng = np.random.default_rng(0)

    def test_manifest_files(self):
        files = {f["role"]: f for f in self.man["files"]}
        self.assertEqual(set(files), {"encoder", "decoder"})
        total = 0
        for role, path in (("encoder", ENC), ("decoder", DEC)):
            with open(path, "rb") as fh:
                data = fh.read()
            self.assertEqual(files[role]["path"], os.path.basename(path))
            self.assertEqual(files[role]["bytes"], len(data))
            self.assertEqual(files[role]["sha256"], hashlib.sha256(data).hexdigest())
            total += len(data)
            m = onnx.load(path)
            self.assertEqual(len(m.graph.initializer) > 0, True)
            self.assertTrue(13 <= max(o.version for o in m.opset_import if o.domain in ("", "ai.onnx")) <= 17)
        self.assertLess(total, 10_000_000)

    def test_manifest_contract(self):
        m = self.man
        self.assertEqual((m["id"], m["family"], m["task"]), ("texture-vae", "vae", "latent"))
        self.assertEqual(m["inputs"], [{"name": "z", "dtype": "float32", "shape": ["batch", self.D]}])
        self.assertEqual(m["outputs"], [{"name": "image", "dtype": "float32", "shape": ["batch", 3, 64, 64]}])
        lat = m["latent"]
        self.assertEqual(set(lat), LATENT_KEYS)  # no extra keys, no "condition"
        self.assertEqual((lat["dim"], lat["width"], lat["height"], lat["channels"]), (self.vae.dim, 64, 64, 3))
        self.assertIs(lat["ink"], False)
        self.assertEqual(lat["preprocess"], "center-crop")
        self.assertEqual(lat["encoder"]["inputs"], [{"name": "image", "dtype": "float32", "shape": ["batch", 3, 64, 64]}])
        self.assertEqual(lat["encoder"]["outputs"], [{"name": "mean", "dtype": "float32", "shape": ["batch", self.D]},
                                                     {"name": "logvar", "dtype": "float32", "shape": ["batch", self.D]}])
        self.assertGreater(lat["recon"]["threshold"], 0)
        self.assertGreater(lat["recon"]["heldOutMse"], 0)
        self.assertLessEqual(lat["recon"]["heldOutMse"], lat["recon"]["threshold"])
        for key in ("code", "data", "dataLicense", "steps", "durationMinutes", "device"):
            self.assertIn(key, m["training"])

    def test_vae_gan_decoder_sharper_than_the_one_it_replaced(self):
        with open(MANIFEST) as f:
            m = json.load(f)
        if not m["version"].startswith("2."):
            self.skipTest("a 1.x manifest has no VAE-GAN decoder")
        x = m["metrics"]
        for key in ("reconGradEnergyRatio", "priorGradEnergyRatio", "reconHighFreqRatio"):
            self.assertGreater(x[key], x[key + "Old"], key)
        for key in ("reconPatchSWD", "priorPatchSWD"):
            self.assertLess(x[key], x[key + "Old"], key)
        self.assertLess(x["heldOutMse"], 1.02 * x["heldOutMseOld"])  # sharper at almost no cost in error
        self.assertEqual([s["what"] for s in m["training"]["stages"]],
                         ["VAE (train.py)", "VAE-GAN decoder (train_gan.py)"])

    def test_graph_io_names(self):
        for path, ins, outs in ((DEC, ["z"], ["image"]), (ENC, ["image"], ["mean", "logvar"])):
            g = onnx.load(path).graph
            self.assertEqual([i.name for i in g.input if i.name not in {x.name for x in g.initializer}], ins)
            self.assertEqual([o.name for o in g.output], outs)
            for v in list(g.input)[:1] + list(g.output):
                self.assertEqual(v.type.tensor_type.shape.dim[0].dim_param, "batch")
                self.assertEqual(v.type.tensor_type.elem_type, onnx.TensorProto.FLOAT)

    def test_decoder_onnx_matches_torch(self):
        z = self.rng.standard_normal((3, self.D)).astype(np.float32) * 1.5
        with torch.no_grad():
            ref = self.vae.decoder(torch.from_numpy(z)).numpy()
        got, backend, _ = run_onnx(DEC, {"z": z})
        img = got["image"]
        self.assertEqual(img.shape, (3, 3, 64, 64))
        self.assertLess(float(np.abs(img - ref).max()), 1e-4, backend)
        self.assertGreaterEqual(float(img.min()), 0.0)
        self.assertLessEqual(float(img.max()), 1.0)

    def test_encoder_onnx_matches_torch(self):
        x = self.rng.random((3, 3, 64, 64)).astype(np.float32)
        x[1] = np.linspace(0, 1, 64, dtype=np.float32)[None, None, :]  # a smooth gradient too
        with torch.no_grad():
            m, lv = (t.numpy() for t in self.vae.encoder(torch.from_numpy(x)))
        got, backend, _ = run_onnx(ENC, {"image": x})
        self.assertEqual(got["mean"].shape, (3, self.D))
        self.assertLess(float(np.abs(got["mean"] - m).max()), 1e-3, backend)
        self.assertLess(float(np.abs(got["logvar"] - lv).max()), 1e-3, backend)

    def test_decode_deterministic_and_batch_consistent(self):
        z = self.rng.standard_normal((25, self.D)).astype(np.float32)
        a = run_onnx(DEC, {"z": z})[0]["image"]
        b = run_onnx(DEC, {"z": z})[0]["image"]
        np.testing.assert_array_equal(a, b)
        singles = np.concatenate([run_onnx(DEC, {"z": z[i:i + 1]})[0]["image"] for i in (0, 7, 24)])
        np.testing.assert_allclose(singles, a[[0, 7, 24]], atol=1e-5)

    def test_pca(self):
        pca = self.man["latent"]["pca"]
        dirs = np.array(pca["directions"], dtype=np.float64)
        var = np.array(pca["variance"])
        self.assertEqual(dirs.shape, (self.D, self.D))
        self.assertEqual(len(pca["mean"]), self.D)
        np.testing.assert_allclose(dirs @ dirs.T, np.eye(self.D), atol=1e-5)
        self.assertTrue(np.all(np.diff(var) <= 0) and np.all(var >= 0))

    def test_heldout_recon_under_threshold(self):
        try:
            from .data import center_crop, load_patterns, split, to_chw
            held = split(load_patterns())[1]
        except FileNotFoundError:
            self.skipTest("pattern data not fetched (sh texture-vae/fetch_data.sh)")
        x = to_chw([center_crop(p["image"]) for p in held])
        mean = run_onnx(ENC, {"image": x})[0]["mean"]
        rec = run_onnx(DEC, {"z": mean})[0]["image"]
        mse = ((rec - x) ** 2).reshape(len(x), -1).mean(1)
        # the threshold is the 95th percentile over 272 held-out images; center crops alone: allow 2 above
        self.assertLessEqual(int((mse > self.man["latent"]["recon"]["threshold"]).sum()), 2, mse.tolist())


if __name__ == "__main__":
    unittest.main()
