"""ONNX export of the glyph VAE's two graphs and a runner on the app's own onnxruntime-node.

The numerical checks run the app's onnxruntime-node (`npm install` at the repository root) through
`ort_run.cjs`; `ORT_NODE_MODULES=/path/to/node_modules` overrides the location. With onnx >= 1.13 the
code falls back to `onnx.reference` when onnxruntime-node is missing (no timings then).
"""
import json
import os
import shutil
import subprocess
import tempfile

import numpy as np
import onnx
import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
ORT_NODE_MODULES = os.environ.get(
    "ORT_NODE_MODULES",
    os.path.abspath(os.path.join(HERE, "..", "..", "..", "node_modules")),
)
OPSET = 17


class _Enc(nn.Module):
    def __init__(self, enc):
        super().__init__()
        self.enc = enc

    def forward(self, image, char):
        return self.enc(image, char)


def _fix_output_shapes(path, shapes):
    """The exporter leaves some static dims symbolic (pixel shuffle); write the exact output shapes."""
    m = onnx.load(path)
    for out in m.graph.output:
        dims = out.type.tensor_type.shape.dim
        for d, v in zip(dims, shapes[out.name]):
            if isinstance(v, str):
                d.dim_param = v
            else:
                d.dim_value = v
    onnx.checker.check_model(m)
    onnx.save(m, path)
    return m


def export_decoder(dec, path):
    dec.eval()
    z = torch.zeros(2, dec.dim)
    c = torch.tensor([0, 1], dtype=torch.int64)
    with torch.no_grad():
        torch.onnx.export(dec, (z, c), path, opset_version=OPSET, do_constant_folding=True,
                          input_names=["z", "char"], output_names=["image"],
                          dynamic_axes={"z": {0: "batch"}, "char": {0: "batch"}, "image": {0: "batch"}})
    return _fix_output_shapes(path, {"image": ["batch", 1, 64, 64]})


def export_encoder(enc, path):
    enc.eval()
    x = torch.zeros(2, 1, 64, 64)
    c = torch.tensor([0, 1], dtype=torch.int64)
    with torch.no_grad():
        torch.onnx.export(_Enc(enc), (x, c), path, opset_version=OPSET, do_constant_folding=True,
                          input_names=["image", "char"], output_names=["mean", "logvar"],
                          dynamic_axes={"image": {0: "batch"}, "char": {0: "batch"},
                                        "mean": {0: "batch"}, "logvar": {0: "batch"}})
    D = enc.head.out_features // 2
    return _fix_output_shapes(path, {"mean": ["batch", D], "logvar": ["batch", D]})


def have_ort_node():
    return os.path.isdir(os.path.join(ORT_NODE_MODULES, "onnxruntime-node")) and shutil.which("node")


def run_onnx(path, feeds, repeats=0, threads=None):
    """feeds: dict name -> np array (float32 or int64). Returns (outputs dict, backend, timing dict or None)."""
    if have_ort_node():
        with tempfile.TemporaryDirectory() as d:
            meta = {"inputs": {}}
            for k, v in feeds.items():
                dt = "int64" if v.dtype == np.int64 else "float32"
                v.astype("<i8" if dt == "int64" else "<f4").tofile(os.path.join(d, k + ".bin"))
                meta["inputs"][k] = {"dtype": dt, "shape": list(v.shape)}
            with open(os.path.join(d, "meta.json"), "w") as f:
                json.dump(meta, f)
            env = dict(os.environ, NODE_PATH=ORT_NODE_MODULES)
            if threads:
                env["ORT_INTRA_OP_THREADS"] = str(threads)
            subprocess.run(["node", os.path.join(HERE, "ort_run.cjs"), path, d, str(repeats)], check=True, env=env)
            with open(os.path.join(d, "out.json")) as f:
                res = json.load(f)
            outs = {k: np.fromfile(os.path.join(d, k + ".bin"), dtype="<f4").reshape(s)
                    for k, s in res["outputs"].items()}
            return outs, "onnxruntime-node", {"ms": res["ms"], "msMedian": res["msMedian"], "msP90": res["msP90"], "msMin": res["msMin"]}
    from onnx.reference import ReferenceEvaluator  # onnx >= 1.13
    sess = ReferenceEvaluator(path)
    names = [o.name for o in onnx.load(path).graph.output]
    return dict(zip(names, sess.run(None, feeds))), "onnx.reference", None
