"""A small Llama-family decoder with an explicit key/value cache, for test fixtures (make_tiny.py).

Same structure and hyper-parameter names as Hugging Face's LlamaForCausalLM: RMSNorm (pre-norm), rotary position
embeddings computed from `position_ids` (rope_theta, half-split "rotate_half" layout), grouped-query attention
(num_key_value_heads <= num_attention_heads; the cache holds the key/value heads only), SwiGLU MLP
(down(silu(gate(x)) * up(x))), no biases, final RMSNorm, untied lm_head.

`LlamaOnnxWrapper` gives the flat Optimum signature: input_ids, attention_mask, position_ids,
past_key_values.{i}.key/value -> logits, present.{i}.key/value ([batch, kv_heads, past+seq, head_dim]).
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class RMSNorm(nn.Module):
    def __init__(self, dim, eps):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight


def rotate_half(x):
    h = x.shape[-1] // 2
    return torch.cat([-x[..., h:], x[..., :h]], dim=-1)


class Rotary(nn.Module):
    def __init__(self, head_dim, theta):
        super().__init__()
        inv_freq = 1.0 / (theta ** (torch.arange(0, head_dim, 2, dtype=torch.float32) / head_dim))
        self.register_buffer("inv_freq", inv_freq, persistent=False)

    def forward(self, position_ids):
        """position_ids [B,T] -> cos, sin [B,1,T,head_dim]."""
        freqs = position_ids.to(torch.float32).unsqueeze(-1) * self.inv_freq  # [B,T,hd/2]
        emb = torch.cat([freqs, freqs], dim=-1)
        return emb.cos().unsqueeze(1), emb.sin().unsqueeze(1)


class Attention(nn.Module):
    def __init__(self, hidden, n_head, n_kv_head):
        super().__init__()
        assert hidden % n_head == 0 and n_head % n_kv_head == 0
        self.n_head, self.n_kv, self.hd = n_head, n_kv_head, hidden // n_head
        self.q_proj = nn.Linear(hidden, n_head * self.hd, bias=False)
        self.k_proj = nn.Linear(hidden, n_kv_head * self.hd, bias=False)
        self.v_proj = nn.Linear(hidden, n_kv_head * self.hd, bias=False)
        self.o_proj = nn.Linear(n_head * self.hd, hidden, bias=False)

    def forward(self, x, cos, sin, bias, past_k=None, past_v=None):
        """x [B,T,C]; cos/sin [B,1,T,hd]; bias additive [B or 1,1,T,S]; past [B,KV,P,hd].
        Returns y and the key/value heads with the past ([B,KV,P+T,hd])."""
        B, T, _ = x.shape
        q = self.q_proj(x).view(B, T, self.n_head, self.hd).transpose(1, 2)
        k = self.k_proj(x).view(B, T, self.n_kv, self.hd).transpose(1, 2)
        v = self.v_proj(x).view(B, T, self.n_kv, self.hd).transpose(1, 2)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        if past_k is not None:
            k = torch.cat([past_k, k], dim=2)
            v = torch.cat([past_v, v], dim=2)
        rep = self.n_head // self.n_kv
        S = k.shape[2]
        # each key/value head serves `rep` consecutive query heads (HF repeat_kv)
        kk = k.unsqueeze(2).expand(B, self.n_kv, rep, S, self.hd).reshape(B, self.n_head, S, self.hd)
        vv = v.unsqueeze(2).expand(B, self.n_kv, rep, S, self.hd).reshape(B, self.n_head, S, self.hd)
        att = torch.matmul(q, kk.transpose(-1, -2)) * (1.0 / math.sqrt(self.hd)) + bias
        att = torch.softmax(att, dim=-1)
        y = torch.matmul(att, vv).transpose(1, 2).reshape(B, T, self.n_head * self.hd)
        return self.o_proj(y), k, v


class MLP(nn.Module):
    def __init__(self, hidden, inter):
        super().__init__()
        self.gate_proj = nn.Linear(hidden, inter, bias=False)
        self.up_proj = nn.Linear(hidden, inter, bias=False)
        self.down_proj = nn.Linear(inter, hidden, bias=False)

    def forward(self, x):
        return self.down_proj(F.silu(self.gate_proj(x)) * self.up_proj(x))


class Layer(nn.Module):
    def __init__(self, hidden, inter, n_head, n_kv_head, eps):
        super().__init__()
        self.input_layernorm = RMSNorm(hidden, eps)
        self.self_attn = Attention(hidden, n_head, n_kv_head)
        self.post_attention_layernorm = RMSNorm(hidden, eps)
        self.mlp = MLP(hidden, inter)

    def forward(self, x, cos, sin, bias, past_k=None, past_v=None):
        a, k, v = self.self_attn(self.input_layernorm(x), cos, sin, bias, past_k, past_v)
        x = x + a
        x = x + self.mlp(self.post_attention_layernorm(x))
        return x, k, v


class Llama(nn.Module):
    def __init__(self, vocab_size, hidden_size, intermediate_size, num_hidden_layers, num_attention_heads,
                 num_key_value_heads, max_position_embeddings, rms_norm_eps=1e-5, rope_theta=10000.0,
                 initializer_range=0.02):
        super().__init__()
        self.cfg = dict(vocab_size=vocab_size, hidden_size=hidden_size, intermediate_size=intermediate_size,
                        num_hidden_layers=num_hidden_layers, num_attention_heads=num_attention_heads,
                        num_key_value_heads=num_key_value_heads, max_position_embeddings=max_position_embeddings,
                        rms_norm_eps=rms_norm_eps, rope_theta=rope_theta, initializer_range=initializer_range)
        self.embed_tokens = nn.Embedding(vocab_size, hidden_size)
        self.rotary = Rotary(hidden_size // num_attention_heads, rope_theta)
        self.layers = nn.ModuleList([Layer(hidden_size, intermediate_size, num_attention_heads, num_key_value_heads,
                                           rms_norm_eps) for _ in range(num_hidden_layers)])
        self.norm = RMSNorm(hidden_size, rms_norm_eps)
        self.lm_head = nn.Linear(hidden_size, vocab_size, bias=False)
        for m in self.modules():
            if isinstance(m, (nn.Linear, nn.Embedding)):
                nn.init.normal_(m.weight, std=initializer_range)

    def forward(self, input_ids, attention_mask=None, position_ids=None, past=None):
        """input_ids [B,T]; attention_mask [B,P+T] (1 = attend); position_ids [B,T]; past: list of (k, v)
        [B,KV,P,hd] per layer or None. Returns logits [B,T,V] and the presents (list of (k, v) [B,KV,P+T,hd])."""
        B, T = input_ids.shape
        P = 0 if past is None else past[0][0].shape[2]
        if position_ids is None:
            position_ids = (torch.arange(T, device=input_ids.device) + P).unsqueeze(0).expand(B, T)
        x = self.embed_tokens(input_ids)
        cos, sin = self.rotary(position_ids)
        q_pos = torch.arange(T, device=input_ids.device).unsqueeze(1) + P
        k_pos = torch.arange(P + T, device=input_ids.device).unsqueeze(0)
        allowed = (k_pos <= q_pos).unsqueeze(0).unsqueeze(0)                     # [1,1,T,S]
        if attention_mask is not None:
            allowed = allowed & (attention_mask[:, None, None, :] > 0)          # [B,1,T,S]
        bias = torch.where(allowed, torch.zeros((), dtype=x.dtype), torch.full((), -1e9, dtype=x.dtype))
        presents = []
        for i, layer in enumerate(self.layers):
            pk, pv = (None, None) if past is None else past[i]
            x, k, v = layer(x, cos, sin, bias, pk, pv)
            presents.append((k, v))
        return self.lm_head(self.norm(x)), presents


class LlamaOnnxWrapper(nn.Module):
    """Flat Optimum-style signature (see the module docstring)."""

    def __init__(self, llama):
        super().__init__()
        self.llama = llama

    def forward(self, input_ids, attention_mask, position_ids, *past_flat):
        past = [(past_flat[2 * i], past_flat[2 * i + 1]) for i in range(len(past_flat) // 2)]
        logits, presents = self.llama(input_ids, attention_mask, position_ids, past)
        out = [logits]
        for k, v in presents:
            out += [k, v]
        return tuple(out)
