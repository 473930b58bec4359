"""colour.py: the colour names the captions and the card use, and recolouring.
  cd models/training && /usr/bin/python3 -m unittest images.test_colour
"""
import unittest

import numpy as np

from . import colour as col


def disk(rgb, size=48, r=16):
    yy, xx = np.mgrid[:size, :size]
    inside = (yy - size / 2) ** 2 + (xx - size / 2) ** 2 < r * r
    rgba = np.zeros((size, size, 4), np.uint8)
    rgba[inside, :3] = rgb
    rgba[inside, 3] = 255
    return rgba


class ColourTest(unittest.TestCase):
    def test_swatches_are_named_as_themselves(self):
        for name, rgb in col.SWATCH.items():
            px = np.array(rgb, np.float64)[None] / 255.0
            self.assertEqual(col.COLOURS[int(col.pixel_names(px)[0])], name)

    def test_dominant_ignores_the_white_background(self):
        rgb = col.composite(disk((31, 111, 235)))
        self.assertEqual(col.dominant(rgb)[0], "blue")
        self.assertEqual(col.dominant(np.full((48, 48, 3), 255, np.uint8)), (None, 0.0))

    def test_recolour_moves_the_main_colour_and_keeps_the_shape(self):
        red = disk((214, 40, 40))
        for target in ("blue", "green", "yellow", "brown", "pink", "black", "grey"):
            out = col.recolour(red, target)
            self.assertIsNotNone(out, target)
            self.assertEqual(col.dominant(col.composite(out), out[..., 3])[0], target)
            np.testing.assert_array_equal(out[..., 3], red[..., 3])

    def test_recolour_refuses_pictures_without_one_main_colour(self):
        flag = disk((214, 40, 40))
        flag[:24, 24:, :3] = (31, 111, 235)
        flag[24:, :24, :3] = (42, 157, 63)
        flag[24:, 24:, :3] = (245, 200, 20)
        self.assertIsNone(col.recolour(flag, "purple"))  # four colour quarters: none is 40 % of it
        grey = disk((128, 128, 128))
        self.assertIsNone(col.recolour(grey, "red"))  # no chromatic main colour
        self.assertIsNone(col.recolour(disk((214, 40, 40)), "red"))  # already red

    def test_tint_draws_a_coverage_mask_in_the_colour(self):
        a = np.zeros((8, 8), np.uint8)
        a[2:6, 2:6] = 255
        out = col.tint(a, "purple")
        self.assertEqual(tuple(out[3, 3]), col.SWATCH["purple"])
        self.assertEqual(tuple(out[0, 0]), (255, 255, 255))


if __name__ == "__main__":
    unittest.main()
