"""Resumable training checkpoints: one layout, written atomically.

A checkpoint is a dict saved with torch.save (make_checkpoint builds it):

    format         1
    model          the model's state_dict (the weights export.py reads)
    opt            the optimizer's state_dict, or None
    scheduler      the LR scheduler's state_dict, or None (trainers that compute the LR from `step` have none)
    ema            the state_dict of an EMA copy of the model, or None
    step           optimisation steps done; a resumed run continues from here
    config         what rebuilds the model (a config name or a dict)
    train_seconds  training wall time so far
    args           the command line (vars(args))
    rng            {"python", "numpy", "torch", "cuda" (when CUDA is in use), "generators": {name: state}}, or None
    device, torch  the training device, the torch version
    ...            any model-specific keys (the texture generator's styles, the text model's cfg, ...)

A run directory holds `last.pt`, rewritten at every save, and optional snapshots `step-00001000.pt`
(save_checkpoint(..., snapshot=True)); load_latest(dir) returns the newest one that loads. Every file is written to
a temporary file in the same directory, flushed and fsync'ed, then os.replace'd over the target (and the directory
fsync'ed), so an interrupted save leaves the previous checkpoint intact, never a torn one.

torch is imported inside the functions: `import common` works without it.
"""
import os
import random
import re
import warnings

import numpy as np

FORMAT = 1
LAST = "last.pt"
_SNAPSHOT = re.compile(r"^step-(\d+)\.pt$")


def _fsync_dir(d):
    try:
        fd = os.open(d, os.O_RDONLY)
    except OSError:  # e.g. not possible on this platform
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(path, write, mode="wb"):
    """Write a file atomically: write(f) fills a temporary file next to `path` (opened with `mode`), which is then
    flushed, fsync'ed and renamed over `path`. Returns path."""
    d = os.path.dirname(os.path.abspath(path))
    os.makedirs(d, exist_ok=True)
    tmp = os.path.join(d, f".{os.path.basename(path)}.{os.getpid()}.tmp")
    try:
        with open(tmp, mode) as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    _fsync_dir(d)
    return path


def atomic_save(obj, path):
    """torch.save(obj, path), atomically (see atomic_write)."""
    import torch
    return atomic_write(path, lambda f: torch.save(obj, f))


def _np_legacy_state(state):
    name, keys, pos, has_gauss, cached = state
    return [name, np.asarray(keys).tolist(), int(pos), int(has_gauss), float(cached)]


def _generator_state(g):
    if isinstance(g, np.random.Generator):
        return g.bit_generator.state
    if isinstance(g, np.random.RandomState):
        return _np_legacy_state(g.get_state())
    return g.get_state()  # torch.Generator


def _set_generator_state(g, state):
    if isinstance(g, np.random.Generator):
        g.bit_generator.state = state
    elif isinstance(g, np.random.RandomState):
        g.set_state(tuple(state))
    else:
        g.set_state(state)


def rng_state(generators=None):
    """The global RNG states (Python, numpy, torch CPU, and every CUDA device once CUDA is in use) plus the states of
    the named generators (numpy Generator / RandomState, torch.Generator), as plain picklable values."""
    import torch
    st = {"python": random.getstate(), "numpy": _np_legacy_state(np.random.get_state()),
          "torch": torch.get_rng_state()}
    if torch.cuda.is_available() and torch.cuda.is_initialized():
        st["cuda"] = torch.cuda.get_rng_state_all()
    if generators:
        st["generators"] = {name: _generator_state(g) for name, g in generators.items()}
    return st


def set_rng_state(state, generators=None):
    """Restore what rng_state saved; `generators` are the objects to restore the named generator states into
    (names missing from the checkpoint are left alone)."""
    import torch
    random.setstate(state["python"])
    np.random.set_state(tuple(state["numpy"]))
    torch.set_rng_state(state["torch"])
    if state.get("cuda") is not None and torch.cuda.is_available() and len(state["cuda"]) == torch.cuda.device_count():
        torch.cuda.set_rng_state_all(state["cuda"])
    saved = state.get("generators") or {}
    for name, g in (generators or {}).items():
        if name in saved:
            _set_generator_state(g, saved[name])


def _state_dict(x):
    return None if x is None else (x.state_dict() if hasattr(x, "state_dict") else x)


class Optimizers:
    """Several named optimizers (e.g. a GAN's generator and critic) saved and restored as one: pass it as
    make_checkpoint's and restore's optimizer. Optimizers(g=opt_g, d=opt_d).state_dict() == {"g": ..., "d": ...}."""

    def __init__(self, **optimizers):
        self.optimizers = optimizers

    def state_dict(self):
        return {name: o.state_dict() for name, o in self.optimizers.items()}

    def load_state_dict(self, state):
        missing = sorted(set(self.optimizers) - set(state))
        if missing:
            raise KeyError(f"checkpoint has no state for optimizer(s) {', '.join(missing)}")
        for name, o in self.optimizers.items():
            o.load_state_dict(state[name])


def make_checkpoint(model, step, *, optimizer=None, scheduler=None, ema=None, config=None, train_seconds=0.0,
                    args=None, rng=True, generators=None, device="cpu", **extra):
    """A checkpoint dict in the common layout (module docstring). model / optimizer / scheduler / ema: the objects
    (their state_dict() is taken) or state dicts; rng=True records rng_state(generators); extra keys are added."""
    import torch
    ck = {
        "format": FORMAT,
        "model": _state_dict(model),
        "opt": _state_dict(optimizer),
        "scheduler": _state_dict(scheduler),
        "ema": _state_dict(ema),
        "step": int(step),
        "config": config,
        "train_seconds": float(train_seconds),
        "args": dict(args) if args is not None else {},
        "rng": rng_state(generators) if rng else None,
        "device": str(device),
        "torch": str(torch.__version__),
    }
    ck.update(extra)
    return ck


def snapshot_name(step):
    return f"step-{int(step):08d}.pt"


def save_checkpoint(directory, ck, snapshot=False):
    """Write ck as <directory>/last.pt (and, with snapshot=True, also as <directory>/step-<step>.pt), atomically.
    Returns the path of last.pt."""
    os.makedirs(directory, exist_ok=True)
    if snapshot:
        atomic_save(ck, os.path.join(directory, snapshot_name(ck["step"])))
    return atomic_save(ck, os.path.join(directory, LAST))


def load_file(path):
    """torch.load of one of our own checkpoints onto the CPU (full unpickling: only load files you trust)."""
    import torch
    try:
        return torch.load(path, map_location="cpu", weights_only=False)
    except TypeError:  # torch without the weights_only argument
        return torch.load(path, map_location="cpu")


def _try_load(path):
    try:
        return load_file(path)
    except Exception as e:  # noqa: BLE001  (unreadable: say so and try the next one)
        warnings.warn(f"skipping unreadable checkpoint {path}: {e}")
        return None


def load_latest(directory):
    """The newest checkpoint of a run directory: last.pt, or a step-*.pt snapshot with a higher step (or when
    last.pt is missing or unreadable). None when the directory holds none."""
    if not os.path.isdir(directory):
        return None
    snaps = sorted(((int(m.group(1)), os.path.join(directory, f)) for f in os.listdir(directory)
                    for m in [_SNAPSHOT.match(f)] if m), reverse=True)
    last = os.path.join(directory, LAST)
    ck = _try_load(last) if os.path.exists(last) else None
    for step, path in snaps:
        if ck is not None and int(ck.get("step", 0)) >= step:
            break
        snap = _try_load(path)
        if snap is not None:
            return snap
    return ck


def load_resume(path):
    """--resume argument: a checkpoint file, or a run directory (load_latest). Raises when there is nothing."""
    ck = load_latest(path) if os.path.isdir(path) else load_file(path)
    if ck is None:
        raise FileNotFoundError(f"no checkpoint in {path}")
    return ck


def restore(ck, model=None, optimizer=None, scheduler=None, ema=None, rng=False, generators=None):
    """Load the states of a checkpoint into the given objects (those given and present in ck); with rng=True also
    the RNG states (see set_rng_state). Returns the step to continue from."""
    if model is not None:
        model.load_state_dict(ck["model"])
    if optimizer is not None and ck.get("opt") is not None:
        optimizer.load_state_dict(ck["opt"])
    if scheduler is not None and ck.get("scheduler") is not None:
        scheduler.load_state_dict(ck["scheduler"])
    if ema is not None and ck.get("ema") is not None:
        ema.load_state_dict(ck["ema"])
    if rng and ck.get("rng"):
        set_rng_state(ck["rng"], generators)
    return int(ck.get("step", 0))


def load_checkpoint(path, build):
    """A checkpoint on the CPU; build(ck) makes the model, which gets ck["model"]. Returns (model in eval mode, ck)."""
    ck = load_file(path)
    model = build(ck)
    model.load_state_dict(ck["model"])
    return model.eval(), ck
