"""Periodic spatial texture GAN (in the spirit of PSGAN, Bergmann et al. 2017): generator, style encoder and
two-scale patch discriminator.

Generator G(noise, code)
  noise: [N, 16, h, w] standard Gaussian at 1/8 resolution (the app's `noise` input); finer-scale noise is
         pixel-shuffled out of it exactly as in ../texture/model.py, so everything stays inside one latent cell.
  code:  [N, D] point in the continuous style space (D = 16).
  The 1/8-resolution input is [local noise | periodic | global]: P sinusoids whose wave vectors come from the
  code (an MLP), quantised to a whole number of periods across the canvas so the output stays periodic
  (seamless by construction at every size; straight-through gradient in training), phases from the noise at
  cell (0, 0); and the code broadcast over the grid. Every conv pads circularly and is FiLM-modulated by the
  code. Output: [N, 3, 8h, 8w] in [0, 1].
Encoder E(patch) -> (mu, logvar) of the code: conv features pooled by mean and std (texture statistics).
Discriminator: two patch critics (full and half resolution), projection-conditioned on the code; spectral norm
optional (config `spectral`: with it and R1 together the critic stayed near chance within the CPU budget, so
the default is R1 alone, as in StyleGAN2).
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from texture.model import PERMS, STRIDE, CConv, up2  # the shipped generator's circular conv + FiLM block

CONFIGS = {
    # "small" has the conv shapes of the shipped generator (../texture "small"), so it can start from its weights
    "small": dict(z=16, code=16, periodic=8, ch=(96, 48, 24, 12), res_blocks=2, emb=64, enc=(16, 32, 64, 64),
                  disc=(32, 64, 96)),
    # "pattern": one learned 64-D code per training pattern (a table, no encoder), the shipped generator's layer
    # shapes and its style embedding after the one-hot layer, so --init-shipped reproduces it exactly at step 0
    "pattern": dict(z=16, code=64, periodic=8, ch=(96, 48, 24, 12), res_blocks=2, emb=64, enc=(16, 32, 64, 64),
                    disc=(32, 64, 96), table=True),
    "tiny": dict(z=16, code=8, periodic=4, ch=(16, 8, 8, 4), res_blocks=1, emb=8, enc=(8, 8, 8, 8), disc=(8, 8, 8)),
    "large": dict(z=16, code=16, periodic=12, ch=(192, 96, 48, 24), res_blocks=3, emb=128, enc=(48, 96, 128, 192),
                  disc=(64, 128, 256)),
}


def round_ste(x):
    """round() forward, identity backward."""
    return x + (torch.round(x) - x).detach()


class Generator(nn.Module):
    def __init__(self, z=16, code=16, periodic=8, ch=(128, 64, 32, 16), res_blocks=2, emb=64, **_):
        super().__init__()
        assert z % 16 == 0
        self.z, self.code_dim, self.P = z, code, periodic
        c8, c4, c2, c1 = ch
        self.emb = nn.Sequential(nn.Linear(code, emb), nn.LeakyReLU(0.2), nn.Linear(emb, emb), nn.LeakyReLU(0.2))
        self.wave = nn.Sequential(nn.Linear(code, 64), nn.LeakyReLU(0.2), nn.Linear(64, 2 * periodic))
        self.in8 = CConv(z + periodic + code, c8, emb)
        self.res = nn.ModuleList([nn.ModuleList([CConv(c8, c8, emb), CConv(c8, c8, emb)]) for _ in range(res_blocks)])
        self.b4 = nn.ModuleList([CConv(c8 + z // 4, c4, emb), CConv(c4, c4, emb)])
        self.b2 = nn.ModuleList([CConv(c4 + z // 16, c2, emb), CConv(c2, c2, emb)])
        self.b1 = CConv(c2 + 1, c1, emb)
        self.out = nn.Conv2d(c1, 3, 1)

    def periodic(self, noise, code):
        """[N, P, h, w] sinusoids with code-dependent wave vectors, whole periods across the h x w grid."""
        ones = noise[:, :1] * 0 + 1                                    # [N,1,h,w]; shape-agnostic in ONNX
        ys = torch.cumsum(ones, 2) - 1
        xs = torch.cumsum(ones, 3) - 1
        h = ones[:, :, :, :1].sum(2, keepdim=True)                     # [N,1,1,1]
        w = ones[:, :, :1, :].sum(3, keepdim=True)
        f = 0.5 * torch.tanh(self.wave(code)).view(-1, 2, self.P)     # cycles per latent cell, |f| < Nyquist
        fy = round_ste(f[:, 0, :, None, None] * h) / h                 # [N,P,1,1] whole periods per canvas
        fx = round_ste(f[:, 1, :, None, None] * w) / w
        phase = math.pi * noise[:, :self.P, :1, :1]
        return torch.sin(2 * math.pi * (fy * ys + fx * xs) + phase)

    def forward(self, noise, code):
        e = self.emb(code)
        g = code[:, :, None, None] * noise[:, :1] * 0 + code[:, :, None, None]  # broadcast over the grid
        x = self.in8(torch.cat([noise, self.periodic(noise, code), g], 1), e)
        for a, b in self.res:
            x = x + 0.5 * b(a(x, e), e)
        n4 = F.pixel_shuffle(noise, 2)
        n2 = F.pixel_shuffle(n4, 2)
        x = self.b4[1](self.b4[0](torch.cat([up2(x), n4], 1), e), e)
        x = self.b2[1](self.b2[0](torch.cat([up2(x), n2], 1), e), e)
        n1 = torch.cat([F.pixel_shuffle(noise[:, p], 4) for p in PERMS], 1)
        x = self.b1(torch.cat([up2(x), F.pixel_shuffle(n1, 2)], 1), e)
        return torch.sigmoid(self.out(x))


class Encoder(nn.Module):
    """Patch -> (mu, logvar): strided convs, then mean and std over space (order-free texture statistics)."""

    def __init__(self, code=16, enc=(32, 64, 96, 128), **_):
        super().__init__()
        layers, cin = [], 3
        for i, c in enumerate(enc):
            layers += [nn.Conv2d(cin, c, 3, stride=1 if i == 0 else 2, padding=1), nn.LeakyReLU(0.2)]
            cin = c
        self.body = nn.Sequential(*layers)
        self.head = nn.Linear(2 * cin, 2 * code)
        with torch.no_grad():  # start with little sampling noise (std 0.14) so the code carries the style at once
            self.head.bias[code:] = -4.0

    def forward(self, x):
        h = self.body(x * 2 - 1)
        s = torch.cat([h.mean((2, 3)), h.std((2, 3))], 1)
        mu, logvar = self.head(s).chunk(2, 1)
        return mu, logvar.clamp(-8, 4)


class PatchD(nn.Module):
    def __init__(self, code, ch, spectral=False):
        super().__init__()
        sn = nn.utils.spectral_norm if spectral else (lambda m: m)
        layers, cin = [], 3
        for c in ch:
            layers += [sn(nn.Conv2d(cin, c, 4, stride=2, padding=1)), nn.LeakyReLU(0.2)]
            cin = c
        layers += [sn(nn.Conv2d(cin, cin, 3, padding=1)), nn.LeakyReLU(0.2)]
        self.body = nn.Sequential(*layers)
        self.out = sn(nn.Conv2d(cin, 1, 1))
        self.proj = sn(nn.Linear(code, cin))

    def forward(self, x, code):
        h = self.body(x * 2 - 1)
        return self.out(h) + (h * self.proj(code)[:, :, None, None]).sum(1, keepdim=True) / math.sqrt(h.shape[1])


class Discriminator(nn.Module):
    """Patch critics at full and half resolution; returns the list of patch-logit maps."""

    def __init__(self, code=16, disc=(32, 64, 128), spectral=False, **_):
        super().__init__()
        self.d = nn.ModuleList([PatchD(code, disc, spectral), PatchD(code, disc, spectral)])

    def forward(self, x, code):
        return [self.d[0](x, code), self.d[1](F.avg_pool2d(x, 2), code)]


class Nets(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.G, self.E, self.D = Generator(**cfg), Encoder(**cfg), Discriminator(**cfg)


class StyleGenerator(nn.Module):
    """What the app runs: (noise [1,16,h,w], style weights [1,S]) -> image. The weights pick a point in the
    style space as a blend of the named styles' mean codes (rows of `codes`)."""

    def __init__(self, G, codes):
        super().__init__()
        self.G = G
        self.register_buffer("codes", torch.as_tensor(codes, dtype=torch.float32))
        self.z, self.num_styles = G.z, self.codes.shape[0]

    def forward(self, noise, style):
        return self.G(noise, style @ self.codes)


def init_from_shipped(G, old):
    """Copy the shipped generator's conv and FiLM weights (same shapes) into G; the first input conv gets the
    old weights on the noise channels and zeros on the new periodic and code channels. Where G's code is the
    shipped embedding's width, the embedding after its one-hot layer is copied too (style_emb.1/3 -> emb.0/2), so
    G(noise, column k of style_emb.0) is the shipped generator's style k. Returns the count."""
    sd, osd, n = G.state_dict(), old.state_dict(), 0
    for k, v in osd.items():
        if k.startswith(("style_emb.1.", "style_emb.3.")):
            k = "emb." + str(int(k.split(".")[1]) - 1) + "." + k.split(".")[2]
        if k.startswith("style_emb") or k not in sd:
            continue
        if k == "in8.conv.weight":
            w = torch.zeros_like(sd[k])
            w[:, :v.shape[1]] = v
            v = w
        if sd[k].shape == v.shape:
            sd[k] = v.clone()
            n += 1
    G.load_state_dict(sd)
    return n


def shipped_codes(old):
    """The shipped generator's style k as a point of the pattern config's code space: column k of its one-hot
    layer, [K, emb]."""
    return old.style_emb[0].weight.detach().T.clone()


def count_params(m):
    return sum(p.numel() for p in m.parameters())


if __name__ == "__main__":
    for name, cfg in CONFIGS.items():
        n = Nets(cfg)
        print(name, {k: count_params(getattr(n, k)) for k in "GED"}, "stride", STRIDE)
