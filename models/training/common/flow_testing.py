"""Checks every exported coupling flow's tests make (the palette flow, the glyph VAE's prior): written once here,
called from each model's test_export.py with its own graphs, names and points.

  flow_from_onnx(model, fwd)              the PyTorch flow with forward.onnx's weights
  assert_graph_files(tc, files, io, ...)  model.json's file entries and io blocks against the graphs on disk
  assert_logdet_is_jacobian(tc, m, pts)   logdet = log |det| of the autograd Jacobian (float64)
  assert_onnx_parity(tc, model, ...)      ONNX (onnxruntime-node) == PyTorch both ways, round trip, batch 1
"""
import hashlib
import os

import numpy as np
import onnx
import torch
from onnx import numpy_helper

from .ort import run_onnx


def flow_from_onnx(model, fwd):
    """Loads forward.onnx's weights into `model` (a fresh flow of the same config; initializers keep the
    state_dict names, prefixed "flow."; the inverse permutations are rebuilt) -> model in eval mode."""
    init = {i.name[len("flow."):]: numpy_helper.to_array(i) for i in onnx.load(fwd).graph.initializer
            if i.name.startswith("flow.")}
    sd = model.state_dict()
    for k in sd:
        if k.startswith("inv"):
            init[k] = np.argsort(init["perm" + k[3:]])
    missing = [k for k in sd if k not in init]
    assert not missing, f"forward.onnx lacks {missing}"
    model.load_state_dict({k: torch.from_numpy(np.array(init[k])).to(sd[k].dtype) for k in sd})
    return model.eval()


def assert_graph_files(tc, files, io, fwd, inv, max_bytes=2_000_000):
    """files: the manifest's file entries (forward, inverse); io: its {"forward", "inverse"} io blocks. Each entry
    names its graph's sha256, size and role; opset 13-17; weights inside the file, float32 (int64 for the
    permutations); the graphs' inputs and outputs as declared; both together under max_bytes."""
    total = 0
    for entry, path, role in zip(files, (fwd, inv), ("forward", "inverse")):
        with open(path, "rb") as fh:
            data = fh.read()
        tc.assertEqual(entry, {"path": os.path.basename(path), "role": role,
                               "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)})
        total += len(data)
        m = onnx.load(path)
        onnx.checker.check_model(m)
        opset = [o.version for o in m.opset_import if o.domain in ("", "ai.onnx")][0]
        tc.assertTrue(13 <= opset <= 17, opset)
        for init in m.graph.initializer:
            tc.assertNotEqual(init.data_location, onnx.TensorProto.EXTERNAL)
            tc.assertIn(init.data_type, (onnx.TensorProto.FLOAT, onnx.TensorProto.INT64))
        spec = io[role]
        for s, vi in [*zip(spec["inputs"], m.graph.input), *zip(spec["outputs"], m.graph.output)]:
            tc.assertEqual(s["name"], vi.name)
            tc.assertEqual(vi.type.tensor_type.elem_type, onnx.TensorProto.FLOAT)
            tc.assertEqual([d.dim_param or d.dim_value for d in vi.type.tensor_type.shape.dim], s["shape"])
    tc.assertLess(total, max_bytes)


def assert_logdet_is_jacobian(tc, m, pts, delta):
    """m: the flow in float64; pts: float64 [N, dim]. The graph's logdet is log |det| of the autograd Jacobian."""
    dim = pts.shape[1]
    ld_graph = m(torch.from_numpy(pts))[1]
    for i in range(len(pts)):
        x = torch.from_numpy(pts[i:i + 1])
        jac = torch.autograd.functional.jacobian(lambda v: m(v)[0], x).reshape(dim, dim)
        sign, lad = torch.linalg.slogdet(jac)
        tc.assertNotEqual(float(sign), 0.0)
        tc.assertAlmostEqual(float(lad), float(ld_graph[i]), delta=delta)
    return ld_graph


def assert_onnx_parity(tc, model, fwd, inv, x, names, seed):
    """On onnxruntime-node: forward then inverse gives x back (1e-4); both graphs equal PyTorch on x and on 37
    seeded N(0, I) base points; a batch of 1 equals its row of the big batch."""
    data, base = names
    dim = x.shape[1]
    out, _, _ = run_onnx(fwd, {data: x})
    back, _, _ = run_onnx(inv, {base: out[base]})
    tc.assertEqual(out[base].shape, x.shape)
    tc.assertEqual(out["logdet"].shape, (len(x),))
    tc.assertLess(float(np.abs(back[data] - x).max()), 1e-4)
    with torch.no_grad():
        z, ld = model(torch.from_numpy(x))
        z_s = torch.from_numpy(np.random.default_rng(seed).standard_normal((37, dim)).astype(np.float32))
        x_s = model.inverse(z_s).numpy()
    np.testing.assert_allclose(out[base], z.numpy(), atol=1e-4, rtol=0)
    np.testing.assert_allclose(out["logdet"], ld.numpy(), atol=1e-4, rtol=1e-5)
    np.testing.assert_allclose(run_onnx(inv, {base: z_s.numpy()})[0][data], x_s, atol=1e-4, rtol=0)
    one, _, _ = run_onnx(fwd, {data: x[5:6]})  # batch 1 equals its row in the big batch
    np.testing.assert_allclose(one[base][0], out[base][5], atol=1e-5)
