"""RealNVP / Glow-style affine coupling flow over the glyph VAE's 24-d latent space (the palette flow's design,
models/training/palettes/model.py, on another vector).

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
import math

import torch
from torch import nn

CONFIGS = {
    # name: coupling steps, MLP width, hidden layers per MLP, log-scale clamp
    "small": {"layers": 8, "hidden": 96, "depth": 2, "scale_clamp": 2.0},   # the shipped one
    "wide": {"layers": 8, "hidden": 192, "depth": 2, "scale_clamp": 2.0},
    "tiny": {"layers": 4, "hidden": 48, "depth": 2, "scale_clamp": 2.0},
}
DIM = 24
LOG_2PI = math.log(2 * math.pi)


class ActNorm(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.loc = nn.Parameter(torch.zeros(dim))
        self.logs = nn.Parameter(torch.zeros(dim))

    @torch.no_grad()
    def data_init(self, x):
        self.loc.copy_(-x.mean(0))
        self.logs.copy_(-torch.log(x.std(0) + 1e-6))
        return self.forward(x)[0]

    def forward(self, x):
        return (x + self.loc) * torch.exp(self.logs), self.logs.sum()

    def inverse(self, y):
        return y * torch.exp(-self.logs) - self.loc


class Coupling(nn.Module):
    def __init__(self, dim, split, hidden, depth, scale_clamp, dropout=0.0):
        super().__init__()
        self.split, self.clamp = split, scale_clamp
        layers, d = [], split
        for _ in range(depth):
            # the Dropout is always there (p = 0: identity) so the state_dict names do not depend on it
            layers += [nn.Linear(d, hidden), nn.SiLU(), nn.Dropout(dropout)]
            d = hidden
        last = nn.Linear(d, 2 * (dim - split))
        nn.init.zeros_(last.weight)
        nn.init.zeros_(last.bias)
        self.net = nn.Sequential(*layers, last)

    def _st(self, x1):
        raw, t = self.net(x1).chunk(2, dim=1)
        return self.clamp * torch.tanh(raw / self.clamp), t

    def forward(self, x):
        x1, x2 = x[:, :self.split], x[:, self.split:]
        s, t = self._st(x1)
        return torch.cat([x1, x2 * torch.exp(s) + t], dim=1), s.sum(1)

    def inverse(self, y):
        y1, y2 = y[:, :self.split], y[:, self.split:]
        s, t = self._st(y1)
        return torch.cat([y1, (y2 - t) * torch.exp(-s)], dim=1)


class LatentFlow(nn.Module):
    def __init__(self, layers=8, hidden=96, depth=2, scale_clamp=2.0, dim=DIM, dropout=0.0, perm_seed=0):
        super().__init__()
        self.dim = dim
        g = torch.Generator().manual_seed(perm_seed)
        self.norms = nn.ModuleList([ActNorm(dim) for _ in range(layers)])
        self.couplings = nn.ModuleList()
        for i in range(layers):
            perm = torch.randperm(dim, generator=g)
            self.register_buffer(f"perm{i}", perm)
            self.register_buffer(f"inv{i}", torch.argsort(perm))
            self.couplings.append(Coupling(dim, dim // 2, hidden, depth, scale_clamp, dropout))

    @torch.no_grad()
    def data_init(self, x):
        """ActNorm data-dependent init: each ActNorm standardises its input over `x`."""
        for i, (n, c) in enumerate(zip(self.norms, self.couplings)):
            x = n.data_init(x)
            x, _ = c(x[:, getattr(self, f"perm{i}")])

    def forward(self, x):
        logdet = torch.zeros_like(x[:, 0])
        for i, (n, c) in enumerate(zip(self.norms, self.couplings)):
            x, ld = n(x)
            logdet = logdet + ld
            x, ld = c(x[:, getattr(self, f"perm{i}")])
            logdet = logdet + ld
        return x, logdet

    def inverse(self, u):
        for i in reversed(range(len(self.couplings))):
            u = self.couplings[i].inverse(u)[:, getattr(self, f"inv{i}")]
            u = self.norms[i].inverse(u)
        return u

    def log_prob(self, z):
        """log q(z), nats, for latent points z [N, D]."""
        u, logdet = self.forward(z)
        return -0.5 * (u ** 2).sum(1) - 0.5 * self.dim * LOG_2PI + logdet


def build(cfg):
    """cfg: a name in CONFIGS or a dict of LatentFlow arguments."""
    kw = dict(CONFIGS[cfg]) if isinstance(cfg, str) else dict(cfg)
    return LatentFlow(**kw)


def count_params(m):
    return sum(p.numel() for p in m.parameters())


def normal_log_prob(z, temperature=1.0):
    """log N(z; 0, T^2 I), nats (numpy or torch, last axis = dims)."""
    d = z.shape[-1]
    return -0.5 * (z ** 2).sum(-1) / temperature ** 2 - 0.5 * d * LOG_2PI - d * math.log(temperature)


class ForwardGraph(nn.Module):
    """ONNX wrapper: z [N, D] -> u [N, D], logdet [N]."""

    def __init__(self, flow):
        super().__init__()
        self.flow = flow

    def forward(self, z):
        return self.flow.forward(z)


class InverseGraph(nn.Module):
    """ONNX wrapper: u [N, D] -> z [N, D]."""

    def __init__(self, flow):
        super().__init__()
        self.flow = flow

    def forward(self, u):
        return self.flow.inverse(u)
