"""Tests for the tiny random-weight Stable Diffusion fixture (tiny-sd/, written by make_tiny_sd.py).

    cd models/training && /usr/bin/python3 -m unittest images.test_tiny_sd -v

* layout: exactly the Optimum files; every graph's input/output names, order, dtypes and shapes (Optimum's dynamic
  axis names), opset 14; config.json / model_index.json / scheduler_config.json / tokenizer file keys; < 2 MB
* tokenizer: 640 ids, the two special tokens last (<|endoftext|> the highest: the text encoder pools at argmax),
  vocab.json / merges.txt == tokenizer.json's model; the Python encoder gives reference.json's ids (77, padded with
  <|endoftext|>); tokenizers.js (check_tokenizer_js.mjs) gives the same ids
* numerics: PyTorch reproduces reference.json; onnxruntime-node matches PyTorch on every graph (make_tiny_sd.verify),
  the UNet and the VAE at latent 8x8 and 6x10
* determinism: make_tiny_sd.py --out <temp dir> writes byte-identical files (reference.json: the same values, each
  within 1e-5: its PyTorch outputs, rounded to 6 decimals, can differ in the last digit from one CPU to another)
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import numpy as np
import onnx
import torch

from common.testing import json_file_diff

from . import make_tiny_sd as T

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)  # models/training: where `python3 -m images.make_tiny_sd` runs
TINY = os.path.join(HERE, "tiny-sd")
FILES = {
    "model_index.json", "reference.json",
    "scheduler/scheduler_config.json",
    "text_encoder/model.onnx", "text_encoder/config.json",
    "tokenizer/vocab.json", "tokenizer/merges.txt", "tokenizer/tokenizer.json", "tokenizer/tokenizer_config.json",
    "tokenizer/special_tokens_map.json",
    "unet/model.onnx", "unet/config.json",
    "vae_decoder/model.onnx", "vae_decoder/config.json",
    "vae_encoder/model.onnx", "vae_encoder/config.json",
}
F, I32, I64 = onnx.TensorProto.FLOAT, onnx.TensorProto.INT32, onnx.TensorProto.INT64
B, S = "batch_size", "sequence_length"
GRAPHS = {
    "text_encoder": ([("input_ids", I32, [B, S])],
                     [("last_hidden_state", F, [B, S, 32]), ("pooler_output", F, [B, 32])]),
    "unet": ([("sample", F, [B, "num_channels", "height", "width"]), ("timestep", I64, ["steps"]),
              ("encoder_hidden_states", F, [B, S, 32])],
             [("out_sample", F, [B, "num_channels", "height", "width"])]),
    "vae_decoder": ([("latent_sample", F, [B, "num_channels_latent", "height_latent", "width_latent"])],
                    [("sample", F, [B, "num_channels", "height", "width"])]),
    "vae_encoder": ([("sample", F, [B, "num_channels", "height", "width"])],
                    [("latent_sample", F, [B, "num_channels_latent", "height_latent", "width_latent"])]),
}
_PARTS = {}
torch.set_num_threads(1)


def path(*p):
    return os.path.join(TINY, *p)


def read(*p):
    with open(path(*p), encoding="utf-8") as f:
        return json.load(f)


def parts():
    """(tok, vocab, merges, text, unet, vae_decoder, vae_encoder), rebuilt from make_tiny_sd's seeds."""
    if not _PARTS:
        _PARTS["all"] = T.build_all()
    return _PARTS["all"]


def dims(v):
    return [d.dim_param or d.dim_value for d in v.type.tensor_type.shape.dim]


def all_files(d):
    return {os.path.relpath(os.path.join(r, f), d) for r, _, fs in os.walk(d) for f in fs}


class TestLayout(unittest.TestCase):
    def test_files(self):
        self.assertEqual(all_files(TINY), FILES)

    def test_graph_names_dtypes_shapes(self):
        for name, (want_in, want_out) in GRAPHS.items():
            p = path(name, "model.onnx")
            onnx.checker.check_model(p)
            g = onnx.load(p)
            self.assertEqual([(o.domain, o.version) for o in g.opset_import], [("", 14)], name)
            self.assertEqual([(v.name, v.type.tensor_type.elem_type, dims(v)) for v in g.graph.input], want_in, name)
            self.assertEqual([(v.name, v.type.tensor_type.elem_type, dims(v)) for v in g.graph.output], want_out, name)

    def test_configs(self):
        tok = T.load_tokenizer(path("tokenizer"))
        c = read("text_encoder", "config.json")
        for k in ("architectures", "model_type", "vocab_size", "hidden_size", "intermediate_size",
                  "num_hidden_layers", "num_attention_heads", "max_position_embeddings", "hidden_act",
                  "layer_norm_eps", "bos_token_id", "eos_token_id", "pad_token_id"):
            self.assertIn(k, c, k)
        self.assertEqual((c["hidden_size"], c["num_hidden_layers"], c["num_attention_heads"],
                          c["max_position_embeddings"], c["vocab_size"]), (32, 2, 2, 77, 640))
        self.assertEqual((c["bos_token_id"], c["eos_token_id"], c["pad_token_id"]),
                         (tok.bos_id, tok.eos_id, tok.eos_id))
        self.assertEqual((c["model_type"], c["hidden_act"]), ("clip_text_model", "quick_gelu"))
        u = read("unet", "config.json")
        self.assertEqual((u["in_channels"], u["out_channels"], u["sample_size"], u["cross_attention_dim"]),
                         (4, 4, 8, 32))
        for name in ("vae_decoder", "vae_encoder"):
            v = read(name, "config.json")
            self.assertEqual((v["scaling_factor"], v["latent_channels"], v["in_channels"], v["out_channels"]),
                             (0.18215, 4, 3, 3), name)
        s = read("scheduler", "scheduler_config.json")
        self.assertEqual({k: s[k] for k in ("num_train_timesteps", "beta_start", "beta_end", "beta_schedule",
                                            "prediction_type", "set_alpha_to_one", "steps_offset", "clip_sample")},
                         {"num_train_timesteps": 1000, "beta_start": 0.00085, "beta_end": 0.012,
                          "beta_schedule": "scaled_linear", "prediction_type": "epsilon", "set_alpha_to_one": False,
                          "steps_offset": 1, "clip_sample": False})
        m = read("model_index.json")
        self.assertEqual(m["_class_name"], "StableDiffusionPipeline")
        for k in ("text_encoder", "tokenizer", "unet", "vae_decoder", "vae_encoder", "scheduler"):
            self.assertIn(k, m)
            self.assertTrue(os.path.isdir(path(k)), k)
        self.assertEqual(m["tokenizer"], ["transformers", "CLIPTokenizer"])

    def test_size(self):
        self.assertLess(T.folder_bytes(TINY), 2_000_000)


class TestTokenizer(unittest.TestCase):
    def test_vocab_and_specials(self):
        vocab = read("tokenizer", "vocab.json")
        self.assertEqual(len(vocab), 640)
        self.assertEqual(sorted(vocab.values()), list(range(640)))
        self.assertEqual((vocab["<|startoftext|>"], vocab["<|endoftext|>"]), (638, 639))
        self.assertEqual((vocab["!"], vocab["a</w>"], vocab["!</w>"]), (0, 320, 256))  # CLIP's byte order
        for b in range(256):  # every byte, alone and word-final: nothing is unknown
            ch = T.BYTE_ENCODER[b]
            self.assertIn(ch, vocab)
            self.assertIn(ch + "</w>", vocab)
        with open(path("tokenizer", "merges.txt"), encoding="utf-8") as f:
            lines = f.read().splitlines()
        self.assertEqual(lines[0], "#version: 0.2")
        self.assertEqual(len(lines) - 1, 640 - 512 - 2)
        tj = read("tokenizer", "tokenizer.json")
        self.assertEqual(tj["model"]["vocab"], vocab)
        self.assertEqual(tj["model"]["merges"], lines[1:])
        self.assertEqual((tj["model"]["type"], tj["model"]["end_of_word_suffix"], tj["model"]["unk_token"],
                          tj["model"]["continuing_subword_prefix"]), ("BPE", "</w>", "<|endoftext|>", ""))
        self.assertEqual([n["type"] for n in tj["normalizer"]["normalizers"]], ["NFC", "Replace", "Lowercase"])
        self.assertEqual([p["type"] for p in tj["pre_tokenizer"]["pretokenizers"]], ["Split", "ByteLevel"])
        self.assertIs(tj["pre_tokenizer"]["pretokenizers"][1]["use_regex"], False)
        self.assertEqual(tj["post_processor"]["cls"], ["<|startoftext|>", 638])
        self.assertEqual(tj["post_processor"]["sep"], ["<|endoftext|>", 639])
        self.assertEqual([(t["id"], t["content"], t["special"]) for t in tj["added_tokens"]],
                         [(638, "<|startoftext|>", True), (639, "<|endoftext|>", True)])
        tc = read("tokenizer", "tokenizer_config.json")
        self.assertEqual((tc["tokenizer_class"], tc["model_max_length"], tc["pad_token"], tc["eos_token"],
                          tc["unk_token"], tc["bos_token"]["content"]),
                         ("CLIPTokenizer", 77, "<|endoftext|>", "<|endoftext|>", "<|endoftext|>", "<|startoftext|>"))
        self.assertEqual(read("tokenizer", "special_tokens_map.json")["pad_token"], "<|endoftext|>")

    def test_prompt_ids(self):
        tok = T.load_tokenizer(path("tokenizer"))
        ref = read("reference.json")
        self.assertEqual(ref["inputIds"], tok.encode_padded(ref["prompt"]))
        self.assertEqual(len(ref["inputIds"]), 77)
        self.assertEqual(ref["inputIds"][:5], [638] + ref["promptTokens"] + [639])
        self.assertEqual(set(ref["inputIds"][5:]), {639})
        self.assertEqual(tok.decode(ref["inputIds"]), ref["prompt"])
        long = tok.encode_padded("a red apple " * 40)
        self.assertEqual((len(long), long[0], long[-1], long[-2]), (77, 638, 639, tok.vocab["apple</w>"]))
        self.assertEqual(tok.encode("A  RED\napple"), tok.encode("a red apple"))

    @unittest.skipUnless(T.have_ort_node(), "node / node_modules not installed (npm install at the repository root)")
    def test_tokenizers_js_agrees(self):
        r = subprocess.run(["node", os.path.join(HERE, "check_tokenizer_js.mjs"), path("tokenizer")],
                           env=dict(os.environ, PYTHON=sys.executable), capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn(" 0 mismatches", r.stdout)


class TestNumerics(unittest.TestCase):
    def test_pytorch_reproduces_reference(self):
        tok, _, _, text, unet, dec, enc = parts()
        ref = read("reference.json")
        states, pooled = T.torch_text(text, [ref["inputIds"]])
        np.testing.assert_allclose(states.reshape(-1)[:8], ref["textEncoder"]["lastHiddenStateFirst8"], atol=1e-5)
        np.testing.assert_allclose(pooled.reshape(-1)[:8], ref["textEncoder"]["poolerOutputFirst8"], atol=1e-5)
        np.testing.assert_allclose(pooled[0], states[0, 4], atol=0)  # pooled at the first <|endoftext|>
        lat = T.latent_example()
        self.assertAlmostEqual(float(lat.reshape(-1)[5]), 0.8 * np.sin(0.37 * 5), places=6)
        out = T.torch_unet(unet, lat, [ref["unet"]["timestep"]], states)
        np.testing.assert_allclose(out.reshape(-1)[:8], ref["unet"]["outSampleFirst8"], atol=1e-5)
        img = T.torch_run(dec, lat)
        self.assertEqual(list(img.shape), ref["vaeDecoder"]["outputShape"])
        np.testing.assert_allclose(img.reshape(-1)[:8], ref["vaeDecoder"]["sampleFirst8"], atol=1e-5)
        np.testing.assert_allclose(T.torch_run(enc, img).reshape(-1)[:8], ref["vaeEncoder"]["latentSampleFirst8"],
                                   atol=1e-5)
        self.assertEqual(ref["tolerance"], 1e-3)
        for v in (ref["unet"]["outSampleFirst8"], ref["vaeDecoder"]["sampleFirst8"]):
            self.assertGreater(np.abs(v).max(), 0.01)  # not all ~0: a tolerance of 1e-3 means something

    @unittest.skipUnless(T.have_ort_node(), "onnxruntime-node not installed (npm install at the repository root)")
    def test_onnxruntime_matches_pytorch(self):
        tok, _, _, text, unet, dec, enc = parts()
        err, done = T.verify(TINY, tok, text, unet, dec, enc)
        self.assertLess(err, 1e-3)
        self.assertEqual(len(done), 11)

    @unittest.skipUnless(T.have_ort_node(), "onnxruntime-node not installed (npm install at the repository root)")
    def test_two_spatial_sizes(self):
        states = np.asarray(np.random.default_rng(0).standard_normal((1, 77, 32)), np.float32)
        for h, w in ((8, 8), (6, 10)):
            lat = T.latent_example((1, 4, h, w))
            o = T.run_ort(path("unet", "model.onnx"), {"sample": lat, "timestep": np.array([10], np.int64),
                                                        "encoder_hidden_states": states})
            self.assertEqual(o["out_sample"].shape, (1, 4, h, w))
            self.assertTrue(np.isfinite(o["out_sample"]).all())
            img = T.run_ort(path("vae_decoder", "model.onnx"), {"latent_sample": lat})["sample"]
            self.assertEqual(img.shape, (1, 3, 8 * h, 8 * w))
            z = T.run_ort(path("vae_encoder", "model.onnx"), {"sample": img})["latent_sample"]
            self.assertEqual(z.shape, (1, 4, h, w))


class TestDeterminism(unittest.TestCase):
    def test_rerun_is_byte_identical(self):
        d = tempfile.mkdtemp()
        try:
            subprocess.run([sys.executable, "-m", "images.make_tiny_sd", "--out", d, "--no-verify"], cwd=ROOT,
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            self.assertEqual(all_files(d), FILES)
            self.assertIsNone(json_file_diff(os.path.join(d, "reference.json"), path("reference.json"), atol=1e-5))
            for f in sorted(FILES - {"reference.json"}):
                with open(os.path.join(d, f), "rb") as a, open(path(f), "rb") as b:
                    self.assertEqual(a.read(), b.read(), f"{f} differs on a re-run")
        finally:
            shutil.rmtree(d)


if __name__ == "__main__":
    unittest.main()
