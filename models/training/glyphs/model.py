"""Conditional VAE for 64x64 glyph images (1 = ink), conditioned on the character index.

encoder(image [B,1,64,64], char [B] int64) -> mean [B,D], logvar [B,D]
decoder(z [B,D], char [B] int64)            -> image [B,1,64,64] in [0,1] (sigmoid)

The decoder is kept small because the app decodes while the user drags a point in latent space
(a 15-char word per pointer move, the 62-glyph alphabet when the drag settles): a 2-layer MLP on
[z, char embedding] -> 8x8 feature map, then three sub-pixel (conv 3x3 + DepthToSpace) upsampling
stages 8 -> 16 -> 32 -> 64 px. Every conv is FiLM-modulated by the MLP's hidden vector, so the
character identity and the style both steer every resolution.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

CHARSET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
SIZE = 64

CONFIGS = {
    # dim: latent size D; emb: char embedding; hid: MLP width; ch: channels at 8, 16, 32 px
    "small": dict(dim=24, emb=32, hid=256, ch=(32, 24, 12), refine=False, enc=(32, 48, 64, 96)),
    "wide": dict(dim=24, emb=32, hid=256, ch=(48, 32, 16), refine=True, enc=(32, 48, 64, 96)),
}


class FiLMConv(nn.Module):
    def __init__(self, cin, cout, hid):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, padding=1)
        self.film = nn.Linear(hid, 2 * cout)
        nn.init.zeros_(self.film.weight)
        nn.init.zeros_(self.film.bias)

    def forward(self, x, h):
        g, b = self.film(h).unsqueeze(-1).unsqueeze(-1).chunk(2, dim=1)
        return F.leaky_relu(self.conv(x) * (1 + g) + b, 0.2)


class Decoder(nn.Module):
    def __init__(self, dim=24, emb=32, hid=256, ch=(32, 24, 12), refine=False, nchar=len(CHARSET), **_):
        super().__init__()
        self.dim, self.ch = dim, ch
        self.emb = nn.Embedding(nchar, emb)
        self.fc1 = nn.Linear(dim + emb, hid)
        self.fc2 = nn.Linear(hid, hid)
        self.fc_map = nn.Linear(hid, ch[0] * 8 * 8)
        self.up16 = FiLMConv(ch[0], 4 * ch[1], hid)     # 8x8 -> DepthToSpace -> 16x16, ch[1]
        self.up32 = FiLMConv(ch[1], 4 * ch[2], hid)     # -> 32x32, ch[2]
        self.c32 = FiLMConv(ch[2], ch[2], hid) if refine else None
        self.out = nn.Conv2d(ch[2], 4, 3, padding=1)    # -> DepthToSpace -> 64x64, 1 channel (logits)

    def logits(self, z, char):
        h = F.leaky_relu(self.fc1(torch.cat([z, self.emb(char)], 1)), 0.2)
        h = F.leaky_relu(self.fc2(h), 0.2)
        x = F.leaky_relu(self.fc_map(h), 0.2).view(-1, self.ch[0], 8, 8)
        x = F.pixel_shuffle(self.up16(x, h), 2)
        x = F.pixel_shuffle(self.up32(x, h), 2)
        if self.c32 is not None:
            x = self.c32(x, h)
        return F.pixel_shuffle(self.out(x), 2)

    def forward(self, z, char):
        return torch.sigmoid(self.logits(z, char))


class Encoder(nn.Module):
    def __init__(self, dim=24, emb=32, hid=256, enc=(32, 48, 64, 96), nchar=len(CHARSET), **_):
        super().__init__()
        self.emb = nn.Embedding(nchar, emb)
        layers, cin = [], 1
        for c in enc:  # 64 -> 32 -> 16 -> 8 -> 4
            layers += [nn.Conv2d(cin, c, 3, stride=2, padding=1), nn.LeakyReLU(0.2)]
            if c >= 64:
                layers += [nn.Conv2d(c, c, 3, padding=1), nn.LeakyReLU(0.2)]
            cin = c
        self.conv = nn.Sequential(*layers)
        self.fc = nn.Linear(cin * 4 * 4 + emb, hid)
        self.fc2 = nn.Linear(hid, hid)
        self.head = nn.Linear(hid, 2 * dim)

    def forward(self, image, char):
        x = self.conv(image * 2 - 1).flatten(1)
        h = F.leaky_relu(self.fc(torch.cat([x, self.emb(char)], 1)), 0.2)
        h = F.leaky_relu(self.fc2(h), 0.2)
        mean, logvar = self.head(h).chunk(2, dim=1)
        return mean, logvar.clamp(-12.0, 6.0)


class GlyphVAE(nn.Module):
    def __init__(self, config="small"):
        super().__init__()
        cfg = CONFIGS[config]
        self.config, self.dim = config, cfg["dim"]
        self.encoder = Encoder(**cfg)
        self.decoder = Decoder(**cfg)


def count_params(m):
    return sum(p.numel() for p in m.parameters())


def product_of_experts(mean, logvar):
    """The style posterior given several glyphs of one font: mean, logvar [B, n, D] -> [B, D].

    Each glyph's posterior q(z | x_i) stands for p(z | x_i) ∝ p(z) p(x_i | z); with the prior N(0, I) counted once,
    p(z | x_1..n) ∝ p(z) Π q(z | x_i) / p(z): precisions add, minus (n − 1) prior precisions, and the mean is the
    precision-weighted mean. Each glyph's precision is floored at the prior's, so a glyph can only add information.
    The app combines glyphs with the same formula (main/services/latent)."""
    prec = torch.exp(-logvar).clamp(min=1.0)
    total = prec.sum(1) - (mean.shape[1] - 1)
    mu = (prec * mean).sum(1) / total
    return mu, -torch.log(total)
