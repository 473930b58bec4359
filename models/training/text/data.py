"""Training texts: clean documents from the poetry folder and Debian's fortunes, split by document.

Documents:
  * Dickinson: the Project Gutenberg text without its header/footer, preface and transcriber's note,
    split into poems at the Roman-numeral lines (the numeral itself is dropped, titles are kept).
  * Shakespeare's sonnets (lines joined with newlines) and proverbs (one document each), JSON from dariusk/corpora.
  * Debian `fortunes` + `fortunes-min`: the `%`-separated entries of every file in .cache/fortunes/.
Whitespace: tabs -> 4 spaces, trailing spaces stripped, leading/trailing blank lines removed, runs of more than
two blank lines squeezed. Entries longer than 2,000 characters (a few long ASCII-art pieces and lists) are dropped.
Split: by document, ~5 % held out, fixed seed (SEED), stratified by source so every source is in both parts.
"""
import argparse
import glob
import json
import os
import random
import re

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_POETRY = os.path.abspath(os.path.join(HERE, "..", "..", "..", "..", "shared", "data", "poetry"))
DEFAULT_FORTUNES = os.path.join(HERE, ".cache", "fortunes")
SEED = 1234
HELD_OUT = 0.05
MAX_CHARS = 2000
EOT = "<|endoftext|>"


def clean(text):
    text = text.replace("\r\n", "\n").replace("\r", "\n").expandtabs(4)
    lines = [ln.rstrip() for ln in text.split("\n")]
    text = "\n".join(lines).strip("\n")
    text = re.sub(r"\n{4,}", "\n\n\n", text)
    return text


def dickinson(poetry_dir):
    path = glob.glob(os.path.join(poetry_dir, "dickinson", "*.txt"))[0]
    with open(path, encoding="utf-8", errors="replace") as f:
        raw = f.read()
    start = raw.index("*** START OF")
    start = raw.index("\n", start) + 1
    end = raw.index("*** END OF")
    body = raw[start:end]
    body = body.split("End of Project Gutenberg")[0]
    parts = re.split(r"(?m)^\s*[IVXLC]+\.\s*$", body)
    docs = []
    for p in parts[1:]:  # parts[0]: producer line, title, preface, transcriber's note
        # series/section headings that end up at the tail of a poem
        p = re.sub(r"(?m)^\s*(FIRST|SECOND|THIRD) SERIES\.?\s*$", "", p)
        p = re.sub(r"(?m)^\s*(LIFE|LOVE|NATURE|TIME AND ETERNITY)\.\s*$\n\n\n", "", p)
        # the poems are indented in the source; remove the common indent
        lines = p.split("\n")
        ind = min((len(l) - len(l.lstrip(" ")) for l in lines if l.strip()), default=0)
        p = "\n".join(l[ind:] for l in lines)
        p = clean(p)
        if len(p) > 20:
            docs.append(p)
    return docs


def sonnets(poetry_dir):
    with open(os.path.join(poetry_dir, "corpora", "shakespeare_sonnets.json"), encoding="utf-8") as f:
        js = json.load(f)
    return [clean("\n".join(s["lines"])) for s in js["sonnets"]]


def proverbs(poetry_dir):
    with open(os.path.join(poetry_dir, "corpora", "proverbs.json"), encoding="utf-8") as f:
        js = json.load(f)
    out = []
    for group in js["proverbs"]:
        for _, items in group.items():
            out.extend(clean(p) for p in items)
    return [p for p in out if p]


def fortunes(fortune_dir):
    docs = []
    for path in sorted(glob.glob(os.path.join(fortune_dir, "*"))):
        if os.path.basename(path).startswith("COPYRIGHT"):
            continue
        with open(path, "rb") as f:
            raw = f.read().decode("utf-8", errors="replace")
        for entry in re.split(r"(?m)^%\s*$", raw):
            e = clean(entry)
            if e and len(e) <= MAX_CHARS:
                docs.append(e)
    return docs


def load_documents(poetry_dir=DEFAULT_POETRY, fortune_dir=DEFAULT_FORTUNES):
    """{source: [documents]}"""
    return {
        "dickinson": dickinson(poetry_dir),
        "sonnets": sonnets(poetry_dir),
        "proverbs": proverbs(poetry_dir),
        "fortunes": fortunes(fortune_dir),
    }


def split(docs_by_source, seed=SEED, held_out=HELD_OUT):
    """(train, heldout): lists of documents; the held-out share is drawn per source with a fixed seed."""
    rng = random.Random(seed)
    train, held = [], []
    for src in sorted(docs_by_source):
        docs = list(docs_by_source[src])
        idx = list(range(len(docs)))
        rng.shuffle(idx)
        n = max(1, round(len(docs) * held_out))
        hs = set(idx[:n])
        held.extend(d for i, d in enumerate(docs) if i in hs)
        train.extend(d for i, d in enumerate(docs) if i not in hs)
    return train, held


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--poetry", default=DEFAULT_POETRY)
    ap.add_argument("--fortunes", default=DEFAULT_FORTUNES)
    ap.add_argument("--out", default=os.path.join(HERE, ".cache", "split.json"))
    a = ap.parse_args()
    by = load_documents(a.poetry, a.fortunes)
    for k, v in by.items():
        print(f"{k}: {len(v)} documents, {sum(len(d.encode('utf-8')) for d in v)} bytes")
    train, held = split(by)
    print(f"train {len(train)} docs / held out {len(held)} docs")
    with open(a.out, "w", encoding="utf-8") as f:
        json.dump({"seed": SEED, "train": train, "heldout": held}, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
