"""common.kl: KL(N(mu, sigma^2) || N(0, 1)) against torch.distributions and the trainers' former inline formulas.

    cd models/training && /usr/bin/python3 -m unittest common.test_kl -v
"""
import unittest

import numpy as np

from common.kl import normal_kl, normal_kl_per_dim

try:
    import torch
except ImportError:
    torch = None


class TestNumpy(unittest.TestCase):
    def test_zero_at_the_prior_and_positive_elsewhere(self):
        self.assertEqual(float(normal_kl(np.zeros(5), np.zeros(5))), 0.0)
        rng = np.random.default_rng(0)
        mu, lv = rng.standard_normal((20, 8)), rng.standard_normal((20, 8))
        self.assertTrue(np.all(normal_kl(mu, lv) > 0))
        self.assertEqual(normal_kl(mu, lv).shape, (20,))
        self.assertEqual(normal_kl(mu, lv, dim=0).shape, (8,))

    def test_closed_form(self):
        # KL(N(m, s^2) || N(0, 1)) = log(1/s) + (s^2 + m^2) / 2 - 1/2 per dimension
        m, s = np.array([0.3, -1.2, 2.0]), np.array([0.5, 1.0, 1.7])
        want = np.log(1 / s) + (s ** 2 + m ** 2) / 2 - 0.5
        np.testing.assert_allclose(normal_kl_per_dim(m, np.log(s ** 2)), want, rtol=1e-12)
        self.assertAlmostEqual(float(normal_kl(m, np.log(s ** 2))), float(want.sum()), delta=1e-12)

    def test_same_as_former_numpy_formula(self):
        rng = np.random.default_rng(1)
        mu = rng.standard_normal((50, 32)).astype(np.float32)
        lv = rng.standard_normal((50, 32)).astype(np.float32)
        # glyphs/evaluate.py
        np.testing.assert_array_equal(normal_kl(mu, lv), 0.5 * (mu ** 2 + np.exp(lv) - 1 - lv).sum(1))
        # texture-vae/evaluate.py (klPerDim)
        np.testing.assert_array_equal(normal_kl_per_dim(mu, lv).mean(0),
                                      (0.5 * (mu ** 2 + np.exp(lv) - 1 - lv)).mean(0))


@unittest.skipIf(torch is None, "PyTorch not installed")
class TestTorch(unittest.TestCase):
    def setUp(self):
        g = torch.Generator().manual_seed(0)
        self.mu = torch.randn(64, 16, generator=g)
        self.lv = torch.randn(64, 16, generator=g) * 2

    def test_matches_torch_distributions(self):
        from torch.distributions import Normal, kl_divergence
        want = kl_divergence(Normal(self.mu.double(), (0.5 * self.lv.double()).exp()), Normal(0.0, 1.0)).sum(-1)
        torch.testing.assert_close(normal_kl(self.mu.double(), self.lv.double()), want, rtol=1e-10, atol=1e-10)

    def test_bit_identical_to_the_trainers_former_formulas(self):
        mu, lv = self.mu, self.lv
        got = normal_kl(mu, lv)
        # glyphs/train.py: kl_per_dim(mean, logvar).sum(1)
        self.assertTrue(torch.equal(got, (0.5 * (mu ** 2 + lv.exp() - 1.0 - lv)).sum(1)))
        # texture-vae/train.py: kl_per_image
        self.assertTrue(torch.equal(got, 0.5 * (mu.pow(2) + lv.exp() - 1 - lv).sum(1)))
        # melody/train_vae.py, melody/evaluate.py
        self.assertTrue(torch.equal(got, (0.5 * (mu ** 2 + lv.exp() - 1 - lv)).sum(-1)))

    def test_gradient(self):
        mu, lv = self.mu.double().requires_grad_(), self.lv.double().requires_grad_()
        normal_kl(mu, lv).sum().backward()
        torch.testing.assert_close(mu.grad, mu.detach())                            # d/dmu = mu
        torch.testing.assert_close(lv.grad, 0.5 * (lv.detach().exp() - 1))         # d/dlogvar = (sigma^2 - 1) / 2


if __name__ == "__main__":
    unittest.main()
