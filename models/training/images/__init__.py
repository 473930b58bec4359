"""Emoji diffusion model (models/emoji/) and the tiny Stable Diffusion fixture: run as `python3 -m images.<script>`
from models/training."""
