"""The affine coupling flow every flow model of ours uses (RealNVP / Glow style), written once.

One step (x `layers`):   ActNorm -> fixed permutation -> affine coupling
  ActNorm:   y = (x + loc) * exp(logs)                 (data-dependent init: standardises the data)
  coupling:  y1 = x1, y2 = x2 * exp(s(x1)) + t(x1),    s = clamp * tanh(raw / clamp)
  log |det dz/dx| = sum over steps of (sum(logs) + sum(s)).
MLP = (Linear -> SiLU -> Dropout) x `depth` -> Linear; its last layer starts at zero, so every coupling starts as
the identity. `forward(x) -> (z, logdet)`, `inverse(z) -> x`, both exact; `ForwardGraph` / `InverseGraph` export
them to ONNX as two graphs. Used by palettes/ (the palette flow) and glyph-prior/ (the glyph VAE's prior).
"""
import math

import torch
from torch import nn

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


class CouplingFlow(nn.Module):
    def __init__(self, dim, layers=8, hidden=128, depth=2, scale_clamp=2.0, dropout=0.0, perm_seed=0, split="half"):
        super().__init__()
        self.dim = dim
        g = torch.Generator().manual_seed(perm_seed)
        self.norms = nn.ModuleList([ActNorm(dim) for _ in range(layers)])
        self.couplings = nn.ModuleList()
        for i in range(layers):
            perm = torch.randperm(dim, generator=g)
            self.register_buffer(f"perm{i}", perm)
            self.register_buffer(f"inv{i}", torch.argsort(perm))
            # "alternate": which side is larger alternates (7 / 8 of 15), so every dim is transformed often
            k = dim - dim // 2 if split == "alternate" and i % 2 == 1 else dim // 2
            self.couplings.append(Coupling(dim, k, hidden, depth, scale_clamp, dropout))

    @torch.no_grad()
    def data_init(self, x):
        """ActNorm data-dependent init: each ActNorm standardises its input over `x` (all of the fit set)."""
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

    def inverse(self, z):
        for i in reversed(range(len(self.couplings))):
            z = self.couplings[i].inverse(z)[:, getattr(self, f"inv{i}")]
            z = self.norms[i].inverse(z)
        return z

    def log_prob(self, x):
        """log density of x under the flow: log N(forward(x); 0, I) + logdet, nats."""
        z, logdet = self.forward(x)
        return -0.5 * (z ** 2).sum(1) - 0.5 * self.dim * LOG_2PI + logdet


def normal_log_prob(z, temperature=1.0):
    """log N(z; 0, T^2 I), nats (numpy or torch, last axis = dims)."""
    d = z.shape[-1]
    return -0.5 * (z ** 2).sum(-1) / temperature ** 2 - 0.5 * d * LOG_2PI - d * math.log(temperature)


def count_params(m):
    return sum(p.numel() for p in m.parameters())


class ForwardGraph(nn.Module):
    """ONNX wrapper: x [N, D] -> z [N, D], logdet [N]."""

    def __init__(self, flow):
        super().__init__()
        self.flow = flow

    def forward(self, x):
        return self.flow.forward(x)


class InverseGraph(nn.Module):
    """ONNX wrapper: z [N, D] -> x [N, D]."""

    def __init__(self, flow):
        super().__init__()
        self.flow = flow

    def forward(self, z):
        return self.flow.inverse(z)
