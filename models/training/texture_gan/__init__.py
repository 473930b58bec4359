"""Texture GAN: a periodic spatial GAN over every GIMP pattern with a continuous style space (README.md)."""
