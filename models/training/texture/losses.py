"""Training losses: multi-scale patch sliced-Wasserstein distance (as in GPDM,
Elnekave & Weiss 2022 / Heitz et al. 2021) with fresh random projections every
step, a colour mean/std term and a diversity (mode-seeking) term."""
import torch
import torch.nn.functional as F


def patch_swd(x, y, k=7, nproj=64, gen=None):
    """Sliced Wasserstein-2 between the kxk patch distributions of x and y (per sample).
    x, y: [B, 3, H, W] (same size). Random unit directions in patch space."""
    d = torch.randn(nproj, x.shape[1], k, k, generator=gen, device=x.device)
    d = d / d.flatten(1).norm(dim=1)[:, None, None, None]
    px = F.conv2d(x, d).flatten(2)
    py = F.conv2d(y, d).flatten(2)
    px, _ = px.sort(dim=2)
    py, _ = py.sort(dim=2)
    return (px - py).pow(2).mean()


def multiscale_swd(x, y, scales=(1, 2, 4), k=7, nproj=64, gen=None):
    loss = 0.0
    for s in scales:
        xs = F.avg_pool2d(x, s) if s > 1 else x
        ys = F.avg_pool2d(y, s) if s > 1 else y
        loss = loss + patch_swd(xs, ys, k=k, nproj=nproj, gen=gen)
    return loss


def color_stats(x, y):
    return (x.mean((2, 3)) - y.mean((2, 3))).pow(2).mean() + (x.std((2, 3)) - y.std((2, 3))).pow(2).mean()


def diversity(a, b, na, nb):
    """Mode-seeking ratio: image distance (at 1/4 res) over latent distance."""
    da = (F.avg_pool2d(a, 4) - F.avg_pool2d(b, 4)).abs().mean((1, 2, 3))
    dn = (na - nb).abs().mean((1, 2, 3))
    return (da / dn).mean()


def grid_artifact(x, periods=(2, 4, 8)):
    """Penalise statistics that depend on the pixel phase w.r.t. the nearest-upsampling grid:
    for each period p, the mean |neighbour difference| at each phase r (pairs j, j+1 with
    j = r mod p) should be the same. Returns the squared coefficient of variation, summed."""
    dx = (x[:, :, :, 1:] - x[:, :, :, :-1]).abs().mean((0, 1, 2))
    dy = (x[:, :, 1:, :] - x[:, :, :-1, :]).abs().mean((0, 1, 3))
    loss = 0.0
    for d in (dx, dy):
        n = d.shape[0] - d.shape[0] % 8
        d = d[:n]
        for p in periods:
            prof = d.view(-1, p).mean(0)
            loss = loss + prof.var(unbiased=False) / prof.mean().pow(2).clamp_min(1e-8)
    return loss
