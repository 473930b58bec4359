"""Checks of the exported models/emoji/ against INTERFACE.md, on the app's onnxruntime-node (../common/ort_run.cjs).
  cd models/training && /usr/bin/python3 -m unittest images.test_export
The PyTorch comparison needs the training run's weights (EMOJI_RUN, default images/runs/b: b_ema.npz +
b_summary.json) and the data file (for the vocabulary size); it is skipped when they are absent. Everything else
reads only models/emoji/.
"""
import json
import os
import re
import unittest

import numpy as np

import common as tc

HERE = os.path.dirname(os.path.abspath(__file__))

MODEL_DIR = os.path.abspath(os.path.join(HERE, "..", "..", "emoji"))
RUN = os.environ.get("EMOJI_RUN", os.path.join(HERE, "runs", "b"))
IMAGE_KEYS = {"kind", "trainSize", "sizes", "channels", "valueRange", "background", "prediction", "schedule",
              "conditioning", "defaults", "unet", "timestep"}


def load_manifest():
    with open(os.path.join(MODEL_DIR, "model.json")) as f:
        return json.load(f)


def app_words(prompt, man):
    """The app's rule (INTERFACE.md): lower-case, split on non-letters/digits, drop stop words, map through vocab
    (unknown ignored), first maxWords, pad with 0."""
    c = man["image"]["conditioning"]
    index = {w: i for i, w in enumerate(c["vocab"])}
    ws = [w for w in re.split(r"[^a-z0-9]+", prompt.lower()) if w and w not in c["stopWords"]]
    ids = [index[w] for w in ws if w in index][:c["maxWords"]]
    return ids + [0] * (c["maxWords"] - len(ids))


def ref_sample(size, batch=1):
    n = 3 * size * size
    x = (np.sin(0.37 * np.arange(n, dtype=np.float64)) * 0.8).astype(np.float32).reshape(1, 3, size, size)
    return np.repeat(x, batch, 0)


def run(feeds):
    outs, _, _ = tc.run_onnx(os.path.join(MODEL_DIR, "unet.onnx"), feeds)
    return outs["out_sample"]


class TestManifest(unittest.TestCase):
    def test_top_level(self):
        m = load_manifest()
        self.assertEqual(m["id"], "emoji")
        self.assertEqual(m["task"], "image")
        self.assertEqual(m["family"], "diffusion")
        for k in ["name", "version", "license", "files", "inputs", "outputs", "image", "training", "metrics"]:
            self.assertIn(k, m)
        self.assertEqual([i["name"] for i in m["inputs"]], ["sample", "timestep", "words"])
        self.assertEqual([i["dtype"] for i in m["inputs"]], ["float32", "float32", "int64"])
        self.assertEqual([o["name"] for o in m["outputs"]], ["out_sample"])

    def test_image_section(self):
        s = load_manifest()["image"]
        self.assertEqual(set(s), IMAGE_KEYS)
        self.assertEqual(s["kind"], "pixel")
        self.assertEqual(s["channels"], 3)
        self.assertEqual(s["valueRange"], [-1, 1])
        self.assertEqual(s["background"], [255, 255, 255])
        self.assertIn(s["prediction"], ("epsilon", "v_prediction"))
        self.assertIn(s["trainSize"], s["sizes"])
        self.assertTrue(all(v % 8 == 0 for v in s["sizes"]))
        sch = s["schedule"]
        self.assertEqual(set(sch), {"timesteps", "betaSchedule", "alphasCumprod"})
        self.assertIn(sch["betaSchedule"], ["cosine", "linear", "scaled_linear"])
        a = np.array(sch["alphasCumprod"])
        self.assertEqual(len(a), sch["timesteps"])
        self.assertTrue(np.all(a > 0) and np.all(a <= 1) and np.all(np.diff(a) < 0))
        c = s["conditioning"]
        self.assertLessEqual(set(c), {"input", "maxWords", "vocab", "stopWords", "suggestions"})
        self.assertLessEqual({"input", "maxWords", "vocab", "stopWords"}, set(c))
        for g in c.get("suggestions", []):
            for phrase in g["words"]:
                for w in phrase.split():
                    self.assertIn(w, c["vocab"], f"suggested word {w!r} is not in the vocabulary")
        self.assertEqual(c["input"], "words")
        self.assertEqual(c["vocab"][0], "<pad>")
        self.assertEqual(len(set(c["vocab"])), len(c["vocab"]))
        for w in ["a", "an", "the", "of", "with"]:
            self.assertIn(w, c["stopWords"])
        self.assertEqual(set(s["defaults"]), {"steps", "guidance", "sampler"})
        self.assertIn(s["defaults"]["sampler"], ["ddim", "euler"])
        self.assertEqual(s["unet"], "unet.onnx")
        self.assertEqual(s["timestep"], {"dtype": "float32", "perImage": True})

    def test_files(self):
        m = load_manifest()
        self.assertIn("unet.onnx", [f["path"] for f in m["files"]])
        for f in m["files"]:
            p = os.path.join(MODEL_DIR, f["path"])
            self.assertEqual(os.path.getsize(p), f["bytes"], f["path"])
            self.assertEqual(tc.sha256(p), f["sha256"], f["path"])

    def test_prompt_words(self):
        m = load_manifest()
        w = app_words("A Red HEART with the cat!", m)
        vocab = m["image"]["conditioning"]["vocab"]
        self.assertEqual([vocab[i] for i in w if i], ["red", "heart", "cat"])
        self.assertEqual(len(w), m["image"]["conditioning"]["maxWords"])


class TestOnnx(unittest.TestCase):
    def test_reference(self):
        m = load_manifest()
        with open(os.path.join(MODEL_DIR, "reference.json")) as f:
            ref = json.load(f)
        self.assertEqual(ref["words"], app_words(ref["prompt"], m))
        x = ref_sample(ref["size"])
        np.testing.assert_allclose(x.reshape(-1)[:16], ref["sampleFirst16"], atol=1e-6)
        out = run({"sample": x, "timestep": np.array([ref["timestep"]], np.float32),
                   "words": np.array([ref["words"]], np.int64)})
        np.testing.assert_allclose(out.reshape(-1)[:16], ref["outFirst16"], atol=ref["tolerance"])
        out0 = run({"sample": x, "timestep": np.array([ref["timestep"]], np.float32),
                    "words": np.zeros((1, len(ref["words"])), np.int64)})
        np.testing.assert_allclose(out0.reshape(-1)[:16], ref["uncondOutFirst16"], atol=ref["tolerance"])

    def test_sizes_and_batch(self):
        m = load_manifest()
        for s in m["image"]["sizes"]:
            x = ref_sample(s, 3)
            out = run({"sample": x, "timestep": np.array([999.0, 500.0, 0.5], np.float32),
                       "words": np.array([app_words("cat", m), app_words("red heart", m), [0] * 8], np.int64)})
            self.assertEqual(out.shape, (3, 3, s, s))
            self.assertTrue(np.all(np.isfinite(out)))

    def test_all_zero_words_and_word_count(self):
        m = load_manifest()
        x = ref_sample(48)
        t = np.array([300.0], np.float32)
        u = run({"sample": x, "timestep": t, "words": np.zeros((1, 8), np.int64)})
        c = run({"sample": x, "timestep": t, "words": np.array([app_words("rocket", m)], np.int64)})
        c3 = run({"sample": x, "timestep": t, "words": np.array([app_words("rocket", m)[:3]], np.int64)})
        self.assertTrue(np.all(np.isfinite(u)))
        self.assertGreater(np.abs(u - c).max(), 1e-4)  # the words matter
        np.testing.assert_allclose(c, c3, atol=1e-4)  # padding does not

    @unittest.skipUnless(os.path.exists(RUN + "_ema.npz"), "training run weights not present")
    def test_matches_pytorch(self):
        import torch
        from . import model as model_mod
        s = json.load(open(RUN + "_summary.json"))
        net = model_mod.build(s["vocab"], s["config"])
        w = np.load(RUN + "_ema.npz")
        net.load_state_dict({k: torch.from_numpy(w[k]) for k in w.files})
        net.eval()
        man = load_manifest()
        rng = np.random.default_rng(0)
        for size in (32, 48, 64):
            x = rng.standard_normal((2, 3, size, size)).astype(np.float32)
            t = np.array([10.0, 750.0], np.float32)
            words = np.array([app_words("smiling face", man), app_words("tree", man)], np.int64)
            with torch.no_grad():
                ref = net(torch.from_numpy(x), torch.from_numpy(t), torch.from_numpy(words)).numpy()
            out = run({"sample": x, "timestep": t, "words": words})
            np.testing.assert_allclose(out, ref, atol=1e-3)


if __name__ == "__main__":
    unittest.main()
