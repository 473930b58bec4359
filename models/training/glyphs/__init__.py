"""Glyph-style VAE (models/glyphs/): run its scripts as `python3 -m glyphs.<script>` from models/training."""
