"""The parts of a bundled model's model.json that every export.py writes the same way."""
import hashlib
import json
import os


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def file_entry(path, role):
    """A manifest `files` entry for a file in the model folder."""
    return {"path": os.path.basename(path), "role": role, "sha256": sha256(path), "bytes": os.path.getsize(path)}


def training_info(code, data, data_license, ck, device="cpu"):
    """The manifest's `training` block; ck is the checkpoint dict (step, train_seconds)."""
    return {
        "code": code,
        "data": data,
        "dataLicense": data_license,
        "steps": int(ck["step"]),
        "durationMinutes": round(ck.get("train_seconds", 0.0) / 60.0, 1),
        "device": device,
    }


def save_manifest(out_dir, man):
    """Write <out_dir>/model.json (2-space indent, trailing newline) and return the manifest."""
    with open(os.path.join(out_dir, "model.json"), "w") as f:
        json.dump(man, f, indent=2)
        f.write("\n")
    return man
