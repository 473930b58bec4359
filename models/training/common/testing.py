"""Helpers for the training folders' tests."""
import json
import math


def json_diff(a, b, atol=0.0, where="$"):
    """The first difference between two parsed JSON values, as "path: a != b", or None when they match: same
    structure, keys, strings, booleans and integers; floats within atol."""
    if isinstance(a, dict) and isinstance(b, dict):
        if list(a) != list(b):
            return f"{where}: keys {list(a)} != {list(b)}"
        for k in a:
            d = json_diff(a[k], b[k], atol, f"{where}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{where}: length {len(a)} != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            d = json_diff(x, y, atol, f"{where}[{i}]")
            if d:
                return d
        return None
    if isinstance(a, float) or isinstance(b, float):
        num = (int, float)
        if isinstance(a, num) and isinstance(b, num) and not isinstance(a, bool) and not isinstance(b, bool) \
                and (a == b or math.isclose(a, b, rel_tol=0.0, abs_tol=atol)):
            return None
        return f"{where}: {a!r} != {b!r}"
    return None if (type(a) is type(b) and a == b) else f"{where}: {a!r} != {b!r}"


def json_file_diff(path_a, path_b, atol=0.0):
    with open(path_a, encoding="utf-8") as fa, open(path_b, encoding="utf-8") as fb:
        return json_diff(json.load(fa), json.load(fb), atol)
