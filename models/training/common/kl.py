"""KL divergence of a diagonal Gaussian posterior from the standard normal prior, as the VAE trainers use it.

    KL(N(mu, sigma^2) || N(0, 1)) = 0.5 * (mu^2 + sigma^2 - 1 - log sigma^2),   sigma^2 = exp(logvar)

Works on torch tensors and on numpy arrays alike (no torch import here).
"""
import numpy as np


def normal_kl_per_dim(mu, logvar):
    """Elementwise KL(N(mu, exp(logvar)) || N(0, 1)), in nats, same shape as mu."""
    var = logvar.exp() if hasattr(logvar, "exp") else np.exp(logvar)
    return 0.5 * (mu ** 2 + var - 1.0 - logvar)


def normal_kl(mu, logvar, dim=-1):
    """KL(N(mu, exp(logvar)) || N(0, 1)) summed over the latent dimension `dim` (default the last), in nats."""
    return normal_kl_per_dim(mu, logvar).sum(dim)
