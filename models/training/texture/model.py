"""Seamless texture generator: fully convolutional, circular padding everywhere,
nearest-neighbour upsampling, style-conditioned FiLM modulation.

Inputs
  noise: [N, Z, H/8, W/8] standard Gaussian (Z = latent channels, 16 by default)
  style: [N, K] mixing weights over K styles (one-hot or a convex blend)
Output
  image: [N, 3, H, W] in [0, 1]

Extra noise at finer scales is taken from the same `noise` input by
pixel-shuffle (depth-to-space): 16 ch at 1/8 -> 4 ch at 1/4 -> 1 ch at 1/2, and a
full-resolution channel made by pixel-shuffling four fixed channel permutations of
the first 16 latent channels (each 8x8 output block holds the 16 latent values of
its cell, 4 times each, scattered). Everything is a re-arrangement inside one
latent cell, so it stays periodic and rolling the noise by one latent cell rolls
the image by exactly 8 px. (Without a full-res noise source the net faked pixel
detail with a pattern locked to the 2x2 upsampling grid.)
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

CONFIGS = {
    # channels at 1/8, 1/4, 1/2, 1/1 resolution; number of residual blocks at 1/8
    "small": dict(z=16, ch=(96, 48, 24, 12), res_blocks=2, emb=64),
    "large": dict(z=16, ch=(128, 64, 32, 16), res_blocks=3, emb=128),
}
STRIDE = 8
# fixed permutations of the 16 latent channels used to build the full-resolution noise
PERMS = [list(range(16)),
         [5, 14, 3, 8, 11, 0, 13, 6, 1, 10, 15, 4, 9, 2, 7, 12],
         [10, 7, 12, 1, 6, 9, 4, 15, 14, 3, 0, 11, 2, 13, 8, 5],
         [15, 2, 9, 4, 3, 12, 7, 10, 11, 8, 5, 14, 6, 1, 13, 0]]


def circ_pad(x, p=1):
    """Periodic padding of the last two dims, written with slicing + concat so the
    ONNX graph is static-shape independent (Slice with negative starts + Concat)."""
    x = torch.cat([x[:, :, -p:, :], x, x[:, :, :p, :]], dim=2)
    x = torch.cat([x[:, :, :, -p:], x, x[:, :, :, :p]], dim=3)
    return x


def up2(x):
    return F.interpolate(x, scale_factor=2.0, mode="nearest")


class CConv(nn.Module):
    """3x3 (or kxk) conv with circular padding, then FiLM(style) and LeakyReLU."""

    def __init__(self, cin, cout, emb, k=3, act=True):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, k, padding=0)
        self.p = k // 2
        self.film = nn.Linear(emb, 2 * cout)
        nn.init.zeros_(self.film.weight)
        nn.init.zeros_(self.film.bias)
        self.act = act

    def forward(self, x, e):
        if self.p:
            x = circ_pad(x, self.p)
        x = self.conv(x)
        g, b = self.film(e).chunk(2, dim=1)
        x = x * (1 + g[:, :, None, None]) + b[:, :, None, None]
        return F.leaky_relu(x, 0.2) if self.act else x


class TextureGenerator(nn.Module):
    def __init__(self, num_styles, z=16, ch=(96, 48, 24, 12), res_blocks=2, emb=64, full_res_noise=True):
        super().__init__()
        assert z % 16 == 0, "z must be a multiple of 16 for the pixel-shuffled noise"
        self.z, self.num_styles = z, num_styles
        c8, c4, c2, c1 = ch
        self.style_emb = nn.Sequential(nn.Linear(num_styles, emb, bias=False), nn.Linear(emb, emb), nn.LeakyReLU(0.2),
                                       nn.Linear(emb, emb), nn.LeakyReLU(0.2))
        self.in8 = CConv(z, c8, emb)
        self.res = nn.ModuleList([nn.ModuleList([CConv(c8, c8, emb), CConv(c8, c8, emb)]) for _ in range(res_blocks)])
        self.b4 = nn.ModuleList([CConv(c8 + z // 4, c4, emb), CConv(c4, c4, emb)])
        self.b2 = nn.ModuleList([CConv(c4 + z // 16, c2, emb), CConv(c2, c2, emb)])
        self.full_res_noise = full_res_noise
        self.b1 = CConv(c2 + (1 if full_res_noise else 0), c1, emb)
        self.out = nn.Conv2d(c1, 3, 1)

    def forward(self, noise, style):
        e = self.style_emb(style)
        x = self.in8(noise, e)
        for a, b in self.res:
            x = x + 0.5 * b(a(x, e), e)
        n4 = F.pixel_shuffle(noise, 2)         # [N, z/4, 2h, 2w]
        n2 = F.pixel_shuffle(n4, 2)            # [N, z/16, 4h, 4w]
        x = torch.cat([up2(x), n4], 1)
        x = self.b4[1](self.b4[0](x, e), e)
        x = torch.cat([up2(x), n2], 1)
        x = self.b2[1](self.b2[0](x, e), e)
        x = up2(x)
        if self.full_res_noise:
            n1 = torch.cat([F.pixel_shuffle(noise[:, p], 4) for p in PERMS], 1)  # 4 x [N,1,H/2,W/2]
            x = torch.cat([x, F.pixel_shuffle(n1, 2)], 1)                          # + [N,1,H,W]
        x = self.b1(x, e)
        return torch.sigmoid(self.out(x))


def build(config, num_styles):
    return TextureGenerator(num_styles, **CONFIGS[config])


def count_params(m):
    return sum(p.numel() for p in m.parameters())


def macs_per_pixel(m):
    """Conv multiply-accumulates per output pixel (ignores FiLM/upsample)."""
    tot = 0.0
    for name, mod in m.named_modules():
        if isinstance(mod, nn.Conv2d):
            scale = 1 / 64 if name.startswith(("in8", "res")) else 1 / 16 if name.startswith("b4") else 1 / 4 if name.startswith("b2") else 1
            tot += mod.in_channels * mod.out_channels * mod.kernel_size[0] * mod.kernel_size[1] * scale
    return tot


if __name__ == "__main__":
    for c in CONFIGS:
        m = build(c, 24)
        print(c, count_params(m), "params", int(macs_per_pixel(m)), "MAC/px")
