"""Texture VAE: 64x64 RGB <-> D-dimensional Gaussian latent (D = 32).

Encoder  image [N, 3, 64, 64] in [0, 1] -> mean [N, D], logvar [N, D]
Decoder  z [N, D]                        -> image [N, 3, 64, 64] in [0, 1] (sigmoid)

The decoder runs in the app on every pointer move (batch 1) and for a 5x5 grid
(batch 25), so it is deliberately cheap: a linear layer to a 192x4x4 feature map and
four stride-2 transposed convolutions (kernel 4, padding 1: each output pixel sees 2x2
taps) with channels shrinking as resolution grows, 192-96-48-24-3 (config "small":
15.4 M multiply-accumulates per image, 0.49 M parameters). The encoder mirrors it with
3x3 stride-2 convolutions 3-32-64-128-192 (+ one 3x3 conv at 8x8) and a linear layer
to (mean, logvar) (23.5 M MAC, 0.66 M parameters).
No normalisation layers (nothing to fold, no batch statistics), LeakyReLU(0.2).
Config "base" (bigger decoder, ~26 M MAC) is provided but was not trained.
"""
import torch
import torch.nn as nn

CONFIGS = {
    # dec: channels at 4, 8, 16, 32 px (the last transposed conv goes to 3 channels at 64 px)
    # enc: channels at 32, 16, 8, 4 px (3x3 stride-2 convs; plus a 3x3 stride-1 conv at the resolutions in enc_extra)
    "small": dict(dim=32, dec=(192, 96, 48, 24), dec_extra=(), enc=(32, 64, 128, 192), enc_extra=(8,)),
    "base": dict(dim=32, dec=(192, 96, 64, 32), dec_extra=(8,), enc=(32, 64, 128, 192), enc_extra=(8, 4)),
}


def act():
    return nn.LeakyReLU(0.2)


class Encoder(nn.Module):
    def __init__(self, dim=32, enc=(32, 64, 128, 128), enc_extra=(8,), **_):
        super().__init__()
        layers, cin, res = [], 3, 64
        for c in enc:
            res //= 2
            layers += [nn.Conv2d(cin, c, 3, 2, 1), act()]
            if res in enc_extra:
                layers += [nn.Conv2d(c, c, 3, 1, 1), act()]
            cin = c
        self.net = nn.Sequential(*layers)
        self.fc = nn.Linear(cin * 16, 2 * dim)
        self.dim = dim

    def forward(self, image):
        h = self.net(image * 2 - 1).flatten(1)
        mean, logvar = self.fc(h).chunk(2, dim=1)
        return mean, logvar


class Decoder(nn.Module):
    def __init__(self, dim=32, dec=(128, 64, 48, 24), dec_extra=(), **_):
        super().__init__()
        self.dim, self.c0 = dim, dec[0]
        self.fc = nn.Linear(dim, dec[0] * 16)
        layers, res = [act()], 4
        for i, c in enumerate(dec):
            if res in dec_extra:  # optional extra 3x3 conv at this resolution (before upsampling)
                layers += [nn.Conv2d(c, c, 3, 1, 1), act()]
            cout = dec[i + 1] if i + 1 < len(dec) else 3
            layers += [nn.ConvTranspose2d(c, cout, 4, 2, 1)]
            if i + 1 < len(dec):
                layers += [act()]
            res *= 2
        self.net = nn.Sequential(*layers)

    def forward(self, z):
        return torch.sigmoid(self.net(self.fc(z).view(-1, self.c0, 4, 4)))


class VAE(nn.Module):
    def __init__(self, config="small"):
        super().__init__()
        cfg = CONFIGS[config]
        self.config, self.dim = config, cfg["dim"]
        self.encoder = Encoder(**cfg)
        self.decoder = Decoder(**cfg)

    def forward(self, x):
        mean, logvar = self.encoder(x)
        z = mean + torch.randn_like(mean) * torch.exp(0.5 * logvar)
        return self.decoder(z), mean, logvar


def count_params(m):
    return sum(p.numel() for p in m.parameters())


def macs(module, x):
    """Multiply-accumulates of Conv/ConvTranspose/Linear layers for one forward pass of x."""
    total = [0]

    def hook(mod, inp, out):
        if isinstance(mod, nn.Linear):
            total[0] += mod.in_features * mod.out_features * out.shape[0]
        elif isinstance(mod, nn.Conv2d):
            total[0] += out.numel() * mod.in_channels * mod.kernel_size[0] * mod.kernel_size[1]
        elif isinstance(mod, nn.ConvTranspose2d):
            total[0] += inp[0].numel() * mod.out_channels * mod.kernel_size[0] * mod.kernel_size[1]
    hs = [m.register_forward_hook(hook) for m in module.modules() if isinstance(m, (nn.Linear, nn.Conv2d, nn.ConvTranspose2d))]
    with torch.no_grad():
        module(x)
    for h in hs:
        h.remove()
    return total[0] // x.shape[0]


if __name__ == "__main__":
    for name in CONFIGS:
        m = VAE(name)
        print(name, "params enc", count_params(m.encoder), "dec", count_params(m.decoder),
              "MAC/img enc", macs(m.encoder, torch.zeros(1, 3, 64, 64)), "dec", macs(m.decoder, torch.zeros(1, m.dim)))
