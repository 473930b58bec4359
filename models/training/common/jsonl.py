"""A training log: one JSON object a line, flushed after every line, so `tail -f` and a cut-short run both see it.

    log = JsonlLog(os.path.join(out, "log.jsonl"))      # appends (a resumed run continues the same file)
    log.log(step, loss=..., lr=...)                     # -> {"step": ..., "time": <unix seconds>, "loss": ..., ...}

Values may be Python numbers, numpy scalars and arrays or tensors (through .tolist()); `echo=True` also
prints each line to stdout.
"""
import json
import time


def _plain(v):
    if hasattr(v, "tolist"):  # numpy scalars and arrays, torch tensors
        return v.tolist()
    if hasattr(v, "item"):
        return v.item()
    raise TypeError(f"not JSON serialisable: {type(v).__name__}")


class JsonlLog:
    def __init__(self, path, echo=False, append=True):
        self.path = path
        self.echo = echo
        self.f = open(path, "a" if append else "w")

    def log(self, step, **metrics):
        """Write {"step", "time", **metrics} as one line and flush; returns the record."""
        rec = {"step": int(step), "time": round(time.time(), 3), **metrics}
        line = json.dumps(rec, default=_plain)
        self.f.write(line + "\n")
        self.f.flush()
        if self.echo:
            print(line, flush=True)
        return rec

    def close(self):
        self.f.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def read_jsonl(path):
    """All records of a JSONL file; a torn last line (from a writer killed mid-line) is skipped, other bad lines
    raise."""
    with open(path) as f:
        lines = [ln for ln in (raw.strip() for raw in f) if ln]
    out = []
    for i, line in enumerate(lines):
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            if i != len(lines) - 1:
                raise
    return out
