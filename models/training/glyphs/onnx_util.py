"""ONNX export of the glyph VAE's two graphs; re-exports run_onnx.

The numerical checks run the app's onnxruntime-node (`npm install` at the repository root) through
common.run_onnx (../common/ort.py and ort_run.cjs); `ORT_NODE_MODULES=/path/to/node_modules`
overrides the location. With onnx >= 1.13 it falls back to `onnx.reference` when onnxruntime-node is missing
(no timings then).
"""
import onnx
import torch
import torch.nn as nn

from common import run_onnx  # noqa: F401  (re-exported: used by export.py, test_export.py)

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
