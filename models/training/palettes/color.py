"""sRGB (8-bit hex) <-> linear sRGB <-> OKLab, both directions, numpy (float64).

OKLab is Björn Ottosson's perceptual space (https://bottosson.github.io/posts/oklab/), with his published
matrices: linear sRGB -M1-> LMS -cube root-> -M2-> (L, a, b), and back with his inverse matrices
(cube instead of cube root). L is 0 (black) .. 1 (white); a, b are roughly -0.24 .. 0.28 / -0.32 .. 0.20 over
the sRGB gamut.

The sRGB transfer curve (IEC 61966-2-1) is extended sign-symmetrically outside [0, 1], so slightly out-of-gamut
values (dequantisation noise at 0 and 255, flow samples) map back and forth without NaNs; `in_gamut` says which
colours are inside. `log_abs_det_jacobian` is log |det d(OKLab)/d(sRGB)| of one colour (the change of volume
from the gamma-encoded sRGB cube, values 0..1, to OKLab), used to turn an OKLab density into 8-bit
probabilities (see evaluate.py).
"""
import numpy as np

# linear sRGB -> LMS
M1 = np.array([[0.4122214708, 0.5363325363, 0.0514459929],
               [0.2119034982, 0.6806995451, 0.1073969566],
               [0.0883024619, 0.2817188376, 0.6299787005]])
# LMS^(1/3) -> OKLab
M2 = np.array([[0.2104542553, 0.7936177850, -0.0040720468],
               [1.9779984951, -2.4285922050, 0.4505937099],
               [0.0259040371, 0.7827717662, -0.8086757660]])
# OKLab -> LMS^(1/3)
M2_INV = np.array([[1.0, 0.3963377774, 0.2158037573],
                   [1.0, -0.1055613458, -0.0638541728],
                   [1.0, -0.0894841775, -1.2914855480]])
# LMS -> linear sRGB
M1_INV = np.array([[4.0767416621, -3.3077115913, 0.2309699292],
                   [-1.2684380046, 2.6097574011, -0.3413193965],
                   [-0.0041960863, -0.7034186147, 1.7076147010]])


def hex_to_srgb8(palette):
    """['#rrggbb', ...] -> uint8 [n, 3]."""
    return np.array([[int(h[1 + 2 * i:3 + 2 * i], 16) for i in range(3)] for h in palette], dtype=np.uint8)


def srgb8_to_hex(rgb):
    """uint8-like [n, 3] -> ['#rrggbb', ...]."""
    return ["#" + "".join(f"{int(v):02x}" for v in c) for c in np.asarray(rgb).reshape(-1, 3)]


def srgb_to_linear(c):
    c = np.asarray(c, dtype=np.float64)
    a = np.abs(c)
    lin = np.where(a <= 0.04045, a / 12.92, ((a + 0.055) / 1.055) ** 2.4)
    return np.sign(c) * lin


def linear_to_srgb(lin):
    lin = np.asarray(lin, dtype=np.float64)
    a = np.abs(lin)
    c = np.where(a <= 0.0031308, 12.92 * a, 1.055 * a ** (1 / 2.4) - 0.055)
    return np.sign(lin) * c


def linear_to_oklab(lin):
    """[..., 3] linear sRGB -> [..., 3] OKLab."""
    lms = np.asarray(lin, dtype=np.float64) @ M1.T
    return np.cbrt(lms) @ M2.T


def oklab_to_linear(lab):
    """[..., 3] OKLab -> [..., 3] linear sRGB (outside [0, 1] when out of gamut)."""
    lms_ = np.asarray(lab, dtype=np.float64) @ M2_INV.T
    return (lms_ ** 3) @ M1_INV.T


def srgb_to_oklab(c):
    """[..., 3] gamma-encoded sRGB in 0..1 -> OKLab."""
    return linear_to_oklab(srgb_to_linear(c))


def oklab_to_srgb(lab):
    """[..., 3] OKLab -> gamma-encoded sRGB (not clipped)."""
    return linear_to_srgb(oklab_to_linear(lab))


def srgb8_to_oklab(rgb8):
    return srgb_to_oklab(np.asarray(rgb8, dtype=np.float64) / 255.0)


def oklab_to_srgb8(lab):
    """OKLab -> uint8 sRGB, clipped to the gamut, rounded."""
    return np.clip(np.round(oklab_to_srgb(lab) * 255.0), 0, 255).astype(np.uint8)


def in_gamut(lab, tol=0.0):
    """[..., 3] OKLab -> bool [...]: every gamma-encoded sRGB channel within [-tol, 1 + tol]."""
    c = oklab_to_srgb(lab)
    return np.all((c >= -tol) & (c <= 1.0 + tol), axis=-1)


def _dlinear(c):
    a = np.abs(np.asarray(c, dtype=np.float64))
    return np.where(a <= 0.04045, 1.0 / 12.92, (2.4 / 1.055) * ((a + 0.055) / 1.055) ** 1.4)


_LOGDET_M = np.log(abs(np.linalg.det(M1))) + np.log(abs(np.linalg.det(M2)))


def log_abs_det_jacobian(c):
    """[..., 3] gamma-encoded sRGB (0..1) -> log |det d OKLab / d sRGB| [...]. Infinite only where an LMS
    component is exactly 0 (pure black); finite anywhere inside an 8-bit cell around it."""
    c = np.asarray(c, dtype=np.float64)
    lms = srgb_to_linear(c) @ M1.T
    with np.errstate(divide="ignore"):
        d_cbrt = np.log(1.0 / 3.0) - (2.0 / 3.0) * np.log(np.abs(lms))
    return _LOGDET_M + d_cbrt.sum(-1) + np.log(_dlinear(c)).sum(-1)
