"""Melody VAE (MusicVAE-style) and melody LSTM; the ONNX wrappers match INTERFACE.md."""
import torch
import torch.nn as nn

V = 50
SPB = 16

VAE_CONFIGS = {
    # emb: token embedding, enc: BiLSTM hidden per direction, dim: latent D, hidden/layers: decoder LSTM
    "vae-s": dict(bars=4, emb=64, enc=192, dim=64, hidden=256, layers=2, step_emb=16, dropout=0.1),
    "vae-s2": dict(bars=2, emb=64, enc=192, dim=64, hidden=256, layers=2, step_emb=16, dropout=0.1),
}
RNN_CONFIGS = {
    "rnn-s": dict(emb=64, pos_emb=16, hidden=320, layers=2, dropout=0.2),
    "rnn-xs": dict(emb=64, pos_emb=16, hidden=256, layers=2, dropout=0.2),
}


class Encoder(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.emb = nn.Embedding(V, c["emb"])
        self.rnn = nn.LSTM(c["emb"], c["enc"], num_layers=1, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * c["enc"], 2 * c["dim"])
        self.dim = c["dim"]

    def forward(self, tokens):
        _, (h, _) = self.rnn(self.emb(tokens))          # h [2, B, enc]
        h = torch.cat([h[0], h[1]], dim=-1)
        mean, logvar = self.out(h).split(self.dim, dim=-1)
        return mean, logvar


class DecoderInit(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.L, self.H = c["layers"], c["hidden"]
        self.lin = nn.Linear(c["dim"], 2 * self.L * self.H)

    def forward(self, z):
        hc = torch.tanh(self.lin(z)).view(z.shape[0], 2, self.L, self.H).permute(1, 2, 0, 3)
        return hc[0].contiguous(), hc[1].contiguous()


class Decoder(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.T = c["bars"] * SPB
        self.emb = nn.Embedding(V, c["emb"])
        self.step_emb = nn.Embedding(self.T, c["step_emb"])
        self.rnn = nn.LSTM(c["emb"] + c["dim"] + c["step_emb"], c["hidden"], num_layers=c["layers"], batch_first=True,
                           dropout=c.get("dropout", 0.0))
        self.out = nn.Linear(c["hidden"], V)

    def forward(self, prev, steps, z, h, c, drop_mask=None):
        """prev, steps [B, S] -> logits [B, S, V], (h, c)."""
        e = self.emb(prev)
        if drop_mask is not None:
            e = e * drop_mask.unsqueeze(-1)
        x = torch.cat([e, z.unsqueeze(1).expand(-1, prev.shape[1], -1), self.step_emb(steps)], dim=-1)
        y, (h, c) = self.rnn(x, (h, c))
        return self.out(y), h, c


class VAE(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.config_name = config
        c = VAE_CONFIGS[config]
        self.c, self.T, self.dim = c, c["bars"] * SPB, c["dim"]
        self.encoder = Encoder(c)
        self.decoder_init = DecoderInit(c)
        self.decoder = Decoder(c)

    def forward(self, x, word_dropout=0.0, sample=True):
        """x [B, T+1] (x[:, 0]: token before the segment) -> logits [B, T, V], mean, logvar."""
        tgt = x[:, 1:]
        mean, logvar = self.encoder(tgt)
        z = mean + torch.randn_like(mean) * torch.exp(0.5 * logvar) if sample else mean
        h, c = self.decoder_init(z)
        steps = torch.arange(self.T, device=x.device).expand(x.shape[0], -1)
        mask = None
        if word_dropout > 0:
            mask = (torch.rand(x.shape[0], self.T, device=x.device) >= word_dropout).float()
        logits, _, _ = self.decoder(x[:, :-1], steps, z, h, c, mask)
        return logits, mean, logvar

    @torch.no_grad()
    def greedy(self, z, prev):
        """Greedy decode of one segment from z [B, D], previous token prev [B] -> tokens [B, T]."""
        h, c = self.decoder_init(z)
        out = []
        tok = prev
        for t in range(self.T):
            step = torch.full_like(tok, t)
            logits, h, c = self.decoder(tok[:, None], step[:, None], z, h, c)
            tok = logits[:, 0].argmax(-1)
            out.append(tok)
        return torch.stack(out, 1)

    @torch.no_grad()
    def sample(self, z, prev, temperature=1.0, generator=None):
        h, c = self.decoder_init(z)
        out = []
        tok = prev
        for t in range(self.T):
            step = torch.full_like(tok, t)
            logits, h, c = self.decoder(tok[:, None], step[:, None], z, h, c)
            p = torch.softmax(logits[:, 0] / temperature, -1)
            tok = torch.multinomial(p, 1, generator=generator)[:, 0]
            out.append(tok)
        return torch.stack(out, 1)


class DecoderStep(nn.Module):
    """ONNX wrapper: (token [B], step [B], z [B, D], h, c) -> (logits [B, V], h_out, c_out)."""

    def __init__(self, vae):
        super().__init__()
        self.d = vae.decoder

    def forward(self, token, step, z, h, c):
        logits, h, c = self.d(token[:, None], step[:, None], z, h, c)
        return logits[:, 0], h, c


class MelodyRNN(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.config_name = config
        c = RNN_CONFIGS[config]
        self.c, self.L, self.H = c, c["layers"], c["hidden"]
        self.emb = nn.Embedding(V, c["emb"])
        self.pos_emb = nn.Embedding(SPB, c["pos_emb"])
        self.rnn = nn.LSTM(c["emb"] + c["pos_emb"], c["hidden"], num_layers=c["layers"], batch_first=True,
                           dropout=c.get("dropout", 0.0))
        self.out = nn.Linear(c["hidden"], V)

    def forward(self, prev, pos, h=None, c=None):
        """prev, pos [B, S] -> logits [B, S, V], h, c (zeros when h is None)."""
        x = torch.cat([self.emb(prev), self.pos_emb(pos)], dim=-1)
        if h is None:
            h = torch.zeros(self.L, prev.shape[0], self.H)
            c = torch.zeros_like(h)
        y, (h, c) = self.rnn(x, (h, c))
        return self.out(y), h, c


class RNNStep(nn.Module):
    """ONNX wrapper: (token [B], pos [B], h, c) -> (logits [B, V], h_out, c_out)."""

    def __init__(self, rnn):
        super().__init__()
        self.m = rnn

    def forward(self, token, pos, h, c):
        logits, h, c = self.m(token[:, None], pos[:, None], h, c)
        return logits[:, 0], h, c


def count_params(m):
    return sum(p.numel() for p in m.parameters())


# The meter-aware melody LSTM: meter classes and their 16th steps per bar (the order is the graph's `meter` ids).
METERS = ["4/4", "2/4", "3/4", "6/8", "9/8"]
METER_STEPS = [16, 8, 12, 12, 18]
PHRASE_BARS = 16
METER_CONFIGS = {
    # emb: token, inbar: position in the bar, bar: bar in a 16-bar phrase, meter, key: the key signature's major tonic
    "meter-m": dict(emb=64, inbar=16, bar=8, meter=8, key=16, hidden=384, layers=2, dropout=0.2),
    "meter-s": dict(emb=64, inbar=16, bar=8, meter=8, key=16, hidden=256, layers=2, dropout=0.2),
}


class MeterRNN(nn.Module):
    """An LSTM over melody tokens that knows the meter, the key signature and where it is in a 16-bar phrase.

    `pos` counts 16th steps from the first bar line of the melody; the graph derives the position in the bar and
    the bar in the phrase from it and the meter's bar length, so the app feeds one running step counter."""

    def __init__(self, config):
        super().__init__()
        self.config_name = config
        c = METER_CONFIGS[config]
        self.c, self.L, self.H = c, c["layers"], c["hidden"]
        self.register_buffer("steps", torch.tensor(METER_STEPS, dtype=torch.long), persistent=False)
        self.emb = nn.Embedding(V, c["emb"])
        self.inbar_emb = nn.Embedding(max(METER_STEPS), c["inbar"])
        self.bar_emb = nn.Embedding(PHRASE_BARS, c["bar"])
        self.meter_emb = nn.Embedding(len(METERS), c["meter"])
        self.key_emb = nn.Embedding(12, c["key"])
        n_in = c["emb"] + c["inbar"] + c["bar"] + c["meter"] + c["key"]
        self.rnn = nn.LSTM(n_in, c["hidden"], num_layers=c["layers"], batch_first=True, dropout=c.get("dropout", 0.0))
        self.out = nn.Linear(c["hidden"], V)

    def forward(self, prev, pos, meter, key, h=None, c=None):
        """prev, pos [B, S]; meter, key [B] -> logits [B, S, V], h, c (zeros when h is None)."""
        spb = self.steps[meter].unsqueeze(1)
        inbar = torch.remainder(pos, spb)
        bar = torch.remainder(torch.div(pos, spb, rounding_mode="floor"), PHRASE_BARS)
        S = prev.shape[1]
        cond = torch.cat([self.meter_emb(meter), self.key_emb(key)], dim=-1).unsqueeze(1).expand(-1, S, -1)
        x = torch.cat([self.emb(prev), self.inbar_emb(inbar), self.bar_emb(bar), cond], dim=-1)
        if h is None:
            h = torch.zeros(self.L, prev.shape[0], self.H)
            c = torch.zeros_like(h)
        y, (h, c) = self.rnn(x, (h, c))
        return self.out(y), h, c


class MeterRNNStep(nn.Module):
    """ONNX wrapper: (token [B], pos [B], meter [B], key [B], h, c) -> (logits [B, V], h_out, c_out)."""

    def __init__(self, rnn):
        super().__init__()
        self.m = rnn

    def forward(self, token, pos, meter, key, h, c):
        logits, h, c = self.m(token[:, None], pos[:, None], meter, key, h, c)
        return logits[:, 0], h, c
