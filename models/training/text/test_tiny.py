"""Tests for the tiny random-weight fixtures (tiny/, written by make_tiny.py).

    cd models/training && /usr/bin/python3 -m unittest text.test_tiny -v

* layout: each folder holds exactly the Optimum files (+ reference.json, no model.json); the graph's input/output
  names, order, dtypes and shapes (named dynamic axes, kv heads / head dim / vocab from config.json); opset 14
* config.json / generation_config.json / tokenizer_config.json keys; one tokenizer.json for all three, which
  encodes the prompt to reference.json's promptIds (BOS first) with our own bpe.Tokenizer
* external data: model.onnx_data exists, every initializer lives there, the weights equal tiny/gpt2's, and
  onnxruntime-node loads it and gives tiny/gpt2's logits
* the ONNX initializers are the weights make_tiny.py builds; PyTorch greedy with the KV cache == without it ==
  reference.json; onnxruntime-node reproduces the prompt logits and the cached greedy tokens
* size: each folder < 1 MB, all < 2 MB
* determinism: make_tiny.py --out <temp dir> writes byte-identical files (reference.json: the same values, each
  within 1e-5: its PyTorch logits, rounded to 6 decimals, can differ in the last digit from one CPU to another)
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

import numpy as np
import onnx
import torch
from onnx import numpy_helper

from common.testing import json_file_diff

from . import bpe
from . import make_tiny as T

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)  # models/training: where `python3 -m text.make_tiny` runs
TINY = os.path.join(HERE, "tiny")
FIXTURES = ("gpt2", "gpt2-external", "llama")
BASE_FILES = {"model.onnx", "config.json", "generation_config.json", "tokenizer.json", "tokenizer_config.json",
              "reference.json"}
GPT2_KEYS = ["model_type", "architectures", "vocab_size", "n_positions", "n_ctx", "n_embd", "n_layer", "n_head",
             "n_inner", "activation_function", "layer_norm_epsilon", "bos_token_id", "eos_token_id",
             "tie_word_embeddings", "use_cache", "torch_dtype"]
LLAMA_KEYS = ["model_type", "architectures", "vocab_size", "hidden_size", "intermediate_size", "num_hidden_layers",
              "num_attention_heads", "num_key_value_heads", "max_position_embeddings", "rms_norm_eps", "rope_theta",
              "bos_token_id", "eos_token_id", "tie_word_embeddings", "torch_dtype"]
_MODELS = {}
torch.set_num_threads(1)


def path(name, f):
    return os.path.join(TINY, name, f)


def read(name, f):
    with open(path(name, f), encoding="utf-8") as fh:
        return json.load(fh)


def torch_model(name):
    """The PyTorch model make_tiny.py exports into this fixture (rebuilt from the same seed)."""
    key = "llama" if name == "llama" else "gpt2"
    if key not in _MODELS:
        _MODELS[key] = T.build_llama() if key == "llama" else T.build_gpt2()
    return _MODELS[key]


def dims(value_info):
    return [d.dim_param or d.dim_value for d in value_info.type.tensor_type.shape.dim]


def geometry(cfg):
    """layers, kv heads, head dim, vocab, context from an HF config.json."""
    if cfg["model_type"] == "gpt2":
        return cfg["n_layer"], cfg["n_head"], cfg["n_embd"] // cfg["n_head"], cfg["vocab_size"], cfg["n_positions"]
    return (cfg["num_hidden_layers"], cfg["num_key_value_heads"], cfg["hidden_size"] // cfg["num_attention_heads"],
            cfg["vocab_size"], cfg["max_position_embeddings"])


class TestLayout(unittest.TestCase):
    def test_files(self):
        for name in FIXTURES:
            want = BASE_FILES | ({"model.onnx_data"} if name == "gpt2-external" else set())
            self.assertEqual(set(os.listdir(os.path.join(TINY, name))), want, name)

    def test_graph_names_dtypes_shapes(self):
        F, I = onnx.TensorProto.FLOAT, onnx.TensorProto.INT64
        B, S, P, PS = "batch_size", "sequence_length", "past_sequence_length", "past_sequence_length + sequence_length"
        for name in FIXTURES:
            L, KV, HD, V, _ = geometry(read(name, "config.json"))
            g = onnx.load(path(name, "model.onnx"))
            onnx.checker.check_model(path(name, "model.onnx"))
            self.assertEqual([(o.domain, o.version) for o in g.opset_import], [("", 14)], name)
            want_in = [("input_ids", I, [B, S]), ("attention_mask", I, [B, PS]), ("position_ids", I, [B, S])]
            want_out = [("logits", F, [B, S, V])]
            for i in range(L):
                for kv in ("key", "value"):
                    want_in.append((f"past_key_values.{i}.{kv}", F, [B, KV, P, HD]))
                    want_out.append((f"present.{i}.{kv}", F, [B, KV, PS, HD]))
            got_in = [(v.name, v.type.tensor_type.elem_type, dims(v)) for v in g.graph.input]
            got_out = [(v.name, v.type.tensor_type.elem_type, dims(v)) for v in g.graph.output]
            self.assertEqual(got_in, want_in, name)
            self.assertEqual(got_out, want_out, name)

    def test_llama_is_grouped_query(self):
        c = read("llama", "config.json")
        self.assertEqual((c["num_attention_heads"], c["num_key_value_heads"]), (4, 2))
        self.assertIs(c["tie_word_embeddings"], False)
        g = onnx.load(path("llama", "model.onnx"))
        inits = {i.name: i for i in g.graph.initializer}
        self.assertEqual(list(inits["llama.layers.0.self_attn.k_proj.weight"].dims), [2 * 8, 32])
        self.assertEqual(list(inits["llama.layers.0.self_attn.q_proj.weight"].dims), [4 * 8, 32])
        self.assertIn("llama.lm_head.weight", inits)
        self.assertFalse(any(n.endswith(".bias") for n in inits))

    def test_configs(self):
        tok = bpe.Tokenizer(path("gpt2", "tokenizer.json"))
        eot = tok.eot_id
        for name in FIXTURES:
            c = read(name, "config.json")
            keys = LLAMA_KEYS if name == "llama" else GPT2_KEYS
            for k in keys:
                self.assertIn(k, c, f"{name}: {k}")
            self.assertEqual(c["model_type"], "llama" if name == "llama" else "gpt2")
            self.assertEqual(c["architectures"], ["LlamaForCausalLM"] if name == "llama" else ["GPT2LMHeadModel"])
            self.assertEqual((c["bos_token_id"], c["eos_token_id"]), (eot, eot))
            self.assertEqual(c["vocab_size"], len(tok.inv))
            self.assertEqual(c["torch_dtype"], "float32")
            gc = read(name, "generation_config.json")
            self.assertEqual((gc["bos_token_id"], gc["eos_token_id"]), (eot, eot))
            tc = read(name, "tokenizer_config.json")
            self.assertEqual((tc["bos_token"], tc["eos_token"]), (bpe.EOT, bpe.EOT))
            self.assertEqual(tc["tokenizer_class"], "LlamaTokenizerFast" if name == "llama" else "GPT2Tokenizer")
            self.assertEqual(tc["model_max_length"], geometry(c)[4])

    def test_tokenizer_and_prompt_ids(self):
        with open(path("gpt2", "tokenizer.json"), "rb") as f:
            tj = f.read()
        for name in FIXTURES:
            with open(path(name, "tokenizer.json"), "rb") as f:
                self.assertEqual(f.read(), tj, name)
        js = json.loads(tj)
        self.assertEqual(js["model"]["type"], "BPE")
        self.assertEqual(js["pre_tokenizer"]["type"], "ByteLevel")
        tok = bpe.Tokenizer(js)
        self.assertEqual(tok.eot_id, len(tok.inv) - 1)
        for name in FIXTURES:
            ref = read(name, "reference.json")
            self.assertTrue(ref["addBos"])
            self.assertEqual(ref["promptIds"], [tok.eot_id] + tok.encode(ref["prompt"]))
            self.assertEqual(tok.decode(ref["promptIds"], skip_special=True), ref["prompt"])
            self.assertEqual(len(ref["greedy"]), 8)
            self.assertEqual(len(ref["logitsFirst8"]), 8)
            self.assertEqual(ref["tolerance"], 1e-3)
        self.assertEqual(read("gpt2", "reference.json"), read("gpt2-external", "reference.json"))

    def test_sizes(self):
        total = 0
        for name in FIXTURES:
            n = T.folder_bytes(os.path.join(TINY, name))
            self.assertLess(n, 1_000_000, name)
            total += n
        self.assertLess(total, 2_000_000)


class TestExternalData(unittest.TestCase):
    def test_external_data(self):
        d = os.path.join(TINY, "gpt2-external")
        self.assertTrue(os.path.isfile(os.path.join(d, "model.onnx_data")))
        g = onnx.load(os.path.join(d, "model.onnx"), load_external_data=False)
        self.assertTrue(g.graph.initializer)
        for t in g.graph.initializer:
            self.assertEqual(t.data_location, onnx.TensorProto.EXTERNAL, t.name)
            self.assertEqual({e.key: e.value for e in t.external_data}["location"], "model.onnx_data")
        self.assertLess(os.path.getsize(os.path.join(d, "model.onnx")), 100_000)
        full = {t.name: numpy_helper.to_array(t) for t in onnx.load(os.path.join(d, "model.onnx")).graph.initializer}
        ref = {t.name: numpy_helper.to_array(t) for t in onnx.load(path("gpt2", "model.onnx")).graph.initializer}
        self.assertEqual(sorted(full), sorted(ref))
        for k in ref:
            np.testing.assert_array_equal(full[k], ref[k], k)

    @unittest.skipUnless(T.have_ort_node(), "onnxruntime-node not installed (npm install at the repository root)")
    def test_onnxruntime_loads_external(self):
        s = T.spec(torch_model("gpt2"))
        ids = read("gpt2", "reference.json")["promptIds"]
        a, _, backend = T.ort_call(path("gpt2-external", "model.onnx"), s, [ids], T.empty_past(s))
        b, _, _ = T.ort_call(path("gpt2", "model.onnx"), s, [ids], T.empty_past(s))
        self.assertEqual(backend, "onnxruntime-node")
        np.testing.assert_array_equal(a, b)


class TestNumerics(unittest.TestCase):
    def test_onnx_weights_are_the_built_model(self):
        for name in FIXTURES:
            m = torch_model(name)
            prefix = "llama." if name == "llama" else "gpt."
            inits = {t.name: numpy_helper.to_array(t) for t in onnx.load(path(name, "model.onnx")).graph.initializer}
            params = dict(m.named_parameters())
            self.assertEqual(sorted(inits), sorted(prefix + k for k in params), name)
            for k, p in params.items():
                np.testing.assert_array_equal(inits[prefix + k], p.detach().numpy(), f"{name}: {k}")

    def test_greedy_cache_equals_no_cache(self):
        for name in FIXTURES:
            m, ref = torch_model(name), read(name, "reference.json")
            cached = T.greedy(m, ref["promptIds"], 8, cache=True)
            full = T.greedy(m, ref["promptIds"], 8, cache=False)
            self.assertEqual(cached, full, name)
            self.assertEqual(cached, ref["greedy"], name)
            self.assertEqual(ref["greedyNoCache"], ref["greedy"], name)
            self.assertGreater(len(set(cached)), 3, name)  # not one repeated token
            logits, _ = T.torch_step(m, [ref["promptIds"]])
            np.testing.assert_allclose(logits[0, -1, :8], ref["logitsFirst8"], atol=1e-5)

    @unittest.skipUnless(T.have_ort_node(), "onnxruntime-node not installed (npm install at the repository root)")
    def test_onnxruntime_matches_pytorch(self):
        for name in FIXTURES:
            err, backend = T.verify(os.path.join(TINY, name), torch_model(name))
            self.assertEqual(backend, "onnxruntime-node")
            self.assertLess(err, 1e-3, name)


from .data import DEFAULT_POETRY  # noqa: E402


class TestDeterminism(unittest.TestCase):
    # Rebuilding the fixtures trains their tokenizer on the poetry corpus, which lives outside the
    # repo (a training input, not shipped): where it is absent the committed fixtures are still
    # checked by the tests above, and this one says why it did not run.
    @unittest.skipUnless(os.path.isdir(DEFAULT_POETRY), f"the poetry corpus is not at {DEFAULT_POETRY}")
    def test_rerun_is_byte_identical(self):
        with tempfile.TemporaryDirectory() as d:
            subprocess.run([sys.executable, "-m", "text.make_tiny", "--out", d, "--no-verify"], cwd=ROOT, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for name in FIXTURES:
                got, want = sorted(os.listdir(os.path.join(d, name))), sorted(os.listdir(os.path.join(TINY, name)))
                self.assertEqual(got, want, name)
                self.assertIsNone(json_file_diff(os.path.join(d, name, "reference.json"), path(name, "reference.json"),
                                                 atol=1e-5), name)
                for f in (f for f in want if f != "reference.json"):
                    with open(os.path.join(d, name, f), "rb") as a, open(path(name, f), "rb") as b:
                        self.assertEqual(a.read(), b.read(), f"{name}/{f} differs on a re-run")


if __name__ == "__main__":
    unittest.main()
