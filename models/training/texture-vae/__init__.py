"""Texture VAE (models/texture-vae/): run its scripts as `python3 -m texture-vae.<script>` from models/training.

The folder name has a hyphen (it is the model id, recorded in the manifest): `python3 -m` and unittest discovery
import it fine by name, but a Python `import` statement cannot name it, so its modules import each other relatively.
"""
