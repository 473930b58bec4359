"""Atelier Emoji: a small pixel-space UNet (epsilon prediction) conditioned on words, its noise schedule, a DDIM
sampler with classifier-free guidance, and the small evaluation classifier. Runs on torch 1.13 (CPU, export) and
torch 2.x (CUDA, training)."""
import contextlib
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

CONFIGS = {
    # ch: channels per resolution (S, S/2, S/4, S/8); attn: levels with self + cross-attention
    "emoji-s": dict(ch=(64, 96, 128, 128), attn=(2, 3), emb=256, word_dim=128, heads=4, groups=32),
    "emoji-t": dict(ch=(16, 32, 32, 32), attn=(2, 3), emb=64, word_dim=32, heads=2, groups=8),  # tests only
}


def autocast(enabled):
    """bf16 autocast on CUDA when enabled; a no-op otherwise (CPU-only torch builds have no CUDA autocast)."""
    return torch.autocast("cuda", dtype=torch.bfloat16) if enabled else contextlib.nullcontext()


def alphas_cumprod(T=1000, kind="cosine"):
    if kind == "cosine":  # Nichol & Dhariwal 2021, betas clipped at 0.999
        s = 0.008
        x = torch.arange(T + 1, dtype=torch.float64)
        f = torch.cos(((x / T) + s) / (1 + s) * math.pi / 2) ** 2
        betas = (1 - f[1:] / f[:-1]).clamp(max=0.999)
    else:
        betas = torch.linspace(1e-4, 0.02, T, dtype=torch.float64)
    return torch.cumprod(1 - betas, 0).float()


def timestep_embedding(t, dim):
    half = dim // 2
    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32, device=t.device) / half)
    a = t.float()[:, None] * freqs[None]
    return torch.cat([torch.cos(a), torch.sin(a)], dim=1)


class ResBlock(nn.Module):
    def __init__(self, cin, cout, emb, groups):
        super().__init__()
        self.n1 = nn.GroupNorm(groups, cin)
        self.c1 = nn.Conv2d(cin, cout, 3, padding=1)
        self.e = nn.Linear(emb, cout)
        self.n2 = nn.GroupNorm(groups, cout)
        self.c2 = nn.Conv2d(cout, cout, 3, padding=1)
        self.skip = nn.Conv2d(cin, cout, 1) if cin != cout else nn.Identity()

    def forward(self, x, e):
        h = self.c1(F.silu(self.n1(x)))
        h = h + self.e(e)[:, :, None, None]
        h = self.c2(F.silu(self.n2(h)))
        return self.skip(x) + h


class AttnBlock(nn.Module):
    """Self-attention over the pixels, with the words (plus a learned null token) as extra keys/values."""

    def __init__(self, c, word_dim, heads, groups):
        super().__init__()
        self.heads = heads
        self.norm = nn.GroupNorm(groups, c)
        self.qkv = nn.Conv1d(c, 3 * c, 1)
        self.kv_words = nn.Linear(word_dim, 2 * c)
        self.null = nn.Parameter(torch.zeros(1, 1, word_dim))
        self.proj = nn.Conv1d(c, c, 1)

    def forward(self, x, ctx, ctx_bias):
        # ctx [B, L, D] word vectors; ctx_bias [B, L] 0 for words, -1e4 for padding
        b, c, hh, ww = x.shape
        hd = c // self.heads
        q, k, v = self.qkv(self.norm(x).flatten(2)).chunk(3, dim=1)  # [B, C, N]
        ctx = torch.cat([self.null.expand(ctx.shape[0], 1, ctx.shape[2]), ctx], dim=1)  # [B, 1+L, D]
        kw, vw = self.kv_words(ctx).transpose(1, 2).chunk(2, dim=1)  # [B, C, 1+L]
        k = torch.cat([k, kw], dim=2)
        v = torch.cat([v, vw], dim=2)
        q = q.reshape(b * self.heads, hd, -1)
        k = k.reshape(b * self.heads, hd, -1)
        v = v.reshape(b * self.heads, hd, -1)
        w = torch.bmm(q.transpose(1, 2), k) * (hd ** -0.5)  # [BH, N, N+1+L]
        n = q.shape[2]
        bias = torch.cat([torch.zeros_like(ctx_bias[:, :1]).expand(-1, 1), ctx_bias], dim=1)  # [B, 1+L]
        bias = torch.cat([torch.zeros_like(w[:, 0, :n]).reshape(b, self.heads, n)[:, 0, :], bias], dim=1)  # [B, N+1+L]
        w = w.reshape(b, self.heads, n, -1) + bias[:, None, None, :]
        w = torch.softmax(w, dim=-1).reshape(b * self.heads, n, -1)
        h = torch.bmm(v, w.transpose(1, 2)).reshape(b, c, -1)
        return x + self.proj(h).reshape(x.shape)


class UNet(nn.Module):
    """Levels at S, S/2, S/4, S/8 (one ResBlock each, 2x2 average-pool between), a middle block at S/8, and one
    ResBlock per level on the way up (nearest upsampling, concatenated skip). Attention levels also have self +
    word cross-attention. The words: embedded, mean-pooled over non-padding ids -> added to the time embedding,
    and as keys/values of every attention block."""

    def __init__(self, vocab_size, ch=(64, 96, 128, 128), attn=(2, 3), emb=256, word_dim=128, heads=4, groups=32):
        super().__init__()
        self.ch0 = ch[0]
        self.word = nn.Embedding(vocab_size, word_dim, padding_idx=0)
        self.t_mlp = nn.Sequential(nn.Linear(ch[0], emb), nn.SiLU(), nn.Linear(emb, emb))
        self.w_mlp = nn.Sequential(nn.Linear(word_dim, emb), nn.SiLU(), nn.Linear(emb, emb))
        self.conv_in = nn.Conv2d(3, ch[0], 3, padding=1)
        self.down = nn.ModuleList()
        cur = ch[0]
        for i, c in enumerate(ch):
            blk = nn.ModuleDict({"res": ResBlock(cur, c, emb, groups)})
            if i in attn:
                blk["attn"] = AttnBlock(c, word_dim, heads, groups)
            cur = c
            self.down.append(blk)
        self.mid1 = ResBlock(cur, cur, emb, groups)
        self.mid_attn = AttnBlock(cur, word_dim, heads, groups)
        self.mid2 = ResBlock(cur, cur, emb, groups)
        self.up = nn.ModuleList()
        for i in reversed(range(len(ch))):
            c = ch[i]
            blk = nn.ModuleDict({"res": ResBlock(cur + c, c, emb, groups)})
            if i in attn:
                blk["attn"] = AttnBlock(c, word_dim, heads, groups)
            cur = c
            self.up.append(blk)
        self.norm_out = nn.GroupNorm(groups, cur)
        self.conv_out = nn.Conv2d(cur, 3, 3, padding=1)
        nn.init.zeros_(self.conv_out.weight)
        nn.init.zeros_(self.conv_out.bias)

    def forward(self, sample, timestep, words):
        mask = (words > 0).float()  # [B, L]
        ctx = self.word(words) * mask[:, :, None]
        pooled = ctx.sum(1) / mask.sum(1, keepdim=True).clamp(min=1.0)
        ctx_bias = (mask - 1.0) * 1e4
        e = F.silu(self.t_mlp(timestep_embedding(timestep, self.ch0)) + self.w_mlp(pooled))
        h = self.conv_in(sample)
        hs = []
        n = len(self.down)
        for i, blk in enumerate(self.down):
            h = blk["res"](h, e)
            if "attn" in blk:
                h = blk["attn"](h, ctx, ctx_bias)
            hs.append(h)
            if i < n - 1:
                h = F.avg_pool2d(h, 2)
        h = self.mid2(self.mid_attn(self.mid1(h, e), ctx, ctx_bias), e)
        for i, blk in enumerate(self.up):
            if i > 0:
                h = F.interpolate(h, scale_factor=2.0, mode="nearest")
            h = blk["res"](torch.cat([h, hs.pop()], dim=1), e)
            if "attn" in blk:
                h = blk["attn"](h, ctx, ctx_bias)
        return self.conv_out(F.silu(self.norm_out(h)))


def build(vocab_size, config="emoji-s"):
    return UNet(vocab_size, **CONFIGS[config])


@torch.no_grad()
def ddim_sample(model, words, ac, size=48, steps=50, guidance=3.0, seed=0, device="cpu", clip=True, dtype=None,
                prediction="epsilon", seeds=None):
    """DDIM (eta 0) with classifier-free guidance. words [B, L] int64. Timesteps: round(linspace(T-1, 0, steps));
    the last step goes to alpha_prev = 1. x0 is clipped to [-1, 1] at each step. Returns [B, 3, S, S] in [-1, 1].
    `seeds` (one per row): each row's noise drawn alone from its seed, so a picture does not depend on its batch.
    A v-prediction model's output is turned into epsilon first, as the app does."""
    b = words.shape[0]
    if seeds is None:
        x = torch.randn(b, 3, size, size, generator=torch.Generator().manual_seed(seed)).to(device)
    else:
        x = torch.cat([torch.randn(1, 3, size, size, generator=torch.Generator().manual_seed(int(s)))
                       for s in seeds]).to(device)
    words = words.to(device)
    ac = ac.to(device)
    T = ac.shape[0]
    ts = torch.linspace(T - 1, 0, steps).round().long().tolist()
    null = torch.zeros_like(words)
    for i, t in enumerate(ts):
        tt = torch.full((b,), float(t), device=device)
        a = ac[t]
        with autocast(dtype is not None):
            if guidance == 1.0:
                eps = model(x, tt, words).float()
                if prediction == "v_prediction":
                    eps = a.sqrt() * eps + (1 - a).sqrt() * x
            else:
                out = model(torch.cat([x, x]), torch.cat([tt, tt]), torch.cat([words, null])).float()
                if prediction == "v_prediction":
                    out = a.sqrt() * out + (1 - a).sqrt() * torch.cat([x, x])
                ec, eu = out.chunk(2)
                eps = eu + guidance * (ec - eu)
        a_prev = ac[ts[i + 1]] if i + 1 < len(ts) else torch.tensor(1.0, device=device)
        x0 = (x - (1 - a).sqrt() * eps) / a.sqrt()
        if clip:
            x0 = x0.clamp(-1, 1)
            eps = (x - a.sqrt() * x0) / (1 - a).sqrt()
        x = a_prev.sqrt() * x0 + (1 - a_prev).sqrt() * eps
    return x.clamp(-1, 1)


class Classifier(nn.Module):
    """Small CNN for the evaluation metrics: category of an image in [-1, 1] (any size >= 32); features() = the
    128-d penultimate layer used for the Frechet distance."""

    def __init__(self, n_classes=9):
        super().__init__()
        def blk(a, b):
            return nn.Sequential(nn.Conv2d(a, b, 3, padding=1), nn.BatchNorm2d(b), nn.ReLU(),
                                 nn.Conv2d(b, b, 3, padding=1), nn.BatchNorm2d(b), nn.ReLU())
        self.body = nn.Sequential(blk(3, 32), nn.MaxPool2d(2), blk(32, 64), nn.MaxPool2d(2), blk(64, 128),
                                  nn.MaxPool2d(2), blk(128, 128), nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.drop = nn.Dropout(0.3)
        self.head = nn.Linear(128, n_classes)

    def features(self, x):
        return self.body(x)

    def forward(self, x):
        return self.head(self.drop(self.body(x)))
