"""GPT-2-style decoder-only transformer with an explicit key/value cache (Hugging Face Optimum decoder layout).

Pre-LayerNorm blocks (LN -> causal self-attention -> residual, LN -> MLP (tanh-GELU) -> residual), learned
absolute position embeddings, final LayerNorm, LM head tied to the token embedding. Same structure and
hyper-parameter names as GPT-2 (n_embd, n_layer, n_head, n_positions, n_inner).
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

CONFIGS = {
    # 4 layers x 256 wide, 4 heads, MLP 768: ~3.5 M parameters (~14 MB float32), trains in ~30 min on 1-2 CPU threads
    "verse-s": dict(n_layer=4, n_embd=256, n_head=4, n_inner=768, n_positions=256),
    # 6 layers x 256 wide, 4 heads, MLP 1024: ~5.6 M parameters (~22 MB float32); trained on a GPU
    "verse-m": dict(n_layer=6, n_embd=256, n_head=4, n_inner=1024, n_positions=256),
    # 4 layers x 320 wide, 5 heads (head dim 64), MLP 1280: ~6.0 M parameters (~24 MB float32); trained on a GPU
    "verse-w": dict(n_layer=4, n_embd=320, n_head=5, n_inner=1280, n_positions=256),
    # for quick tests
    "tiny": dict(n_layer=2, n_embd=64, n_head=4, n_inner=128, n_positions=64),
}


def gelu_new(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


class Attention(nn.Module):
    def __init__(self, n_embd, n_head, dropout):
        super().__init__()
        self.n_head, self.hd = n_head, n_embd // n_head
        self.qkv = nn.Linear(n_embd, 3 * n_embd)
        self.proj = nn.Linear(n_embd, n_embd)
        self.drop = nn.Dropout(dropout)

    def forward(self, x, bias, past_k=None, past_v=None):
        """x [B,T,C]; bias additive [B or 1, 1, T, S]; past [B,H,P,hd]. Returns y, k, v (with the past)."""
        B, T, C = x.shape
        q, k, v = self.qkv(x).split(C, dim=2)
        q = q.view(B, T, self.n_head, self.hd).transpose(1, 2)
        k = k.view(B, T, self.n_head, self.hd).transpose(1, 2)
        v = v.view(B, T, self.n_head, self.hd).transpose(1, 2)
        if past_k is not None:
            k = torch.cat([past_k, k], dim=2)
            v = torch.cat([past_v, v], dim=2)
        if bias is None:  # plain causal attention, no cache / mask (training): fused kernel where torch has one
            y = F.scaled_dot_product_attention(q, k, v, dropout_p=self.drop.p if self.training else 0.0,
                                               is_causal=True)
            y = y.transpose(1, 2).reshape(B, T, C)
            return self.drop(self.proj(y)), k, v
        att = torch.matmul(q, k.transpose(-1, -2)) * (1.0 / math.sqrt(self.hd)) + bias
        att = self.drop(torch.softmax(att, dim=-1))
        y = torch.matmul(att, v).transpose(1, 2).reshape(B, T, C)
        return self.drop(self.proj(y)), k, v


class Block(nn.Module):
    def __init__(self, n_embd, n_head, n_inner, dropout):
        super().__init__()
        self.ln_1 = nn.LayerNorm(n_embd)
        self.attn = Attention(n_embd, n_head, dropout)
        self.ln_2 = nn.LayerNorm(n_embd)
        self.fc = nn.Linear(n_embd, n_inner)
        self.fc_out = nn.Linear(n_inner, n_embd)
        self.drop = nn.Dropout(dropout)

    def forward(self, x, bias, past_k=None, past_v=None):
        a, k, v = self.attn(self.ln_1(x), bias, past_k, past_v)
        x = x + a
        x = x + self.drop(self.fc_out(gelu_new(self.fc(self.ln_2(x)))))
        return x, k, v


class GPT(nn.Module):
    def __init__(self, vocab_size, n_layer, n_embd, n_head, n_inner, n_positions, dropout=0.0):
        super().__init__()
        self.cfg = dict(vocab_size=vocab_size, n_layer=n_layer, n_embd=n_embd, n_head=n_head, n_inner=n_inner,
                        n_positions=n_positions)
        self.wte = nn.Embedding(vocab_size, n_embd)
        self.wpe = nn.Embedding(n_positions, n_embd)
        self.drop = nn.Dropout(dropout)
        self.blocks = nn.ModuleList([Block(n_embd, n_head, n_inner, dropout) for _ in range(n_layer)])
        self.ln_f = nn.LayerNorm(n_embd)
        self.apply(self._init)
        for b in self.blocks:  # GPT-2: residual projections scaled by 1/sqrt(2 n_layer)
            nn.init.normal_(b.attn.proj.weight, std=0.02 / math.sqrt(2 * n_layer))
            nn.init.normal_(b.fc_out.weight, std=0.02 / math.sqrt(2 * n_layer))

    @staticmethod
    def _init(m):
        if isinstance(m, nn.Linear):
            nn.init.normal_(m.weight, std=0.02)
            nn.init.zeros_(m.bias)
        elif isinstance(m, nn.Embedding):
            nn.init.normal_(m.weight, std=0.02)

    def forward(self, input_ids, attention_mask=None, position_ids=None, past=None):
        """input_ids [B,T]; attention_mask [B,P+T] (1 = attend); position_ids [B,T]; past: list of (k, v)
        [B,H,P,hd] per layer or None. Returns logits [B,T,V] and the presents (list of (k, v) [B,H,P+T,hd])."""
        B, T = input_ids.shape
        P = 0 if past is None else past[0][0].shape[2]
        if position_ids is None:
            position_ids = (torch.arange(T, device=input_ids.device) + P).unsqueeze(0).expand(B, T)
        x = self.drop(self.wte(input_ids) + self.wpe(position_ids))
        q_pos = torch.arange(T, device=input_ids.device).unsqueeze(1) + P       # [T,1] absolute query position
        k_pos = torch.arange(P + T, device=input_ids.device).unsqueeze(0)       # [1,S]
        allowed = (k_pos <= q_pos).unsqueeze(0).unsqueeze(0)                     # [1,1,T,S]
        if attention_mask is not None:
            allowed = allowed & (attention_mask[:, None, None, :] > 0)          # [B,1,T,S]
        if (past is None and attention_mask is None and hasattr(F, "scaled_dot_product_attention")
                and not torch.onnx.is_in_onnx_export()):
            bias = None  # causal only: Attention uses the fused kernel (torch >= 2.0); same result
        else:
            bias = torch.where(allowed, torch.zeros((), dtype=x.dtype), torch.full((), -1e9, dtype=x.dtype))
        presents = []
        for i, blk in enumerate(self.blocks):
            pk, pv = (None, None) if past is None else past[i]
            x, k, v = blk(x, bias, pk, pv)
            presents.append((k, v))
        x = self.ln_f(x)
        logits = F.linear(x, self.wte.weight)  # tied LM head
        return logits, presents


class OnnxWrapper(nn.Module):
    """Flat Optimum-style signature: input_ids, attention_mask, position_ids, past_key_values.{i}.key/value ->
    logits, present.{i}.key/value."""

    def __init__(self, gpt):
        super().__init__()
        self.gpt = gpt

    def forward(self, input_ids, attention_mask, position_ids, *past_flat):
        past = [(past_flat[2 * i], past_flat[2 * i + 1]) for i in range(len(past_flat) // 2)]
        logits, presents = self.gpt(input_ids, attention_mask, position_ids, past)
        out = [logits]
        for k, v in presents:
            out += [k, v]
        return tuple(out)


def build(vocab_size, config="verse-s", dropout=0.0):
    return GPT(vocab_size, dropout=dropout, **CONFIGS[config])


def n_params(model):
    return sum(p.numel() for p in model.parameters())
