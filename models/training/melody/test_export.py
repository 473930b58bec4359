"""Tests for the exported melody models (models/melody-vae/, models/melody-rnn/).

  cd models/training && /usr/bin/python3 -m unittest melody.test_export -v

* model.json: the INTERFACE.md contract (roles, melody block, tensor names/shapes), sha256 / bytes of the files,
  both models together under 16 MB; the ONNX graphs' own input/output names match the manifest
* the ONNX graphs give the same outputs as the PyTorch checkpoints they were exported from (runs/*_final.pt,
  skipped when absent; checked by the weight hash recorded in model.json): encoder, decoder_init, decoder_step
  over a few chained steps, and the RNN step over a few chained steps
* greedy decoding through the ONNX graphs is deterministic and batch-consistent; every held-out segment in
  models/melody-vae/heldout/ reconstructs (encode mean -> greedy decode) with accuracy >= recon.threshold
* melody.pca: D orthonormal rows, variances sorted descending
"""
import hashlib
import json
import os
import unittest

import numpy as np
import onnx
import torch

from .evaluate import load, weights_hash
from .export import onnx_vae_greedy, run_onnx
from .model import METERS, VAE, DecoderStep, MeterRNN, MeterRNNStep

HERE = os.path.dirname(os.path.abspath(__file__))
VAE_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "melody-vae"))
RNN_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "melody-rnn"))
MELODY_KEYS = {"stepsPerBar", "pitchMin", "pitchMax", "vocab", "rest", "hold", "noteOnBase", "layers", "hidden"}
V = 50


def manifest(d):
    with open(os.path.join(d, "model.json")) as f:
        return json.load(f)


def graph_io(path):
    g = onnx.load(path).graph
    inits = {x.name for x in g.initializer}
    return [i.name for i in g.input if i.name not in inits], [o.name for o in g.output]


def checkpoint(name, cls, man):
    """The checkpoint the graphs were exported from: runs/<name>, else any runs/*.pt with the recorded weight hash."""
    runs = os.path.join(HERE, "runs")
    cands = [os.path.join(runs, name)] + sorted(os.path.join(runs, f) for f in os.listdir(runs) if f.endswith(".pt")) \
        if os.path.isdir(runs) else []
    for path in cands:
        if not os.path.exists(path):
            continue
        try:
            m, ck = load(path, cls)
        except Exception:  # another model's checkpoint
            continue
        if weights_hash(m) == man["training"]["weights"]:
            return m
    raise unittest.SkipTest("no checkpoint in melody/runs/ matches the exported weights (train first)")


class TestVAE(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.man = manifest(VAE_DIR)
        cls.mel = cls.man["melody"]
        cls.D, cls.T = cls.mel["dim"], cls.mel["bars"] * 16
        cls.L, cls.H = cls.mel["layers"], cls.mel["hidden"]
        cls.paths = {f["role"]: os.path.join(VAE_DIR, f["path"]) for f in cls.man["files"]}
        with open(os.path.join(VAE_DIR, "heldout", "index.json")) as f:
            cls.held = json.load(f)

    def test_files_and_size(self):
        total = 0
        for man, d in ((self.man, VAE_DIR), (manifest(RNN_DIR), RNN_DIR)):
            for e in man["files"]:
                with open(os.path.join(d, e["path"]), "rb") as fh:
                    data = fh.read()
                self.assertEqual(e["bytes"], len(data))
                self.assertEqual(e["sha256"], hashlib.sha256(data).hexdigest())
                total += len(data)
        self.assertLess(total, 16_000_000)

    def test_contract(self):
        m = self.man
        self.assertEqual((m["id"], m["family"], m["task"], m["license"]),
                         ("melody-vae", "vae", "melody-vae", "GPL-3.0-or-later"))
        self.assertEqual(set(self.paths), {"encoder", "decoder-init", "decoder-step"})
        self.assertTrue(MELODY_KEYS | {"bars", "dim", "pca", "recon"} <= set(self.mel))
        self.assertEqual((self.mel["stepsPerBar"], self.mel["pitchMin"], self.mel["pitchMax"], self.mel["vocab"],
                          self.mel["rest"], self.mel["hold"], self.mel["noteOnBase"]), (16, 48, 95, 50, 0, 1, 2))
        self.assertIn(self.mel["bars"], (2, 4))
        io = {"encoder": (["tokens"], ["mean", "logvar"]), "decoder-init": (["z"], ["h", "c"]),
              "decoder-step": (["token", "step", "z", "h", "c"], ["logits", "h_out", "c_out"])}
        for role, (ins, outs) in io.items():
            self.assertEqual(graph_io(self.paths[role]), (ins, outs), role)
            self.assertEqual([s["name"] for s in m["graphs"][role]["inputs"]], ins)
            self.assertEqual([s["name"] for s in m["graphs"][role]["outputs"]], outs)
        self.assertEqual(m["inputs"], m["graphs"]["decoder-step"]["inputs"])
        self.assertEqual(m["graphs"]["encoder"]["inputs"][0]["shape"], ["batch", self.T])
        self.assertEqual(m["graphs"]["decoder-init"]["outputs"][0]["shape"], [self.L, "batch", self.H])
        for k in ("code", "data", "dataLicense", "steps", "durationMinutes", "device"):
            self.assertIn(k, m["training"])
        self.assertGreaterEqual(self.mel["recon"]["heldOutAccuracy"], self.mel["recon"]["threshold"])

    def test_pca(self):
        pca = self.mel["pca"]
        dirs = np.array(pca["directions"])
        self.assertEqual(dirs.shape, (self.D, self.D))
        self.assertEqual(len(pca["mean"]), self.D)
        np.testing.assert_allclose(dirs @ dirs.T, np.eye(self.D), atol=1e-4)
        self.assertTrue(np.all(np.diff(pca["variance"]) <= 0))

    def test_onnx_matches_torch(self):
        vae = checkpoint("vae_final.pt", VAE, self.man)
        rng = np.random.default_rng(0)
        x = rng.integers(0, V, size=(3, self.T)).astype(np.int64)
        x[0] = self.held[0]["tokens"]
        with torch.no_grad():
            m, lv = vae.encoder(torch.from_numpy(x))
            h, c = vae.decoder_init(m)
        got = run_onnx(self.paths["encoder"], {"tokens": x})[0]
        np.testing.assert_allclose(got["mean"], m.numpy(), atol=1e-4)
        np.testing.assert_allclose(got["logvar"], lv.numpy(), atol=1e-4)
        st = run_onnx(self.paths["decoder-init"], {"z": m.numpy()})[0]
        np.testing.assert_allclose(st["h"], h.numpy(), atol=1e-5)
        np.testing.assert_allclose(st["c"], c.numpy(), atol=1e-5)
        tok, oh, oc = np.array([0, 1, 20], np.int64), st["h"], st["c"]
        step = DecoderStep(vae).eval()
        for t in range(5):  # chained steps: each feeds the previous step's state and argmax token
            with torch.no_grad():
                ref, h, c = step(torch.from_numpy(tok), torch.full((3,), t), m, h, c)
            r = run_onnx(self.paths["decoder-step"], {"token": tok, "step": np.full(3, t, np.int64),
                                                      "z": m.numpy(), "h": oh, "c": oc})[0]
            np.testing.assert_allclose(r["logits"], ref.numpy(), atol=1e-4)
            np.testing.assert_allclose(r["h_out"], h.numpy(), atol=1e-5)
            np.testing.assert_allclose(r["c_out"], c.numpy(), atol=1e-5)
            tok, oh, oc = r["logits"].argmax(-1).astype(np.int64), r["h_out"], r["c_out"]

    def test_heldout_greedy_deterministic_and_over_threshold(self):
        toks = np.array([h["tokens"] for h in self.held], np.int64)
        self.assertGreaterEqual(len(toks), 10)
        for h in self.held:
            self.assertTrue(os.path.exists(os.path.join(VAE_DIR, "heldout", h["file"])))
        rest = np.zeros(len(toks), np.int64)
        a, _ = onnx_vae_greedy(self.paths, toks, rest)
        b, _ = onnx_vae_greedy(self.paths, toks, rest)
        np.testing.assert_array_equal(a, b)
        acc = (a == toks).mean(1)
        np.testing.assert_allclose(acc, [h["greedyAccuracy"] for h in self.held], atol=1e-4)
        self.assertTrue(np.all(acc >= self.mel["recon"]["threshold"]), acc)
        single, _ = onnx_vae_greedy(self.paths, toks[:1], rest[:1])  # batch 1 decodes like the batch
        np.testing.assert_array_equal(single[0], a[0])


class TestRNN(unittest.TestCase):
    """The meter-aware melody LSTM (export_meter.py)."""

    @classmethod
    def setUpClass(cls):
        cls.man = manifest(RNN_DIR)
        cls.mel = cls.man["melody"]
        cls.path = os.path.join(RNN_DIR, cls.man["files"][0]["path"])

    def test_contract(self):
        m = self.man
        self.assertEqual((m["id"], m["family"], m["task"], m["license"]),
                         ("melody-rnn", "autoregressive", "melody-rnn", "GPL-3.0-or-later"))
        self.assertEqual([f["role"] for f in m["files"]], ["step"])
        self.assertTrue(MELODY_KEYS <= set(self.mel))
        names = ["token", "pos", "meter", "key", "h", "c"]
        self.assertEqual(graph_io(self.path), (names, ["logits", "h_out", "c_out"]))
        self.assertEqual([s["name"] for s in m["inputs"]], names)
        self.assertEqual(m["inputs"][4]["shape"], [self.mel["layers"], "batch", self.mel["hidden"]])
        self.assertEqual(self.mel["meters"], {"4/4": 0, "2/2": 0, "2/4": 1, "3/4": 2, "6/8": 3, "9/8": 4})
        self.assertEqual(METERS, ["4/4", "2/4", "3/4", "6/8", "9/8"])

    def _greedy(self, n, meter=(0, 3, 4), key=(0, 7, 2)):
        L, H = self.mel["layers"], self.mel["hidden"]
        tok = np.array([0, 0, 30], np.int64)
        h = np.zeros((L, 3, H), np.float32)
        c = np.zeros_like(h)
        out = []
        for t in range(n):
            r = run_onnx(self.path, {"token": tok, "pos": np.full(3, t, np.int64), "meter": np.array(meter, np.int64),
                                     "key": np.array(key, np.int64), "h": h, "c": c})[0]
            tok, h, c = r["logits"].argmax(-1).astype(np.int64), r["h_out"], r["c_out"]
            out.append(tok)
        return np.stack(out, 1)

    def test_greedy_deterministic(self):
        a, b = self._greedy(12), self._greedy(12)
        np.testing.assert_array_equal(a, b)
        same = self._greedy(12, meter=(2, 2, 2), key=(5, 5, 5))
        np.testing.assert_array_equal(same[0], same[1])  # identical inputs in a batch decode identically

    def test_onnx_matches_torch(self):
        rnn = checkpoint("meter_final.pt", MeterRNN, self.man)
        step = MeterRNNStep(rnn).eval()
        tok = np.array([0, 1, 20, 0, 0], np.int64)
        meter, key = np.arange(5, dtype=np.int64), np.array([0, 4, 7, 9, 11], np.int64)
        h = torch.zeros(rnn.L, 5, rnn.H)
        c = torch.zeros_like(h)
        oh, oc = h.numpy(), c.numpy()
        for t in range(20):
            pos = np.full(5, t, np.int64)
            with torch.no_grad():
                ref, h, c = step(*(torch.from_numpy(v) for v in (tok, pos, meter, key)), h, c)
            r = run_onnx(self.path, {"token": tok, "pos": pos, "meter": meter, "key": key, "h": oh, "c": oc})[0]
            np.testing.assert_allclose(r["logits"], ref.numpy(), atol=1e-4)
            np.testing.assert_allclose(r["h_out"], h.numpy(), atol=1e-5)
            np.testing.assert_allclose(r["c_out"], c.numpy(), atol=1e-5)
            tok, oh, oc = r["logits"].argmax(-1).astype(np.int64), r["h_out"], r["c_out"]


if __name__ == "__main__":
    unittest.main()
