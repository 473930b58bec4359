"""common.flow_train: the shared flow trainer learns a correlated Gaussian, keeps its best state, stops early and
resumes where it stopped.

    cd models/training && /usr/bin/python3 -m unittest common.test_flow_train -v
"""
import argparse
import contextlib
import io
import json
import os
import tempfile
import unittest

import numpy as np
import torch

from common.flow import CouplingFlow
from common.flow_train import add_flow_args, fit_flow

DIM = 4
MIX = np.array([[1.0, 0.0, 0.0, 0.0], [0.9, 0.3, 0.0, 0.0], [0.0, 0.0, 2.0, 0.0], [0.0, 0.0, -1.5, 0.5]], np.float32)
SHIFT = np.array([3.0, -1.0, 0.5, 2.0], np.float32)


def gaussian(rng, n):
    return torch.from_numpy(rng.standard_normal((n, DIM)).astype(np.float32) @ MIX.T + SHIFT)


def run(out, *extra, flat=False):
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", default="test")
    add_flow_args(ap, out, steps=160, batch=64, wd=0.0, ema=0.9, eval_every=20, patience=1000)
    args = ap.parse_args(["--out", out, "--lr", "1e-2", "--warmup", "20", *extra])
    val = gaussian(np.random.default_rng(99), 512)

    def validate(m):
        if flat:  # a validation figure that never improves after the first
            return 0.0
        with torch.no_grad():
            return float(m.log_prob(val).mean())

    with contextlib.redirect_stdout(io.StringIO()) as said:
        model, best = fit_flow(args, {"layers": 3, "hidden": 16, "depth": 1}, lambda cfg: CouplingFlow(DIM, **cfg),
                               lambda rng: gaussian(rng, args.batch), validate, lambda rng: gaussian(rng, 256), DIM,
                               val_key="valLogP", val_text="log p", unit="nats", describe="a Gaussian",
                               extra={"note": "test"})
    with open(os.path.join(out, "log.jsonl")) as f:
        log = [json.loads(line) for line in f]
    return model, best, log, said.getvalue(), validate


class FitFlowTest(unittest.TestCase):
    def test_learns_keeps_the_best_and_writes_its_files(self):
        with tempfile.TemporaryDirectory() as out:
            model, best, log, said, validate = run(out)
            vals = [r["valLogP"] for r in log]
            self.assertEqual([r["step"] for r in log], list(range(20, 161, 20)))
            # the true density's expected log p: -0.5 log det(2 pi e Sigma) = -4.47 nats; ActNorm alone (the data
            # start, no correlations) is about -6.7
            self.assertGreater(vals[-1], vals[0] + 1.0)
            self.assertGreater(vals[-1], -4.9)
            self.assertEqual(best["val"], max(vals))
            self.assertEqual(best["step"], log[int(np.argmax(vals))]["step"])
            saved = torch.load(os.path.join(out, "best.pt"))
            self.assertEqual((saved["best_step"], saved["note"], saved["step"]), (best["step"], "test", 160))
            fresh = CouplingFlow(DIM, layers=3, hidden=16, depth=1)
            fresh.load_state_dict(saved["model"])
            self.assertAlmostEqual(validate(fresh.eval()), best["val"], places=4)
            self.assertIn("best val log p", said)

    def test_stops_early_and_resumes_where_it_stopped(self):
        with tempfile.TemporaryDirectory() as out:
            _, best, log, said, _ = run(out, "--patience", "40", flat=True)
            self.assertEqual([r["step"] for r in log], [20, 40, 60])
            self.assertEqual(best["step"], 20)
            self.assertIn("early stop at step 60", said)
            _, best2, log2, said2, _ = run(out, "--resume", out)
            self.assertIn("resumed at step 60", said2)
            self.assertEqual([r["step"] for r in log2], list(range(20, 161, 20)))  # one log, continued
            self.assertEqual(best2["step"], 20)  # the real figures (negative) never beat the flat 0


if __name__ == "__main__":
    unittest.main()
