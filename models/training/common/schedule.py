"""Learning-rate schedule shared by the trainers: linear warm-up times a cosine decay from base_lr to min_lr.

    lr(step) = linear_warmup(step, warmup) * cosine_decay(step / total, base_lr, min_lr)
    linear_warmup(step, warmup) = min(1, (step + 1) / warmup)      (1 when warmup <= 0)
    cosine_decay(p, base, min)  = min + (base - min) * (1 + cos(pi * p)) / 2,   p clamped to [0, 1]

The warm-up multiplies the cosine (the cosine runs from step 0, not from the end of the warm-up), which is what the
text, melody and emoji trainers have always done; without warm-up it is the plain cosine of the texture, glyph and
texture-VAE trainers. Time-budgeted trainers pass the elapsed share of their budget to `cosine_decay` themselves.
Pure Python (no torch); `cosine_lambda` gives the same curve as a factor for torch.optim.lr_scheduler.LambdaLR.
"""
import math


def linear_warmup(step, warmup):
    """Warm-up factor: (step + 1) / warmup for the first `warmup` steps (0-based), then 1."""
    if warmup <= 0:
        return 1.0
    return min(1.0, (step + 1) / warmup)


def cosine_decay(progress, base_lr, min_lr=0.0):
    """Cosine from base_lr (progress 0) to min_lr (progress >= 1)."""
    p = min(max(progress, 0.0), 1.0)
    return min_lr + (base_lr - min_lr) * 0.5 * (1.0 + math.cos(math.pi * p))


def cosine_with_warmup(step, total, warmup, base_lr, min_lr=0.0):
    """The learning rate at `step` (0-based) of a `total`-step run; see the module docstring."""
    return linear_warmup(step, warmup) * cosine_decay(step / max(1, total), base_lr, min_lr)


def cosine_lambda(total, warmup=0, min_ratio=0.0):
    """The same curve as a multiplier of the optimizer's lr, for torch.optim.lr_scheduler.LambdaLR:
    LambdaLR(opt, cosine_lambda(total, warmup, 0.1)) gives lr * cosine_with_warmup(step, total, warmup, 1, 0.1)."""
    return lambda step: cosine_with_warmup(step, total, warmup, 1.0, min_ratio)


def set_lr(optimizer, lr):
    """Set every parameter group's learning rate; returns lr."""
    for g in optimizer.param_groups:
        g["lr"] = lr
    return lr
