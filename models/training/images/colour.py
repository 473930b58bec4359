"""Colour words for images: what colour a picture's foreground is (the card's colour-following measure and the
training captions use the same rule), and recolouring to ground the words (a red heart redrawn blue is captioned
"blue heart").

Pixel rule (HSV, h in degrees): v < 0.22 black; s < 0.18: white (v > 0.82) or grey; otherwise by hue, with dark or
dull oranges called brown and pale reds called pink. The dominant colour is the most frequent name among the
foreground pixels (pixels whose largest channel difference from the white background is over 40 of 255, or the
alpha mask when there is one); none when the foreground is under 2 % of the picture.
"""
import numpy as np

COLOURS = ["red", "orange", "yellow", "green", "blue", "purple", "pink", "brown", "black", "white", "grey"]
SYNONYMS = {"gray": "grey", "violet": "purple"}
# the colour a recoloured picture or a line icon is drawn in (sRGB)
SWATCH = {"red": (214, 40, 40), "orange": (247, 127, 0), "yellow": (245, 200, 20), "green": (42, 157, 63),
          "blue": (31, 111, 235), "purple": (123, 44, 191), "pink": (241, 91, 181), "brown": (139, 90, 43),
          "black": (25, 25, 25), "white": (250, 250, 250), "grey": (128, 128, 128)}
TARGET_HUE = {"red": 0.0, "orange": 28.0, "yellow": 52.0, "green": 120.0, "blue": 215.0, "purple": 275.0,
              "pink": 325.0, "brown": 28.0}


def rgb_to_hsv(rgb):
    """rgb float [..., 3] in [0, 1] -> h (degrees), s, v."""
    mx = rgb.max(-1)
    mn = rgb.min(-1)
    d = mx - mn
    s = np.where(mx > 0, d / np.maximum(mx, 1e-8), 0.0)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    dd = np.maximum(d, 1e-8)
    h = np.where(mx == r, ((g - b) / dd) % 6, np.where(mx == g, (b - r) / dd + 2, (r - g) / dd + 4)) * 60.0
    return np.where(d > 0, h, 0.0), s, mx


def hsv_to_rgb(h, s, v):
    h = (h % 360.0) / 60.0
    c = v * s
    x = c * (1 - np.abs(h % 2 - 1))
    m = v - c
    z = np.zeros_like(h)
    i = np.floor(h).astype(int) % 6
    parts = [(c, x, z), (x, c, z), (z, c, x), (z, x, c), (x, z, c), (c, z, x)]
    out = np.zeros(h.shape + (3,))
    for k, (r, g, b) in enumerate(parts):
        sel = i == k
        out[sel] = np.stack([r[sel], g[sel], b[sel]], -1)
    return out + m[..., None]


def pixel_names(rgb):
    """rgb float [..., 3] in [0, 1] -> colour index per pixel (into COLOURS)."""
    h, s, v = rgb_to_hsv(rgb)
    out = np.full(h.shape, COLOURS.index("grey"))
    chroma = (v >= 0.22) & (s >= 0.18)
    out = np.where((v >= 0.22) & (s < 0.18) & (v > 0.82), COLOURS.index("white"), out)
    hue = np.select(
        [(h < 12) | (h >= 340), h < 42, h < 70, h < 165, h < 255, h < 290],
        [COLOURS.index("red"), COLOURS.index("orange"), COLOURS.index("yellow"), COLOURS.index("green"),
         COLOURS.index("blue"), COLOURS.index("purple")], COLOURS.index("pink"))
    red = hue == COLOURS.index("red")
    hue = np.where(red & (s < 0.55) & (v > 0.75), COLOURS.index("pink"), hue)
    orange = hue == COLOURS.index("orange")
    hue = np.where(orange & ((v < 0.62) | ((s < 0.5) & (v < 0.85))), COLOURS.index("brown"), hue)
    hue = np.where((hue == COLOURS.index("yellow")) & (v < 0.45), COLOURS.index("brown"), hue)
    hue = np.where((hue == COLOURS.index("pink")) & (v < 0.5), COLOURS.index("purple"), hue)
    out = np.where(chroma, hue, out)
    return np.where(v < 0.22, COLOURS.index("black"), out)


def foreground(img, alpha=None):
    """img uint8 [H, W, 3] (on white) -> bool mask."""
    if alpha is not None:
        return alpha > 127
    return (255 - img.astype(np.int32)).max(-1) > 40


def dominant(img, alpha=None, min_share=0.02):
    """-> (colour name or None, its share of the foreground)."""
    m = foreground(img, alpha)
    if m.mean() < min_share:
        return None, 0.0
    names = pixel_names(img[m].astype(np.float64) / 255.0)
    counts = np.bincount(names, minlength=len(COLOURS))
    k = int(counts.argmax())
    return COLOURS[k], float(counts[k] / counts.sum())


def recolour(rgba, target):
    """Redraw the main colour region of an RGBA emoji (uint8 [H, W, 4]) in `target`. Returns RGBA, or None when the
    picture has no single chromatic main colour (a rainbow, a flag) or the result does not read as `target`."""
    rgb = rgba[..., :3].astype(np.float64) / 255.0
    a = rgba[..., 3]
    fg = a > 127
    if fg.mean() < 0.02:
        return None
    names = pixel_names(rgb)
    counts = np.bincount(names[fg], minlength=len(COLOURS))
    k = int(counts.argmax())
    if COLOURS[k] in ("black", "white", "grey") or counts[k] < 0.4 * counts.sum() or COLOURS[k] == target:
        return None
    h, s, v = rgb_to_hsv(rgb)
    hk = h[fg & (names == k)]
    mean_h = np.degrees(np.arctan2(np.sin(np.radians(hk)).mean(), np.cos(np.radians(hk)).mean())) % 360
    dist = np.abs((h - mean_h + 180) % 360 - 180)
    region = (a > 0) & (s > 0.15) & (v > 0.2) & (dist < 40)
    h2, s2, v2 = h.copy(), s.copy(), v.copy()
    if target in TARGET_HUE:
        h2 = np.where(region, TARGET_HUE[target] + 0.5 * ((h - mean_h + 180) % 360 - 180), h)
        if target == "brown":
            s2 = np.where(region, np.maximum(s, 0.55), s)
            v2 = np.where(region, v * 0.55, v)
        elif target == "pink":
            s2 = np.where(region, s * 0.6, s)
            v2 = np.where(region, 0.65 + 0.35 * v, v)
        elif target in ("yellow", "orange"):
            v2 = np.where(region, np.maximum(v, 0.85), v)
    elif target == "black":
        s2 = np.where(region, s * 0.2, s)
        v2 = np.where(region, v * 0.18, v)
    elif target == "white":
        s2 = np.where(region, s * 0.06, s)
        v2 = np.where(region, 0.88 + 0.12 * v, v)
    else:  # grey
        s2 = np.where(region, s * 0.05, s)
        v2 = np.where(region, 0.35 + 0.35 * v, v)
    out = np.clip(hsv_to_rgb(h2, s2, v2) * 255 + 0.5, 0, 255).astype(np.uint8)
    res = np.concatenate([out, rgba[..., 3:]], -1)
    got, _ = dominant(composite(res), a)
    return res if got == target else None


def composite(rgba):
    """RGBA uint8 -> RGB uint8 on white."""
    a = rgba[..., 3:].astype(np.float64) / 255.0
    return np.clip(rgba[..., :3] * a + 255 * (1 - a) + 0.5, 0, 255).astype(np.uint8)


def tint(alpha, target):
    """A line icon's coverage (uint8 [H, W]) drawn in `target` on white -> RGB uint8."""
    a = alpha[..., None].astype(np.float64) / 255.0
    c = np.array(SWATCH[target], np.float64)
    return np.clip(c * a + 255 * (1 - a) + 0.5, 0, 255).astype(np.uint8)
