"""Export a coupling flow (common/flow.py) as our two ONNX graphs and check them, written once for every flow model.

  forward.onnx: <data> [batch, dim] -> <base> [batch, dim], logdet [batch]
  inverse.onnx: <base> [batch, dim] -> <data> [batch, dim]

Opset 17, float32, dynamic batch, weights inside the file. `names` = (data, base): ("x", "z") for the palette flow,
("z", "u") for the glyph VAE's prior.
"""
import argparse
import json
import os

import numpy as np
import torch

from .flow import ForwardGraph, InverseGraph, count_params
from .ort import run_onnx

OPSET = 17


def io(name, shape):
    return {"name": name, "dtype": "float32", "shape": shape}


def flow_io(dim, names):
    """The manifest's `io` blocks of both graphs (and what set_io_shapes writes on them)."""
    data, base = names
    forward = {"inputs": [io(data, ["batch", dim])], "outputs": [io(base, ["batch", dim]), io("logdet", ["batch"])]}
    inverse = {"inputs": [io(base, ["batch", dim])], "outputs": [io(data, ["batch", dim])]}
    return forward, inverse


def set_io_shapes(path, spec):
    """Write the declared shapes (["batch", dim] / ["batch"]) on the graph's inputs and outputs: the exporter names
    the second output dim after the op that makes it (e.g. "Concatz_dim_1")."""
    import onnx
    m = onnx.load(path)
    for specs, vis in ((spec["inputs"], m.graph.input), (spec["outputs"], m.graph.output)):
        assert [s["name"] for s in specs] == [v.name for v in vis], (specs, vis)
        for s, v in zip(specs, vis):
            dims = v.type.tensor_type.shape.dim
            assert len(dims) == len(s["shape"]), (s, dims)
            for d, want in zip(dims, s["shape"]):
                if isinstance(want, str):
                    d.ClearField("dim_value")
                    d.dim_param = want
                else:
                    d.ClearField("dim_param")
                    d.dim_value = want
    onnx.checker.check_model(m)
    onnx.save(m, path)


def export_flow_graphs(model, out_dir, dim, names):
    """Writes out_dir/forward.onnx and out_dir/inverse.onnx; answers their paths."""
    data, base = names
    forward_io, inverse_io = flow_io(dim, names)
    fwd, inv = os.path.join(out_dir, "forward.onnx"), os.path.join(out_dir, "inverse.onnx")
    dummy = torch.randn(3, dim)
    with torch.no_grad():
        torch.onnx.export(ForwardGraph(model).eval(), dummy, fwd, opset_version=OPSET, do_constant_folding=True,
                          input_names=[data], output_names=[base, "logdet"],
                          dynamic_axes={data: {0: "batch"}, base: {0: "batch"}, "logdet": {0: "batch"}})
        torch.onnx.export(InverseGraph(model).eval(), dummy, inv, opset_version=OPSET, do_constant_folding=True,
                          input_names=[base], output_names=[data], dynamic_axes={base: {0: "batch"}, data: {0: "batch"}})
    set_io_shapes(fwd, forward_io)
    set_io_shapes(inv, inverse_io)
    return fwd, inv


def check_flow_onnx(model, fwd, inv, x, names, batches=(1, 40), repeats=100):
    """ONNX (onnxruntime-node where it runs) vs PyTorch on x (float32 [N, dim]) both ways and the round trip; times
    both graphs at `batches` on one thread (repeats=0: no timing). Answers (max errors, timings)."""
    data, base = names
    with torch.no_grad():
        z_ref, ld_ref = model(torch.from_numpy(x))
        x_ref = model.inverse(z_ref)
    out, backend, _ = run_onnx(fwd, {data: x})
    back, _, _ = run_onnx(inv, {base: out[base]})
    err = {
        f"forward{base.upper()}": float(np.abs(out[base] - z_ref.numpy()).max()),
        "forwardLogdet": float(np.abs(out["logdet"] - ld_ref.numpy()).max()),
        "inverse": float(np.abs(run_onnx(inv, {base: z_ref.numpy()})[0][data] - x_ref.numpy()).max()),
        "roundTripOnnx": float(np.abs(back[data] - x).max()),
        "roundTripTorch": float(np.abs(x_ref.numpy() - x).max()),
    }
    print(f"{backend}: " + ", ".join(f"{k} {v:.2e}" for k, v in err.items()))
    assert max(err.values()) < 1e-4, err
    timings = {}
    if backend == "onnxruntime-node" and repeats:
        for b in batches:
            for name, path, feed in (("forward", fwd, data), ("inverse", inv, base)):
                _, _, t = run_onnx(path, {feed: x[:b]}, repeats=repeats, threads=1)
                timings[f"{name}MsBatch{b}OneThread"] = round(t["msMedian"], 3)
        print("timings (median ms, 1 thread):", timings)
    return err, timings


def export_args(here, default_out):
    """The command line every flow export takes: --ckpt, --out, --metrics (evaluate.py's), --repeats."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", default=os.path.join(here, "runs", "small", "best.pt"))
    ap.add_argument("--out", default=default_out)
    ap.add_argument("--metrics", default=os.path.join(here, "runs", "metrics.json"), help="written by evaluate.py")
    ap.add_argument("--repeats", type=int, default=100)
    return ap.parse_args()


def export_checked(args, load_model, dim, names, evaluate_module, max_bytes=2_000_000):
    """Loads the checkpoint (load_model(path) -> (model, ck)) and evaluate.py's metrics of that same checkpoint,
    writes both graphs to args.out (under max_bytes together) -> (model, ck, metrics, forward path, inverse path)."""
    torch.set_num_threads(1)
    model, ck = load_model(args.ckpt)
    with open(args.metrics) as f:
        ev = json.load(f)
    assert ev["step"] == ck["step"] and ev["bestStep"] == ck.get("best_step", ck["step"]), \
        f"metrics.json is from another checkpoint: run {evaluate_module}"
    os.makedirs(args.out, exist_ok=True)
    fwd, inv = export_flow_graphs(model, args.out, dim, names)
    total = os.path.getsize(fwd) + os.path.getsize(inv)
    print(f"exported opset {OPSET}: forward {os.path.getsize(fwd)} B, inverse {os.path.getsize(inv)} B, "
          f"{count_params(model)} parameters, best step {ev['bestStep']} of {ck['step']}")
    assert total < max_bytes, total
    return model, ck, ev, fwd, inv
