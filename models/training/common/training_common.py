"""Helpers shared by the training folders (texture, glyphs, texture-vae).

Each of them puts this folder on sys.path (a path relative to its own file) and imports from here:

* run_onnx: runs an ONNX graph on the app's own onnxruntime-node (`npm install` at the repository root) through
  `ort_run.cjs` next to this file; `ORT_NODE_MODULES=/path/to/node_modules` overrides the location. With
  onnx >= 1.13 it falls back to `onnx.reference` when onnxruntime-node is missing (no timings then).
* sha256 / file_entry / training_info / save_manifest: the common parts of writing a model's model.json.
* load_checkpoint: a training checkpoint (torch.save of {"model": state_dict, "step", ...}) back into its model.
"""
import hashlib
import json
import os
import shutil
import subprocess
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ORT_RUN = os.path.join(HERE, "ort_run.cjs")
ORT_NODE_MODULES = os.environ.get(
    "ORT_NODE_MODULES",
    os.path.abspath(os.path.join(HERE, "..", "..", "..", "node_modules")),
)
_NP_DTYPES = {"float32": "<f4", "int64": "<i8"}


def have_ort_node():
    return os.path.isdir(os.path.join(ORT_NODE_MODULES, "onnxruntime-node")) and bool(shutil.which("node"))


def _timing(res):
    """First-run ms and, over the `repeats` further runs: all their ms, the median, p90 and min."""
    runs = res["runs"]
    s = sorted(runs)
    return {
        "ms": res["ms"],
        "runs": runs,
        "msMedian": s[len(s) // 2] if s else None,
        "msP90": s[int(len(s) * 0.9)] if s else None,
        "msMin": s[0] if s else None,
    }


def run_onnx(path, feeds, repeats=0, threads=None):
    """Run an ONNX graph: onnxruntime-node if installed, else onnx.reference (onnx >= 1.13).

    feeds: {input name: np.ndarray} (int64 arrays stay int64, anything else is passed as float32).
    repeats: timed runs after the first one; threads: onnxruntime intra-op threads (None: its default).
    Returns ({output name: array}, backend name, timing dict (see _timing) or None for onnx.reference).
    """
    if have_ort_node():
        with tempfile.TemporaryDirectory() as d:
            meta = {"inputs": {}}
            for name, a in feeds.items():
                dt = "int64" if a.dtype == np.int64 else "float32"
                a.astype(_NP_DTYPES[dt]).tofile(os.path.join(d, name + ".bin"))
                meta["inputs"][name] = {"dtype": dt, "shape": list(a.shape)}
            with open(os.path.join(d, "meta.json"), "w") as f:
                json.dump(meta, f)
            env = dict(os.environ, NODE_PATH=ORT_NODE_MODULES)
            if threads:
                env["ORT_INTRA_OP_THREADS"] = str(threads)
            subprocess.run(["node", ORT_RUN, path, d, str(repeats)], check=True, env=env)
            with open(os.path.join(d, "out.json")) as f:
                res = json.load(f)
            outs = {k: np.fromfile(os.path.join(d, k + ".bin"), dtype=_NP_DTYPES.get(res["dtypes"][k], "<f4")).reshape(s)
                    for k, s in res["outputs"].items()}
            return outs, "onnxruntime-node", _timing(res)
    import onnx
    from onnx.reference import ReferenceEvaluator  # onnx >= 1.13
    names = [o.name for o in onnx.load(path).graph.output]
    return dict(zip(names, ReferenceEvaluator(path).run(None, feeds))), "onnx.reference", None


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def file_entry(path, role):
    """A manifest `files` entry for a file in the model folder."""
    return {"path": os.path.basename(path), "role": role, "sha256": sha256(path), "bytes": os.path.getsize(path)}


def training_info(code, data, data_license, ck, device="cpu"):
    """The manifest's `training` block; ck is the checkpoint dict (step, train_seconds)."""
    return {
        "code": code,
        "data": data,
        "dataLicense": data_license,
        "steps": int(ck["step"]),
        "durationMinutes": round(ck.get("train_seconds", 0.0) / 60.0, 1),
        "device": device,
    }


def save_manifest(out_dir, man):
    """Write <out_dir>/model.json (2-space indent, trailing newline) and return the manifest."""
    with open(os.path.join(out_dir, "model.json"), "w") as f:
        json.dump(man, f, indent=2)
        f.write("\n")
    return man


def load_checkpoint(path, build):
    """Load a checkpoint on the CPU; build(ck) makes the model, which gets ck["model"]. Returns (model in eval mode, ck)."""
    import torch
    ck = torch.load(path, map_location="cpu")
    model = build(ck)
    model.load_state_dict(ck["model"])
    return model.eval(), ck
