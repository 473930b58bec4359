"""RealNVP / Glow-style affine coupling flow over the glyph VAE's 24-d latent space (the shared coupling flow of
common/flow.py, on another vector).

One step (x `layers`):   ActNorm -> fixed permutation -> affine coupling
  ActNorm:      y = (x + loc) * exp(logs)                        (per dim; data-dependent init, then learnt)
  permutation:  y = x[:, perm]                                   (a fixed random permutation per step, seeded)
  coupling:     x = [x1 (first `split` dims), x2 (the rest)];  h = MLP(x1) -> (raw, t)
                s = S * tanh(raw / S)       (soft clamp of the log-scale to (-S, S), S = `scale_clamp`)
                y = [x1, x2 * exp(s) + t]
  log |det du/dz| = sum over steps of (sum(logs) + sum(s)).
MLP = (Linear -> SiLU -> Dropout) x `depth` -> Linear (dropout only in training); its last layer starts at zero, so
every coupling starts as the identity. `forward(z) -> (u, logdet)`, `inverse(u) -> z`; both exact, exported as two
ONNX graphs (export.py).

The flow works on the VAE's latent z itself (the first ActNorm standardises it), so
  log q(z) = log N(u; 0, I) + logdet = -0.5 * |u|^2 - (D / 2) * ln(2 pi) + logdet,   (u, logdet) = forward(z).
"""

from common.flow import LOG_2PI, CouplingFlow, ForwardGraph, InverseGraph, count_params, normal_log_prob

# The flow's pieces are used from here by this model's train/export/evaluate scripts.
__all__ = ["CONFIGS", "DIM", "LOG_2PI", "LatentFlow", "ForwardGraph", "InverseGraph", "build", "count_params", "normal_log_prob"]

CONFIGS = {
    # name: coupling steps, MLP width, hidden layers per MLP, log-scale clamp
    "small": {"layers": 8, "hidden": 96, "depth": 2, "scale_clamp": 2.0},   # the shipped one
    "wide": {"layers": 8, "hidden": 192, "depth": 2, "scale_clamp": 2.0},
    "tiny": {"layers": 4, "hidden": 48, "depth": 2, "scale_clamp": 2.0},
}
DIM = 24


class LatentFlow(CouplingFlow):
    def __init__(self, layers=8, hidden=96, depth=2, scale_clamp=2.0, dim=DIM, dropout=0.0, perm_seed=0):
        super().__init__(dim, layers, hidden, depth, scale_clamp, dropout, perm_seed, split="half")


def build(cfg):
    """cfg: a name in CONFIGS or a dict of LatentFlow arguments."""
    kw = dict(CONFIGS[cfg]) if isinstance(cfg, str) else dict(cfg)
    return LatentFlow(**kw)
