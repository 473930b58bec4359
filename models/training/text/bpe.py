"""Byte-level BPE (GPT-2 style) trained by our own code, saved as a standard Hugging Face tokenizer.json.

* Bytes -> printable unicode characters with GPT-2's `bytes_to_unicode` table; ids 0..255 are the 256 byte symbols
  in that table's order, then one id per merge, then the special token `<|endoftext|>` (the last id).
* Pre-tokenisation: GPT-2's regex (the one the `ByteLevel` pre-tokenizer uses with use_regex: true,
  add_prefix_space: false). Merges never cross pre-token boundaries.
* Training: classic BPE over the pre-token counts of the training split, with incremental pair counts; ties are
  broken by the pair itself so the result is deterministic.
* `Tokenizer` below is an independent encoder/decoder for a tokenizer.json written this way (used for the training
  data and the round-trip tests); the app loads the same file with @huggingface/tokenizers / transformers.js.

    cd models/training && /usr/bin/python3 -m text.bpe --vocab 3072 --out ../text/tokenizer.json   # trains on the training split only
"""
import argparse
import collections
import json
import os

import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
EOT = "<|endoftext|>"
GPT2_PATTERN = r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"""
# Python's `re` has no \p{..}: the same pattern with explicit classes built from unicodedata (L*, N* categories)
# and the Unicode White_Space property for \s, so it splits exactly like the `regex`/Oniguruma version.
_WS = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"


def _char_class(prefix):
    ranges, start, prev = [], None, None
    for cp in range(sys.maxunicode + 1):
        if unicodedata.category(chr(cp)).startswith(prefix):
            if start is None:
                start = cp
            prev = cp
        elif start is not None:
            ranges.append((start, prev))
            start = None
    if start is not None:
        ranges.append((start, prev))
    return "".join(re.escape(chr(a)) if a == b else re.escape(chr(a)) + "-" + re.escape(chr(b)) for a, b in ranges)


_L, _N = _char_class("L"), _char_class("N")
_PAT = re.compile(
    rf"""'s|'t|'re|'ve|'m|'ll|'d| ?[{_L}]+| ?[{_N}]+| ?[^{_WS}{_L}{_N}]+|[{_WS}]+(?![^{_WS}])|[{_WS}]+""")


def bytes_to_unicode():
    """GPT-2's reversible byte -> unicode character table (printable characters stand for themselves)."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, map(chr, cs)))


BYTE_ENC = bytes_to_unicode()
BYTE_DEC = {v: k for k, v in BYTE_ENC.items()}


def pretokenize(text):
    """GPT-2 regex pieces, each mapped to its byte-level unicode string."""
    return ["".join(BYTE_ENC[b] for b in piece.encode("utf-8")) for piece in _PAT.findall(text)]


def train_bpe(texts, vocab_size, log_every=500):
    """Returns (vocab {token: id}, merges [(a, b)]). vocab_size includes the 256 bytes and EOT."""
    counts = collections.Counter()
    for t in texts:
        counts.update(pretokenize(t))
    words = [list(w) for w in counts]
    freq = [counts[w] for w in counts]
    pair_count = collections.Counter()
    pair_where = collections.defaultdict(set)
    for i, w in enumerate(words):
        for a, b in zip(w, w[1:]):
            pair_count[(a, b)] += freq[i]
            pair_where[(a, b)].add(i)
    byte_syms = [BYTE_ENC[b] for b in range(256)]
    vocab = {s: i for i, s in enumerate(byte_syms)}
    merges = []
    n_merges = vocab_size - 256 - 1
    while len(merges) < n_merges and pair_count:
        best = max(pair_count.items(), key=lambda kv: (kv[1], kv[0]))[0]
        if pair_count[best] < 2:
            break
        a, b = best
        new = a + b
        merges.append(best)
        vocab[new] = len(vocab)
        for i in list(pair_where[best]):
            w = words[i]
            f = freq[i]
            # remove the old pairs of this word
            for p in zip(w, w[1:]):
                pair_count[p] -= f
                if pair_count[p] <= 0:
                    del pair_count[p]
                pair_where[p].discard(i)
            out = []
            j = 0
            while j < len(w):
                if j < len(w) - 1 and w[j] == a and w[j + 1] == b:
                    out.append(new)
                    j += 2
                else:
                    out.append(w[j])
                    j += 1
            words[i] = out
            for p in zip(out, out[1:]):
                pair_count[p] += f
                pair_where[p].add(i)
        pair_where.pop(best, None)
        if log_every and len(merges) % log_every == 0:
            print(f"  {len(merges)} merges, last {new!r}", flush=True)
    vocab[EOT] = len(vocab)
    return vocab, merges


def tokenizer_json(vocab, merges):
    """A standard Hugging Face tokenizers JSON (same layout as GPT-2's tokenizer.json)."""
    eot_id = vocab[EOT]
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [{
            "id": eot_id, "content": EOT, "single_word": False, "lstrip": False, "rstrip": False,
            "normalized": True, "special": True,
        }],
        "normalizer": None,
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
        "post_processor": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": False, "use_regex": True},
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        "model": {
            "type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": "",
            "end_of_word_suffix": "", "fuse_unk": False, "byte_fallback": False,
            "vocab": vocab,
            "merges": [f"{a} {b}" for a, b in merges],
        },
    }


class Tokenizer:
    """Encoder/decoder for a byte-level BPE tokenizer.json (our own implementation, no `tokenizers`)."""

    def __init__(self, path_or_dict):
        js = path_or_dict
        if isinstance(js, str):
            with open(js, encoding="utf-8") as f:
                js = json.load(f)
        m = js["model"]
        assert m["type"] == "BPE"
        self.vocab = m["vocab"]
        self.inv = {i: t for t, i in self.vocab.items()}
        merges = [tuple(x.split(" ")) if isinstance(x, str) else tuple(x) for x in m["merges"]]
        self.ranks = {p: i for i, p in enumerate(merges)}
        self.special = {t["content"]: t["id"] for t in js.get("added_tokens", [])}
        for c, i in self.special.items():
            self.inv[i] = c
        self._special_re = re.compile("(" + "|".join(re.escape(s) for s in self.special) + ")") if self.special else None
        self.cache = {}
        self.eot_id = self.special.get(EOT)

    def _bpe(self, piece):
        if piece in self.cache:
            return self.cache[piece]
        w = list(piece)
        while len(w) > 1:
            pairs = [(self.ranks.get((a, b), 1 << 30), k) for k, (a, b) in enumerate(zip(w, w[1:]))]
            r, k = min(pairs)
            if r == 1 << 30:
                break
            a, b = w[k], w[k + 1]
            out, j = [], 0
            while j < len(w):
                if j < len(w) - 1 and w[j] == a and w[j + 1] == b:
                    out.append(a + b)
                    j += 2
                else:
                    out.append(w[j])
                    j += 1
            w = out
        ids = [self.vocab[s] for s in w]
        self.cache[piece] = ids
        return ids

    def encode(self, text):
        parts = self._special_re.split(text) if self._special_re else [text]
        ids = []
        for part in parts:
            if not part:
                continue
            if part in self.special:
                ids.append(self.special[part])
                continue
            for piece in pretokenize(part):
                ids.extend(self._bpe(piece))
        return ids

    def decode(self, ids, skip_special=False):
        out = bytearray()
        for i in ids:
            t = self.inv[int(i)]
            if t in self.special:
                if not skip_special:
                    out.extend(t.encode("utf-8"))
            else:
                out.extend(BYTE_DEC[c] for c in t)
        return out.decode("utf-8", errors="replace")

    def token_bytes(self, i):
        """The bytes of one token (special tokens: empty)."""
        t = self.inv[int(i)]
        return b"" if t in self.special else bytes(BYTE_DEC[c] for c in t)


def main():
    from . import data
    ap = argparse.ArgumentParser()
    ap.add_argument("--vocab", type=int, default=3072)
    ap.add_argument("--out", default=os.path.join(HERE, "..", "..", "text", "tokenizer.json"))
    a = ap.parse_args()
    train, _ = data.split(data.load_documents())
    vocab, merges = train_bpe(train, a.vocab)
    js = tokenizer_json(vocab, merges)
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w", encoding="utf-8") as f:
        json.dump(js, f, ensure_ascii=False)
    print(f"vocab {len(vocab)} ({len(merges)} merges) -> {a.out}")


def write_js_cases(path, tokenizer=os.path.join(HERE, "..", "..", "text", "tokenizer.json")):
    """Texts + our ids for check_tokenizer_js.mjs (varied Unicode and the first 300 held-out documents)."""
    from . import data
    tok = Tokenizer(tokenizer)
    texts = ["Hope is the thing with feathers\nThat perches in the soul,", "Café crème, naïve résumé — Ærøskøbing, Łódź",
             "日本語のテキストと中文文本，한국어도。", "Emoji: 🙂👍🏽 👨‍👩‍👧‍👦 🏳️‍🌈 🇫🇷",
             "tabs\tand  double  spaces\n\n\n  indented\r\nx\u00a0y", "Numbers 3.14159, ½, ², Ⅻ; don't we'll",
             "A friend<|endoftext|>B"]
    texts += data.split(data.load_documents())[1][:300]
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump([{"text": t, "ids": tok.encode(t)} for t in texts], f, ensure_ascii=False)


if __name__ == "__main__":
    main()

