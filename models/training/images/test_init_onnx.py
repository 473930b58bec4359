"""init_onnx.py: a shipped unet.onnx loaded back into the PyTorch UNet gives the output its reference.json records,
and a new vocabulary keeps the rows of the words the model knew.
  cd models/training && /usr/bin/python3 -m unittest images.test_init_onnx
"""
import json
import os
import unittest

import numpy as np
import torch

from . import init_onnx, sets
from . import model as model_mod

MODEL_DIR = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "emoji"))


class InitOnnxTest(unittest.TestCase):
    def setUp(self):
        self.vocab = sets.old_vocab_from_manifest(os.path.join(MODEL_DIR, "model.json"))

    def test_bundled_graph_round_trips_to_its_reference(self):
        with open(os.path.join(MODEL_DIR, "reference.json")) as f:
            ref = json.load(f)
        net = model_mod.build(len(self.vocab))
        self.assertEqual(init_onnx.load_onnx_weights(net, os.path.join(MODEL_DIR, "unet.onnx")), 0)
        s = ref["size"]
        x = torch.from_numpy((np.sin(0.37 * np.arange(3 * s * s)) * 0.8).astype(np.float32).reshape(1, 3, s, s))
        with torch.no_grad():
            out = net.eval()(x, torch.tensor([ref["timestep"]]), torch.tensor([ref["words"]])).numpy()
        np.testing.assert_allclose(out.reshape(-1)[:16], ref["outFirst16"], atol=ref["tolerance"])

    def test_new_vocabulary_keeps_known_rows_and_starts_new_words_near_the_mean(self):
        new_vocab = ["<pad>", "zzqxv"] + self.vocab[1:10]
        net = model_mod.build(len(new_vocab))
        fresh = init_onnx.load_onnx_weights(net, os.path.join(MODEL_DIR, "unet.onnx"), self.vocab, new_vocab)
        self.assertEqual(fresh, 1)
        old = init_onnx.onnx_state(os.path.join(MODEL_DIR, "unet.onnx"))[0]["word.weight"]
        emb = net.word.weight.detach().numpy()
        np.testing.assert_allclose(emb[2:], old[1:10])
        self.assertTrue(np.all(emb[0] == 0))
        self.assertLess(np.linalg.norm(emb[1] - old[1:].mean(0)), np.linalg.norm(old[1:].std(0)))

    def test_a_graph_of_another_shape_is_refused(self):
        net = model_mod.build(len(self.vocab), "emoji-t")
        with self.assertRaises(ValueError):
            init_onnx.load_onnx_weights(net, os.path.join(MODEL_DIR, "unet.onnx"))


if __name__ == "__main__":
    unittest.main()
