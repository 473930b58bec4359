"""Tests for the Stable Diffusion format fixtures (tiny-sd-fp16/, tiny-sd-turbo/, tiny-lcm/, bad-graphs/) written by
make_tiny_sd_variants.py.

    cd models/training && /usr/bin/python3 -m unittest images.test_tiny_sd_variants -v

* layout: the Optimum files of tiny-sd plus each format's own (external data `model.onnx_data` / `weights.pb`),
  every graph's input/output names and element types (float16 everywhere in tiny-sd-fp16, the UNet's timestep too;
  `timestep_cond` float [batch_size, 32] in tiny-lcm), the scheduler configs
* fp16 conversion: float16 weights and values, Resize's scales kept float32, the -1e9 causal mask clamped finite
* numerics: onnxruntime-node vs PyTorch on every graph within reference.json's tolerance (float16: 0.05)
* schedulers: the reference timesteps are diffusers' (trailing 1-4 steps, LCM 1-8 of 50), the guidance embedding
* determinism: a re-run writes byte-identical graphs and configs
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
from onnx import TensorProto, numpy_helper

from common import have_ort_node
from common.fp16 import half_array
from common.testing import json_diff

from . import make_tiny_sd as T
from . import make_tiny_sd_variants as V

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
F, H, I32, I64 = TensorProto.FLOAT, TensorProto.FLOAT16, TensorProto.INT32, TensorProto.INT64
COMMON = {"model_index.json", "reference.json", "scheduler/scheduler_config.json", "text_encoder/model.onnx",
          "text_encoder/config.json", "tokenizer/vocab.json", "tokenizer/merges.txt", "tokenizer/tokenizer.json",
          "tokenizer/tokenizer_config.json", "tokenizer/special_tokens_map.json", "unet/model.onnx", "unet/config.json",
          "vae_decoder/model.onnx", "vae_decoder/config.json", "vae_encoder/model.onnx", "vae_encoder/config.json"}
FILES = {"tiny-sd-fp16": COMMON | {"unet/model.onnx_data"}, "tiny-sd-turbo": COMMON | {"unet/weights.pb"},
         "tiny-lcm": COMMON}


def path(*p):
    return os.path.join(HERE, *p)


def read(*p):
    with open(path(*p), encoding="utf-8") as f:
        return json.load(f)


def ports(folder, graph):
    m = onnx.load(path(folder, graph, "model.onnx"), load_external_data=False)
    return ([(v.name, v.type.tensor_type.elem_type) for v in m.graph.input],
            [(v.name, v.type.tensor_type.elem_type) for v in m.graph.output])


def all_files(d):
    return {os.path.relpath(os.path.join(r, f), d) for r, _, fs in os.walk(d) for f in fs}


class TestLayout(unittest.TestCase):
    def test_files(self):
        for folder, files in FILES.items():
            self.assertEqual(all_files(path(folder)), files, folder)
        self.assertEqual(all_files(path("bad-graphs")), {"unet-double.onnx", "unet-custom-op.onnx"})

    def test_fp16_ports(self):
        self.assertEqual(ports("tiny-sd-fp16", "unet"), ([("sample", H), ("timestep", H), ("encoder_hidden_states", H)],
                                                         [("out_sample", H)]))
        self.assertEqual(ports("tiny-sd-fp16", "text_encoder"),
                         ([("input_ids", I32)], [("last_hidden_state", H), ("pooler_output", H)]))
        self.assertEqual(ports("tiny-sd-fp16", "vae_decoder"), ([("latent_sample", H)], [("sample", H)]))
        self.assertEqual(ports("tiny-sd-fp16", "vae_encoder"), ([("sample", H)], [("latent_sample", H)]))

    def test_lcm_and_turbo_ports(self):
        ins, outs = ports("tiny-lcm", "unet")
        self.assertEqual(ins, [("sample", F), ("timestep", I64), ("encoder_hidden_states", F), ("timestep_cond", F)])
        m = onnx.load(path("tiny-lcm", "unet", "model.onnx"))
        cond = m.graph.input[3].type.tensor_type.shape.dim
        self.assertEqual([d.dim_param or d.dim_value for d in cond], ["batch_size", 32])
        self.assertEqual(read("tiny-lcm", "unet", "config.json")["time_cond_proj_dim"], 32)
        self.assertEqual(ports("tiny-sd-turbo", "unet"),
                         ([("sample", F), ("timestep", I64), ("encoder_hidden_states", F)], [("out_sample", F)]))

    def test_scheduler_configs(self):
        t = read("tiny-sd-turbo", "scheduler", "scheduler_config.json")
        self.assertEqual((t["_class_name"], t["timestep_spacing"], t["prediction_type"]),
                         ("EulerAncestralDiscreteScheduler", "trailing", "epsilon"))
        c = read("tiny-lcm", "scheduler", "scheduler_config.json")
        self.assertEqual((c["_class_name"], c["original_inference_steps"], c["timestep_scaling"]),
                         ("LCMScheduler", 50, 10.0))
        self.assertEqual(read("tiny-sd-fp16", "scheduler", "scheduler_config.json"), T.scheduler_config())

    def test_size(self):
        for folder in FILES:
            self.assertLess(T.folder_bytes(path(folder)), 1_500_000, folder)


class TestFloat16(unittest.TestCase):
    def test_weights_and_kept_float32(self):
        m = onnx.load(path("tiny-sd-fp16", "vae_decoder", "model.onnx"))
        types = {t.data_type for t in m.graph.initializer}
        self.assertNotIn(F, types)
        self.assertIn(H, types)
        resize = [n for n in m.graph.node if n.op_type == "Resize"]
        self.assertTrue(resize)
        consts = {n.output[0]: n for n in m.graph.node if n.op_type == "Constant"}
        inits = {t.name: t for t in m.graph.initializer}
        for n in resize:  # scales: tensor(float) by the spec
            s = n.input[2]
            t = inits[s] if s in inits else consts[s].attribute[0].t
            self.assertEqual(t.data_type, F)

    def test_mask_is_finite(self):
        m = onnx.load(path("tiny-sd-fp16", "text_encoder", "model.onnx"))
        for t in list(m.graph.initializer) + [a.t for n in m.graph.node for a in n.attribute if a.type == 4]:
            if t.data_type == H:
                self.assertTrue(np.isfinite(numpy_helper.to_array(t)).all(), t.name)
        self.assertEqual(float(half_array(np.array([-1e9]))[0]), -1e4)


class TestNumerics(unittest.TestCase):
    @unittest.skipUnless(have_ort_node(), "onnxruntime-node not installed (npm install at the repository root)")
    def test_onnxruntime_matches_pytorch(self):
        parts = T.build_all()
        for folder, dtype in (("tiny-sd-fp16", "float16"), ("tiny-sd-turbo", "float32"), ("tiny-lcm", "float32")):
            runs = V.reference_runs(parts, V.build_lcm_unet() if folder == "tiny-lcm" else None)
            err = V.check(path(folder), runs, dtype)
            ref = read(folder, "reference.json")
            self.assertLess(err, ref["tolerance"], folder)
            self.assertEqual(ref["dtype"], dtype)
            np.testing.assert_allclose(runs["unet"][2].reshape(-1)[:8], ref["unet"]["outSampleFirst8"], atol=1e-5)


class TestSchedulers(unittest.TestCase):
    def test_tables(self):
        self.assertEqual(read("tiny-sd-turbo", "reference.json")["timesteps"],
                         {"1": [999], "2": [999, 499], "3": [999, 666, 332], "4": [999, 749, 499, 249]})
        self.assertEqual(read("tiny-lcm", "reference.json")["timesteps"],
                         {"1": [999], "2": [999, 499], "4": [999, 759, 499, 259],
                          "8": [999, 879, 759, 639, 499, 379, 259, 139]})

    def test_guidance_embedding(self):
        e = V.guidance_embedding(0.0, 4).numpy()
        np.testing.assert_array_equal(e, [[0, 0, 1, 1]])
        ref = read("tiny-lcm", "reference.json")["unet"]
        np.testing.assert_allclose(V.guidance_embedding(ref["guidance"] - 1).numpy()[0, :8], ref["timestepCondFirst8"],
                                   atol=1e-6)


class TestDeterminism(unittest.TestCase):
    def test_rerun_is_byte_identical(self):
        d = tempfile.mkdtemp()
        try:
            subprocess.run([sys.executable, "-m", "images.make_tiny_sd_variants", "--out", d, "--no-verify"], cwd=ROOT,
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for folder, files in FILES.items():
                self.assertEqual(all_files(os.path.join(d, folder)), files)
                for f in sorted(files - {"reference.json"}):
                    with open(os.path.join(d, folder, f), "rb") as a, open(path(folder, f), "rb") as b:
                        self.assertEqual(a.read(), b.read(), f"{folder}/{f} differs on a re-run")
                with open(os.path.join(d, folder, "reference.json")) as a:
                    new = json.load(a)
                old = read(folder, "reference.json")
                new.pop("maxAbsDiff"), old.pop("maxAbsDiff")  # measured: machine-dependent
                self.assertIsNone(json_diff(new, old, atol=1e-5), folder)
            for f in ("unet-double.onnx", "unet-custom-op.onnx"):
                with open(os.path.join(d, "bad-graphs", f), "rb") as a, open(path("bad-graphs", f), "rb") as b:
                    self.assertEqual(a.read(), b.read(), f)
        finally:
            shutil.rmtree(d)


if __name__ == "__main__":
    unittest.main()
