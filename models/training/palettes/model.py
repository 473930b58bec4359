"""RealNVP / Glow-style affine coupling flow on the 15-vector of a standardised OKLab palette.

One step (× `layers`):   ActNorm -> fixed permutation -> affine coupling
  ActNorm:      y = (x + loc) * exp(logs)                        (per dim; data-dependent init, then learnt)
  permutation:  y = x[:, perm]                                   (a fixed random permutation per step, seeded)
  coupling:     x = [x1 (first `split` dims), x2 (the rest)];  h = MLP(x1) -> (raw, t)
                s = S * tanh(raw / S)       (soft clamp of the log-scale to (-S, S), S = `scale_clamp`)
                y = [x1, x2 * exp(s) + t]
  log |det dz/dx| = sum over steps of (sum(logs) + sum(s)).
MLP = (Linear -> SiLU -> Dropout) x `depth` -> Linear (dropout only in training). The MLP's last layer starts at zero, so every coupling starts as the identity. `forward(x) -> (z, logdet)`,
`inverse(z) -> x`; both are exact and export to ONNX as two graphs (export.py).

Density: x is the standardised vector (x_raw - mean) / std; log p(x_raw) = log N(z; 0, I) + logdet - sum(log std).
"""

from common.flow import LOG_2PI, CouplingFlow, ForwardGraph, InverseGraph, count_params, normal_log_prob

# The flow's pieces are used from here by this model's train/export/evaluate scripts.
__all__ = ["CONFIGS", "DIM", "LOG_2PI", "PaletteFlow", "ForwardGraph", "InverseGraph", "build", "count_params", "normal_log_prob"]

CONFIGS = {
    # name: coupling steps, MLP width, hidden layers per MLP, log-scale clamp
    "small": {"layers": 8, "hidden": 64, "depth": 2, "scale_clamp": 2.0},   # the shipped one
    "wide": {"layers": 8, "hidden": 128, "depth": 2, "scale_clamp": 2.0},
}
DIM = 15


class PaletteFlow(CouplingFlow):
    def __init__(self, layers=8, hidden=128, depth=2, scale_clamp=2.0, dim=DIM, dropout=0.0, perm_seed=0):
        super().__init__(dim, layers, hidden, depth, scale_clamp, dropout, perm_seed, split="alternate")


def build(cfg):
    """cfg: a name in CONFIGS or a dict of PaletteFlow arguments."""
    kw = dict(CONFIGS[cfg]) if isinstance(cfg, str) else dict(cfg)
    return PaletteFlow(**kw)
