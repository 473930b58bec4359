"""Checks of the published-format fixtures make_variants.py writes (text/tiny/onnx-llama, text/tiny/merged-gpt2).

* layout: the onnx/ folders' graphs and external data, the Qwen2-style config, ChatML in tokenizer_config.json and
  chat_template.jinja, sizes
* formats: fp16 graphs take and give float16 caches and logits with every weight in float16; the int8 graph is
  DynamicQuantizeLinear + MatMulInteger with no float weight left in a linear layer; the q4 graphs are MatMulNBits
  (bits 4, block 32) whose codes, unpacked low nibble first, give back the weights within half a step; model_q4's
  tensors live in model_q4.onnx_data; model_q4f16 takes num_logits_to_keep (an int64 scalar) as newer exports do; the merged graphs are an If on a bool use_cache_branch [1] (fp16: both branches)
* parity on onnxruntime-node: each graph's prompt logits within its tolerance of PyTorch run with the weights it
  holds, its greedy tokens (caches fed back in its own type) those of reference.json, and PyTorch's too (fp16
  arithmetic: at least the first four, the rest may part at a near-tie)
* determinism: make_variants.py --out <temp dir> writes byte-identical graphs and the same reference.json
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
from onnx import TensorProto, numpy_helper

from common.testing import json_file_diff

from . import make_tiny as T
from . import make_variants as V

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TINY = os.path.join(HERE, "tiny")
LLAMA = os.path.join(TINY, "onnx-llama")
MERGED = os.path.join(TINY, "merged-gpt2")
torch.set_num_threads(1)


def ref(d):
    with open(os.path.join(d, "reference.json")) as f:
        return json.load(f)


def elem(values):
    return {v.name: v.type.tensor_type.elem_type for v in values}


def ops(m):
    return {n.op_type for n in m.graph.node}


class TestLayout(unittest.TestCase):
    def test_files(self):
        self.assertEqual(sorted(os.listdir(LLAMA)),
                         ["chat_template.jinja", "config.json", "generation_config.json", "onnx", "reference.json",
                          "tokenizer.json", "tokenizer_config.json"])
        self.assertEqual(sorted(os.listdir(os.path.join(LLAMA, "onnx"))),
                         ["model.onnx", "model_fp16.onnx", "model_q4.onnx", "model_q4.onnx_data", "model_q4f16.onnx",
                          "model_quantized.onnx"])
        self.assertEqual(sorted(os.listdir(os.path.join(MERGED, "onnx"))),
                         ["decoder_model_merged.onnx", "decoder_model_merged_fp16.onnx"])
        for d in (LLAMA, MERGED):
            size = sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(d) for f in fs)
            self.assertLess(size, 1_100_000, d)

    def test_qwen2_config_and_chat_template(self):
        with open(os.path.join(LLAMA, "config.json")) as f:
            c = json.load(f)
        self.assertEqual((c["model_type"], c["architectures"]), ("qwen2", ["Qwen2ForCausalLM"]))
        self.assertEqual((c["num_attention_heads"], c["num_key_value_heads"], c["tie_word_embeddings"]), (4, 2, False))
        with open(os.path.join(LLAMA, "tokenizer_config.json")) as f:
            tc = json.load(f)
        with open(os.path.join(LLAMA, "chat_template.jinja")) as f:
            self.assertEqual(f.read(), tc["chat_template"])
        self.assertIn("<|im_start|>", tc["chat_template"])
        self.assertFalse(tc["add_bos_token"])
        self.assertFalse(ref(LLAMA)["addBos"])


class TestFormats(unittest.TestCase):
    def load(self, name):
        return onnx.load(os.path.join(LLAMA, "onnx", name))

    def test_fp16(self):
        for name in ("model_fp16.onnx", "model_q4f16.onnx"):
            m = self.load(name)
            types = {**elem(m.graph.input), **elem(m.graph.output)}
            self.assertEqual(types["logits"], TensorProto.FLOAT16, name)
            self.assertEqual(types["past_key_values.1.value"], TensorProto.FLOAT16, name)
            self.assertEqual(types["present.0.key"], TensorProto.FLOAT16, name)
            self.assertEqual(types["input_ids"], TensorProto.INT64, name)
            self.assertFalse([t.name for t in m.graph.initializer if t.data_type == TensorProto.FLOAT], name)
            for n in m.graph.node:
                if n.op_type == "Cast":
                    self.assertNotEqual(n.attribute[0].i, TensorProto.FLOAT, name)
                for a in n.attribute:
                    if a.type == onnx.AttributeProto.TENSOR and a.t.data_type == TensorProto.FLOAT16:
                        self.assertTrue(np.isfinite(numpy_helper.to_array(a.t)).all(), n.name)

    def test_int8(self):
        m = self.load("model_quantized.onnx")
        self.assertTrue({"DynamicQuantizeLinear", "MatMulInteger"} <= ops(m))
        inits = {t.name: t for t in m.graph.initializer}
        self.assertEqual(inits["llama.lm_head.weight_quantized"].data_type, TensorProto.INT8)
        self.assertEqual(list(inits["llama.lm_head.weight_scale"].dims), [512])
        self.assertNotIn("llama.lm_head.weight", inits)
        self.assertEqual(sum(n.op_type == "MatMulInteger" for n in m.graph.node), 15)  # 7 per layer + the LM head

    def test_q4_packing(self):
        m = self.load("model_q4.onnx")
        nodes = [n for n in m.graph.node if n.op_type == "MatMulNBits"]
        self.assertEqual(len(nodes), 15)
        self.assertIn(("com.microsoft", 1), [(o.domain, o.version) for o in m.opset_import])
        inits = {t.name: numpy_helper.to_array(t) for t in m.graph.initializer}
        w = T.build_llama().layers[0].mlp.down_proj.weight.detach().numpy()  # [N=32, K=64]
        n = next(x for x in nodes if x.input[1].startswith("llama.layers.0.mlp.down_proj"))
        attrs = {a.name: a.i for a in n.attribute}
        self.assertEqual(attrs, {"K": 64, "N": 32, "bits": 4, "block_size": 32})
        b, scales, zp = (inits[i] for i in n.input[1:4])
        self.assertEqual(b.shape, (32, 2, 16))
        self.assertEqual(scales.shape, (64,))
        self.assertEqual(zp.shape, (32,))  # two blocks per row: one byte
        codes = np.stack([b & 0x0F, b >> 4], -1).reshape(32, 2, 32)  # low nibble first
        zps = np.stack([zp & 0x0F, zp >> 4], -1).reshape(32, 2)
        deq = (codes.astype(np.float32) - zps[..., None]) * scales.reshape(32, 2)[..., None]
        step = scales.reshape(32, 2).max()
        self.assertLess(float(np.abs(deq.reshape(32, 64) - w).max()), step / 2 + 1e-6)
        # symmetric (q4f16): no zero points (the default, 8), fp16 scales
        m16 = self.load("model_q4f16.onnx")
        n16 = [x for x in m16.graph.node if x.op_type == "MatMulNBits"]
        self.assertTrue(all(len(x.input) == 3 for x in n16))
        self.assertEqual({t.data_type for t in m16.graph.initializer if t.name.endswith("_scales")},
                         {TensorProto.FLOAT16})
        keep = next(i for i in m16.graph.input if i.name == "num_logits_to_keep")
        self.assertEqual((keep.type.tensor_type.elem_type, len(keep.type.tensor_type.shape.dim)), (TensorProto.INT64, 0))

    def test_external_data(self):
        m = onnx.load(os.path.join(LLAMA, "onnx", "model_q4.onnx"), load_external_data=False)
        ext = [t for t in m.graph.initializer if t.data_location == TensorProto.EXTERNAL]
        self.assertTrue(ext)
        self.assertEqual({{e.key: e.value for e in t.external_data}["location"] for t in ext}, {"model_q4.onnx_data"})

    def test_merged(self):
        m = onnx.load(os.path.join(MERGED, "onnx", "decoder_model_merged.onnx"))
        self.assertEqual([n.op_type for n in m.graph.node], ["If"])
        flag = next(i for i in m.graph.input if i.name == "use_cache_branch")
        self.assertEqual(flag.type.tensor_type.elem_type, TensorProto.BOOL)
        self.assertEqual([d.dim_value for d in flag.type.tensor_type.shape.dim], [1])
        branches = {a.name: a.g for a in m.graph.node[0].attribute}
        used = {i for n in branches["else_branch"].node for i in n.input}
        self.assertFalse([i for i in used if i.startswith("past_key_values")])  # the no-past branch
        self.assertIn("past_key_values.0.key", {i for n in branches["then_branch"].node for i in n.input})
        m16 = onnx.load(os.path.join(MERGED, "onnx", "decoder_model_merged_fp16.onnx"))
        types = {**elem(m16.graph.input), **elem(m16.graph.output)}
        self.assertEqual((types["past_key_values.0.key"], types["logits"]), (TensorProto.FLOAT16, TensorProto.FLOAT16))
        for b in m16.graph.node[0].attribute:
            self.assertEqual(elem(b.g.output)[b.g.output[0].name], TensorProto.FLOAT16, b.name)


@unittest.skipUnless(V.have_ort_node(), "onnxruntime-node not installed (npm install at the repository root)")
class TestParity(unittest.TestCase):
    def check(self, d, build, prefix, variants):
        r = ref(d)
        m = build()
        s = T.spec(m)
        for vid, (_, deq, half, act_quant, kv) in variants.items():
            v = r["variants"][vid]
            path = os.path.join(d, v["graph"])
            tokens, logits = V.ort_greedy(path, s, r["promptIds"], kv, merged="merged" in v["graph"])
            tm = V.with_weights(m, prefix, deq, half, act_quant)
            tl, _ = T.torch_step(tm, [r["promptIds"]])
            tl = tl[:, -logits.shape[1]:]  # q4f16 keeps the last position's logits only (num_logits_to_keep 1)
            self.assertLess(float(np.abs(logits - tl).max()), v["tolerance"], vid)
            self.assertEqual(tokens, v["greedy"], vid)
            agree = 4 if half else V.STEPS
            self.assertEqual(T.greedy(tm, r["promptIds"], V.STEPS)[:agree], tokens[:agree], vid)
            np.testing.assert_allclose(logits[0, -1, :8], v["logitsFirst8"], atol=1e-4)

    def test_onnx_llama(self):
        self.check(LLAMA, T.build_llama, "llama.", V.llama_variants())

    def test_merged_gpt2(self):
        self.check(MERGED, T.build_gpt2, "gpt.", {"fp32": (None, {}, False, False, np.float32),
                                                  "fp16": (None, {}, True, False, np.float16)})
        self.assertEqual(ref(MERGED)["variants"]["fp32"]["greedy"], ref(os.path.join(TINY, "gpt2"))["greedy"])


class TestDeterminism(unittest.TestCase):
    @unittest.skipUnless(V.have_ort_node(), "onnxruntime-node not installed (npm install at the repository root)")
    def test_rerun_is_byte_identical(self):
        with tempfile.TemporaryDirectory() as d:
            subprocess.run([sys.executable, "-m", "text.make_variants", "--out", d], cwd=ROOT, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for name in ("onnx-llama", "merged-gpt2"):
                for r, _, fs in os.walk(os.path.join(TINY, name)):
                    for f in fs:
                        rel = os.path.relpath(os.path.join(r, f), TINY)
                        if f == "reference.json":
                            self.assertIsNone(json_file_diff(os.path.join(d, rel), os.path.join(TINY, rel), atol=1e-4))
                            continue
                        with open(os.path.join(d, rel), "rb") as a, open(os.path.join(TINY, rel), "rb") as b:
                            self.assertEqual(a.read(), b.read(), f"{rel} differs on a re-run")


if __name__ == "__main__":
    unittest.main()
