"""Discriminator-independent texture metrics (no VGG): patch sliced-Wasserstein, Gram distance of fixed
random-conv features, autocorrelation distance, wrap-seam score. Images are [3, H, W] float arrays in [0, 1]."""
import numpy as np
import torch
import torch.nn.functional as F

from texture.evaluate import sample_patches, seam_score, swd  # the shipped generator's measures

_DIRS = np.random.default_rng(123).standard_normal((3 * 16 * 16, 128)).astype(np.float32)
_DIRS /= np.linalg.norm(_DIRS, axis=0, keepdims=True)


def patch_swd(imgs, real_patches, rng, n=4096):
    """x100 sliced Wasserstein between 16x16 patches of `imgs` and `real_patches` ([M, 768])."""
    a = np.concatenate([sample_patches(im, n // len(imgs), 16, rng) for im in imgs])
    return swd(a, real_patches[:len(a)], _DIRS)


class RandomFeatures:
    """Three fixed random 3x3 conv layers (ReLU, 32 channels), applied at full and half resolution: Gram
    matrices of these are texture statistics a VGG-free metric can compare."""

    def __init__(self, seed=7, ch=32):
        g = torch.Generator().manual_seed(seed)
        self.w = []
        cin = 3
        for _ in range(3):
            w = torch.randn(ch, cin, 3, 3, generator=g)
            self.w.append(w / (w.flatten(1).norm(dim=1)[:, None, None, None]))
            cin = ch

    @torch.no_grad()
    def grams(self, img):
        x = torch.from_numpy(np.ascontiguousarray(img))[None].float() * 2 - 1
        out = []
        for s in (1, 2):
            h = F.avg_pool2d(x, s) if s > 1 else x
            for w in self.w:
                h = F.relu(F.conv2d(F.pad(h, (1, 1, 1, 1), mode="circular"), w))
                f = h.flatten(2)[0]
                out.append((f @ f.T / f.shape[1]).numpy())
        return out


def gram_distance(feats, imgs, real_grams):
    """Mean over layers of ||G_gen - G_real||_F / ||G_real||_F (real_grams: averaged over real crops)."""
    g = [np.mean(x, axis=0) for x in zip(*[feats.grams(im) for im in imgs])]
    return float(np.mean([np.linalg.norm(a - b) / max(np.linalg.norm(b), 1e-8) for a, b in zip(g, real_grams)]))


def autocorr(img, lag=32):
    """Normalised periodic autocorrelation of the luminance, lags -lag..lag: [2 lag + 1, 2 lag + 1]."""
    y = img.mean(0)
    y = y - y.mean()
    f = np.fft.rfft2(y)
    ac = np.fft.irfft2(f * np.conj(f), s=y.shape)
    ac = ac / max(ac[0, 0], 1e-12)
    ac = np.fft.fftshift(ac)
    cy, cx = y.shape[0] // 2, y.shape[1] // 2
    return ac[cy - lag:cy + lag + 1, cx - lag:cx + lag + 1]


def autocorr_distance(imgs, real_ac):
    a = np.mean([autocorr(im) for im in imgs], axis=0)
    return float(np.sqrt(((a - real_ac) ** 2).mean()))


def seam(imgs):
    return float(np.mean([seam_score(im) for im in imgs]))
