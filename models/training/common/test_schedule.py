"""common.schedule: the curve, and that it equals the formulas the trainers had inline before they used it.

    cd models/training && /usr/bin/python3 -m unittest common.test_schedule -v
"""
import math
import unittest

import numpy as np

from common.schedule import cosine_decay, cosine_lambda, cosine_with_warmup, linear_warmup, set_lr

try:
    import torch
except ImportError:  # the schedule itself needs no torch
    torch = None


class TestCurve(unittest.TestCase):
    def test_end_points_and_middle(self):
        self.assertEqual(cosine_with_warmup(0, 100, 0, 1e-3, 1e-4), 1e-3)
        self.assertAlmostEqual(cosine_with_warmup(50, 100, 0, 1e-3, 1e-4), 5.5e-4, delta=1e-15)
        self.assertAlmostEqual(cosine_with_warmup(100, 100, 0, 1e-3, 1e-4), 1e-4, delta=1e-15)
        self.assertAlmostEqual(cosine_with_warmup(500, 100, 0, 1e-3, 1e-4), 1e-4, delta=1e-15)  # clamped after the end
        self.assertEqual(cosine_with_warmup(0, 100, 0, 2.0), 2.0)  # min_lr defaults to 0
        self.assertAlmostEqual(cosine_with_warmup(100, 100, 0, 2.0), 0.0, delta=1e-15)

    def test_warmup_is_linear_then_follows_the_cosine(self):
        base, lo, total, w = 1e-3, 1e-4, 1000, 10
        for s in range(w):
            self.assertAlmostEqual(cosine_with_warmup(s, total, w, base, lo),
                                   (s + 1) / w * cosine_decay(s / total, base, lo), delta=1e-18)
        for s in range(w - 1, total):
            self.assertEqual(cosine_with_warmup(s, total, w, base, lo), cosine_decay(s / total, base, lo))
        self.assertEqual(linear_warmup(0, 0), 1.0)
        self.assertEqual(linear_warmup(0, 4), 0.25)
        self.assertEqual(linear_warmup(3, 4), 1.0)
        self.assertEqual(linear_warmup(99, 4), 1.0)

    def test_monotone_after_warmup(self):
        lrs = [cosine_with_warmup(s, 300, 20, 1.0, 0.1) for s in range(20, 301)]
        self.assertTrue(all(a >= b for a, b in zip(lrs, lrs[1:])))
        self.assertTrue(all(0.1 - 1e-12 <= v <= 1.0 for v in lrs))

    def test_total_zero_or_one(self):
        self.assertEqual(cosine_with_warmup(0, 0, 0, 1.0, 0.5), 1.0)
        self.assertAlmostEqual(cosine_with_warmup(1, 1, 0, 1.0, 0.5), 0.5, delta=1e-15)


class TestSameAsTheTrainersFormulas(unittest.TestCase):
    """The expressions the trainers computed inline before using common.schedule (same formula; the values agree
    to float64 rounding, far below the float32 precision the optimisers work in)."""

    def close(self, a, b):
        self.assertLessEqual(abs(a - b), 1e-13 * abs(b), (a, b))

    def test_step_based_cosines(self):
        for steps in (1, 7, 1000, 4200):
            for step in sorted({0, 1, steps // 3, steps // 2, steps - 1}):
                for lr in (2e-3, 1e-3, 8e-4):
                    got = cosine_with_warmup(step, steps, 0, lr, 0.1 * lr)
                    # texture/train.py
                    self.close(got, lr * (0.1 + 0.9 * 0.5 * (1 + np.cos(np.pi * step / max(1, steps)))))
                    # glyphs/train.py
                    self.close(got, lr * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * min(step / steps, 1.0)))))
                    # texture-vae/train.py
                    self.close(got, lr * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * step / max(1, steps)))))

    def test_time_budgeted_warmup_times_cosine(self):
        for step in (0, 1, 99, 199, 200, 5000):
            for frac in (0.0, 0.013, 0.5, 0.97):
                lr = 1.5e-3
                w = linear_warmup(step, 200)
                # melody/train_vae.py and images/train.py (warm-up 200)
                self.close(w * cosine_decay(frac, lr, 0.1 * lr),
                           lr * min(1.0, (step + 1) / 200) * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * frac))))
                # melody/train_rnn.py
                self.close(w * cosine_decay(frac, lr, 0.05 * lr),
                           lr * min(1.0, (step + 1) / 200) * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * frac))))
                # text/train.py: the warm-up counts from the resumed step step0 (here step = step0 + s), warm-up 100
                step0, s = 37, step
                self.close(linear_warmup((step0 + s) - step0, 100) * cosine_decay(frac, lr, 0.1 * lr),
                           lr * min(1.0, ((step0 + s) - step0 + 1) / 100)
                           * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * frac))))


@unittest.skipIf(torch is None, "PyTorch not installed")
class TestTorch(unittest.TestCase):
    def test_lambda_lr_and_set_lr(self):
        p = torch.nn.Parameter(torch.zeros(3))
        opt = torch.optim.SGD([p], lr=0.5)
        sched = torch.optim.lr_scheduler.LambdaLR(opt, cosine_lambda(40, warmup=5, min_ratio=0.1))
        for step in range(45):
            self.assertAlmostEqual(opt.param_groups[0]["lr"], cosine_with_warmup(step, 40, 5, 0.5, 0.05), delta=1e-15)
            opt.step()
            sched.step()
        opt2 = torch.optim.Adam([{"params": [p]}, {"params": [torch.nn.Parameter(torch.ones(1))]}], lr=1.0)
        self.assertEqual(set_lr(opt2, 0.25), 0.25)
        self.assertEqual([g["lr"] for g in opt2.param_groups], [0.25, 0.25])


if __name__ == "__main__":
    unittest.main()
