"""common.flow_export: a small coupling flow exported as our two graphs, with the names and shapes the manifest
declares, checked against PyTorch both ways (on onnxruntime-node where it is installed).

    cd models/training && /usr/bin/python3 -m unittest common.test_flow_export -v
"""
import tempfile
import unittest

import numpy as np
import torch

try:
    import onnx
except ImportError:
    onnx = None

from common.flow import CouplingFlow
from common.flow_export import check_flow_onnx, export_flow_graphs, flow_io


@unittest.skipIf(onnx is None, "python3-onnx is not installed")
class FlowExportTest(unittest.TestCase):
    def test_two_graphs_named_shaped_and_exact(self):
        torch.manual_seed(0)
        flow = CouplingFlow(6, layers=3, hidden=16, depth=1).eval()
        with torch.no_grad():  # move the couplings off the identity so the check means something
            for p in flow.parameters():
                p.add_(0.1 * torch.randn_like(p))
        x = np.random.default_rng(1).standard_normal((50, 6)).astype(np.float32)
        with tempfile.TemporaryDirectory() as out:
            fwd, inv = export_flow_graphs(flow, out, 6, ("z", "u"))
            forward_io, inverse_io = flow_io(6, ("z", "u"))
            for path, spec in ((fwd, forward_io), (inv, inverse_io)):
                m = onnx.load(path)
                got = [(v.name, [d.dim_param or d.dim_value for d in v.type.tensor_type.shape.dim])
                       for v in [*m.graph.input, *m.graph.output]]
                self.assertEqual(got, [(s["name"], s["shape"]) for s in [*spec["inputs"], *spec["outputs"]]])
            err, _ = check_flow_onnx(flow, fwd, inv, x, ("z", "u"), repeats=0)
        self.assertEqual(set(err), {"forwardU", "forwardLogdet", "inverse", "roundTripOnnx", "roundTripTorch"})
        self.assertLess(max(err.values()), 1e-4)


if __name__ == "__main__":
    unittest.main()
